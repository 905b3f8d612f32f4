package dev.cnm.core.host;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.host.HostRules;
import dev.cnm.api.host.Rule;
import dev.cnm.api.host.RuleTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The in-memory rule tables of one host, rendered like {@code iptables-save} (nf_tables flavour, as
 * on current distributions): tables in the order filter, nat, mangle, each shown once it has a
 * user chain, a rule or a non-default policy; built-in chains in kernel order, then user chains by
 * name; counters always {@code [0:0]}.
 *
 * <pre>{@code
 * DefaultHostRules rules = DefaultHostRules.create();
 * rules.ensureChain(RuleTable.FILTER, "DOCKER-USER");
 * rules.append(Rule.of(RuleTable.FILTER, "DOCKER-USER", "-j RETURN"));
 * rules.save();
 * // *filter
 * // :INPUT ACCEPT [0:0]
 * // :FORWARD ACCEPT [0:0]
 * // :OUTPUT ACCEPT [0:0]
 * // :DOCKER-USER - [0:0]
 * // -A DOCKER-USER -j RETURN
 * // COMMIT
 * }</pre>
 */
public final class DefaultHostRules implements HostRules {
  /** Targets iptables knows without a chain of that name. */
  private static final Set<String> BUILTIN_TARGETS = Set.of("ACCEPT", "DROP", "RETURN", "REJECT", "DNAT", "SNAT",
      "MASQUERADE", "REDIRECT", "CHECKSUM", "LOG", "MARK", "CONNMARK", "NOTRACK", "CT", "TCPMSS", "QUEUE",
      "NFQUEUE", "TPROXY", "TRACE");

  /** Guarded by {@code this}. */
  private final Map<RuleTable, TableState> tables = new EnumMap<>(RuleTable.class);

  private DefaultHostRules() {
    for (RuleTable t : RuleTable.values()) {
      tables.put(t, new TableState(t));
    }
  }

  /** {@return empty tables: only the built-in chains, all with policy ACCEPT} */
  public static DefaultHostRules create() {
    return new DefaultHostRules();
  }

  @Override
  public synchronized boolean ensureChain(RuleTable table, String chain) {
    TableState t = table(table);
    checkChain(chain);
    if (t.chain(chain) != null) {
      return false;
    }
    t.user.put(chain, new Chain());
    return true;
  }

  @Override
  public synchronized boolean chainExists(RuleTable table, String chain) {
    return table(table).chain(requireNonNull(chain, "chain")) != null;
  }

  @Override
  public synchronized void flushChain(RuleTable table, String chain) {
    existing(table(table), chain).clear();
  }

  @Override
  public synchronized void deleteChain(RuleTable table, String chain) {
    TableState t = table(table);
    checkArgument(!table.isBuiltin(chain), "iptables: Can't delete built-in chain %s", chain);
    Chain rules = existing(t, chain);
    checkArgument(rules.isEmpty(), "iptables: Directory not empty (chain %s has rules)", chain);
    for (Chain other : t.allChains().values()) {
      for (Chain.Node n = other.head; n != null; n = n.next) {
        checkArgument(!n.rule.target().orElse("").equals(chain), "iptables: Too many links (chain %s is referenced)",
            chain);
      }
    }
    t.user.remove(chain);
  }

  @Override
  public synchronized void setPolicy(RuleTable table, String chain, String policy) {
    TableState t = table(table);
    checkArgument(table.isBuiltin(requireNonNull(chain, "chain")), "policy of non-builtin chain %s", chain);
    checkArgument("ACCEPT".equals(policy) || "DROP".equals(policy), "bad policy %s", policy);
    t.policies.put(chain, policy);
  }

  @Override
  public synchronized String policy(RuleTable table, String chain) {
    TableState t = table(table);
    checkArgument(table.isBuiltin(requireNonNull(chain, "chain")), "policy of non-builtin chain %s", chain);
    return t.policies.getOrDefault(chain, "ACCEPT");
  }

  @Override
  public synchronized void append(Rule rule) {
    TableState t = table(rule.table());
    Chain rules = existing(t, rule.chain());
    checkTarget(t, rule);
    rules.add(rule);
  }

  @Override
  public synchronized void insert(int position, Rule rule) {
    TableState t = table(rule.table());
    Chain rules = existing(t, rule.chain());
    checkArgument(position >= 1 && position <= rules.size() + 1, "iptables: Index of insertion too big.");
    checkTarget(t, rule);
    rules.insert(position - 1, rule);
  }

  @Override
  public synchronized boolean delete(Rule rule) {
    Chain rules = table(rule.table()).chain(rule.chain());
    return rules != null && rules.remove(rule);
  }

  @Override
  public synchronized boolean exists(Rule rule) {
    Chain rules = table(rule.table()).chain(rule.chain());
    return rules != null && rules.contains(rule);
  }

  @Override
  public synchronized List<Rule> rules() {
    List<Rule> out = new ArrayList<>();
    for (TableState t : tables.values()) {
      for (Chain rules : t.allChains().values()) {
        rules.addTo(out);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public synchronized List<Rule> rules(RuleTable table, String chain) {
    List<Rule> out = new ArrayList<>();
    existing(table(table), chain).addTo(out);
    return List.copyOf(out);
  }

  @Override
  public synchronized List<String> chains(RuleTable table) {
    return List.copyOf(table(table).allChains().keySet());
  }

  @Override
  public synchronized String save() {
    StringBuilder sb = new StringBuilder();
    for (TableState t : tables.values()) {
      if (!t.inUse()) {
        continue;
      }
      sb.append('*').append(t.table).append('\n');
      for (String chain : t.table.builtinChains()) {
        sb.append(':').append(chain).append(' ').append(t.policies.getOrDefault(chain, "ACCEPT")).append(" [0:0]\n");
      }
      for (String chain : t.user.keySet()) {
        sb.append(':').append(chain).append(" - [0:0]\n");
      }
      for (Chain rules : t.allChains().values()) {
        for (Chain.Node n = rules.head; n != null; n = n.next) {
          sb.append(n.rule).append('\n');
        }
      }
      sb.append("COMMIT\n");
    }
    return sb.toString();
  }

  @Override
  public synchronized String toString() {
    return save();
  }

  private TableState table(RuleTable table) {
    return tables.get(requireNonNull(table, "table"));
  }

  private static void checkChain(String chain) {
    requireNonNull(chain, "chain");
    checkArgument(!chain.isEmpty() && chain.length() <= 28 && !chain.startsWith("-") && chain.indexOf(' ') < 0,
        "invalid chain name '%s'", chain);
  }

  private static Chain existing(TableState t, String chain) {
    Chain rules = t.chain(requireNonNull(chain, "chain"));
    checkArgument(rules != null, "iptables: No chain/target/match by that name. (%s %s)", t.table, chain);
    return rules;
  }

  private static void checkTarget(TableState t, Rule rule) {
    String target = rule.target().orElse(null);
    if (target == null || BUILTIN_TARGETS.contains(target)) {
      return;
    }
    checkArgument(t.user.containsKey(target), "iptables: Couldn't load target `%s' (%s %s)", target, t.table,
        rule.chain());
  }

  /** One table: built-in chains with policies, user chains by name. */
  private static final class TableState {
    final RuleTable table;
    final Map<String, Chain> builtin = new HashMap<>();
    final TreeMap<String, Chain> user = new TreeMap<>();
    final Map<String, String> policies = new HashMap<>();

    TableState(RuleTable table) {
      this.table = table;
      for (String c : table.builtinChains()) {
        builtin.put(c, new Chain());
      }
    }

    Chain chain(String name) {
      Chain b = builtin.get(name);
      return b != null ? b : user.get(name);
    }

    /** Built-in chains in kernel order, then user chains by name. */
    Map<String, Chain> allChains() {
      Map<String, Chain> all = new java.util.LinkedHashMap<>();
      for (String c : table.builtinChains()) {
        all.put(c, builtin.get(c));
      }
      all.putAll(user);
      return all;
    }

    boolean inUse() {
      if (!user.isEmpty() || !policies.isEmpty()) {
        return true;
      }
      for (Chain rules : builtin.values()) {
        if (!rules.isEmpty()) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The rules of one chain in order, with an index from rule to its node, so that appending,
   * inserting at the top, testing for and deleting a rule cost the same whatever the chain's
   * length: a container publishing 65 535 ports programs one rule per port per chain, and list
   * scans made that quadratic. A rule present more than once (iptables allows it) is indexed by
   * its count; deleting one of those finds the first by walking from the head, as iptables does.
   */
  static final class Chain {
    Node head;
    Node tail;
    private int size;
    /** The node of a rule present once, or the number of copies (an {@code Integer}) of one present more often. */
    private final Map<Rule, Object> index = new HashMap<>();

    int size() {
      return size;
    }

    boolean isEmpty() {
      return size == 0;
    }

    boolean contains(Rule rule) {
      return index.containsKey(rule);
    }

    /** Inserts {@code rule} at index {@code at} (0 = first; {@code size()} = last). */
    void insert(int at, Rule rule) {
      Node n = new Node(rule);
      if (at == size) {
        n.prev = tail;
        if (tail == null) {
          head = n;
        } else {
          tail.next = n;
        }
        tail = n;
      } else {
        Node before = head;
        for (int i = 0; i < at; i++) {
          before = before.next;
        }
        n.next = before;
        n.prev = before.prev;
        if (before.prev == null) {
          head = n;
        } else {
          before.prev.next = n;
        }
        before.prev = n;
      }
      size++;
      Object seen = index.get(rule);
      index.put(rule, seen == null ? n : seen instanceof Node ? Integer.valueOf(2) : Integer.valueOf((Integer) seen + 1));
    }

    void add(Rule rule) {
      insert(size, rule);
    }

    /** Deletes the first copy of {@code rule}; false if there is none. */
    boolean remove(Rule rule) {
      Object seen = index.get(rule);
      if (seen == null) {
        return false;
      }
      Node n;
      if (seen instanceof Node) {
        n = (Node) seen;
        index.remove(rule);
      } else {
        n = first(rule, head);
        int copies = (Integer) seen - 1;
        index.put(rule, copies > 1 ? Integer.valueOf(copies) : first(rule, n.next));
      }
      unlink(n);
      return true;
    }

    private static Node first(Rule rule, Node from) {
      Node n = from;
      while (!n.rule.equals(rule)) {
        n = n.next;
      }
      return n;
    }

    private void unlink(Node n) {
      if (n.prev == null) {
        head = n.next;
      } else {
        n.prev.next = n.next;
      }
      if (n.next == null) {
        tail = n.prev;
      } else {
        n.next.prev = n.prev;
      }
      size--;
    }

    void clear() {
      head = null;
      tail = null;
      size = 0;
      index.clear();
    }

    void addTo(List<Rule> out) {
      for (Node n = head; n != null; n = n.next) {
        out.add(n.rule);
      }
    }

    static final class Node {
      final Rule rule;
      Node prev;
      Node next;

      Node(Rule rule) {
        this.rule = rule;
      }
    }
  }
}
