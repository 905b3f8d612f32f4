package dev.cnm.api.host;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One packet-filter rule: a table, a chain and a rule specification, kept in the canonical form
 * {@code iptables-save} prints, so that two ways of writing the same rule are equal:
 *
 * <ul>
 *   <li>the base matches come first, in the order {@code -s -d -i -o -p}, each with its {@code !};
 *   <li>addresses get a prefix length ({@code 172.17.0.2} is {@code 172.17.0.2/32}); {@code 0/0}
 *       and {@code 0.0.0.0/0} are dropped, as they match everything;
 *   <li>{@code --dport}/{@code --sport} without a match module get the implicit {@code -m tcp}
 *       (or udp, sctp) that iptables adds;
 *   <li>match modules ({@code -m name --opt value...}) follow in the order given, then {@code -j
 *       TARGET} with its options.
 * </ul>
 *
 * <p>Long option names are accepted ({@code --source}, {@code --dst}, {@code --in-interface}, ...).
 * Only what Docker's drivers write is understood; anything else is an {@link
 * IllegalArgumentException}.
 *
 * <pre>{@code
 * Rule r = Rule.of(RuleTable.NAT, "DOCKER",
 *     "-p tcp -d 0/0 --dport 8080 -j DNAT --to-destination 172.17.0.2:80 ! -i docker0");
 * r.toString(); // "-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80"
 * r.target();   // Optional[DNAT]
 * }</pre>
 */
public final class Rule {
  private final RuleTable table;
  private final String chain;
  private final List<String> args;
  private final String target; // nullable

  private Rule(RuleTable table, String chain, List<String> args, String target) {
    this.table = table;
    this.chain = chain;
    this.args = args;
    this.target = target;
  }

  /**
   * {@return the rule {@code args} (iptables arguments after {@code -A CHAIN}) in {@code chain} of
   * {@code table}}
   *
   * @param table the table
   * @param chain the chain's name
   * @param args the iptables arguments after {@code -A CHAIN}, one per element
   */
  public static Rule of(RuleTable table, String chain, List<String> args) {
    requireNonNull(table, "table");
    checkChainName(chain);
    return canonical(table, chain, args);
  }

  /**
   * {@return the rule written as one string of space-separated arguments (no quoting)}
   *
   * @param table the table
   * @param chain the chain's name
   * @param spec the iptables arguments after {@code -A CHAIN}, separated by spaces
   */
  public static Rule of(RuleTable table, String chain, String spec) {
    requireNonNull(spec, "spec");
    String trimmed = spec.trim();
    return of(table, chain, trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+")));
  }

  static void checkChainName(String chain) {
    requireNonNull(chain, "chain");
    checkArgument(!chain.isEmpty() && chain.length() <= 28 && !chain.startsWith("-") && chain.indexOf(' ') < 0,
        "invalid chain name '%s'", chain);
  }

  /** {@return the table} */
  public RuleTable table() {
    return table;
  }

  /** {@return the chain} */
  public String chain() {
    return chain;
  }

  /** {@return the canonical arguments after {@code -A CHAIN}} */
  public List<String> args() {
    return args;
  }

  /** {@return the {@code -j} target (a built-in target or a chain), if any} */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** {@return the canonical arguments joined by spaces (no {@code -A CHAIN})} */
  public String spec() {
    return String.join(" ", args);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Rule)) {
      return false;
    }
    Rule r = (Rule) o;
    return table == r.table && chain.equals(r.chain) && args.equals(r.args);
  }

  @Override
  public int hashCode() {
    return (table.hashCode() * 31 + chain.hashCode()) * 31 + args.hashCode();
  }

  /** The {@code iptables-save} line: {@code -A CHAIN spec}. */
  @Override
  public String toString() {
    return args.isEmpty() ? "-A " + chain : "-A " + chain + " " + spec();
  }

  // ---- canonicalisation ----

  private static Rule canonical(RuleTable table, String chain, List<String> in) {
    String[] base = new String[5]; // -s -d -i -o -p, each "[! ]-x value"
    List<List<String>> matches = new ArrayList<>();
    List<String> targetPart = null;
    String target = null;
    List<String> currentMatch = null;
    String implicitProto = null;
    boolean negate = false;
    int i = 0;
    int n = in.size();
    while (i < n) {
      String a = requireNonNull(in.get(i), "argument");
      if (a.equals("!")) {
        checkArgument(!negate, "double negation in %s", in);
        negate = true;
        i++;
        continue;
      }
      int slot = baseSlot(a);
      if (slot >= 0) {
        checkArgument(i + 1 < n, "option %s needs a value in %s", a, in);
        String v = in.get(i + 1);
        String value = slot <= 1 ? canonicalAddress(v) : v;
        checkArgument(base[slot] == null, "option %s given twice in %s", a, in);
        if (slot <= 1 && value == null) {
          checkArgument(!negate, "negated match-all address in %s", in);
          base[slot] = "";
        } else {
          base[slot] = (negate ? "! " : "") + BASE_FLAGS[slot] + " " + value;
        }
        if (slot == 4) {
          implicitProto = v.toLowerCase(java.util.Locale.ROOT);
        }
        negate = false;
        currentMatch = null;
        i += 2;
        continue;
      }
      if (a.equals("-m") || a.equals("--match")) {
        checkArgument(!negate && i + 1 < n, "bad match in %s", in);
        currentMatch = new ArrayList<>(List.of("-m", in.get(i + 1)));
        matches.add(currentMatch);
        i += 2;
        continue;
      }
      if (a.equals("-j") || a.equals("--jump")) {
        checkArgument(!negate && i + 1 < n && target == null, "bad target in %s", in);
        target = in.get(i + 1);
        targetPart = new ArrayList<>(List.of("-j", target));
        currentMatch = null;
        i += 2;
        continue;
      }
      checkArgument(a.startsWith("--"), "unexpected argument '%s' in %s", a, in);
      // An option of the current match, the target, or an implicit protocol match.
      List<String> owner;
      if (targetPart != null && currentMatch == null) {
        owner = targetPart;
      } else if (currentMatch != null) {
        owner = currentMatch;
      } else {
        checkArgument(implicitProto != null && PORT_OPTIONS.contains(a), "option %s outside a match in %s", a, in);
        currentMatch = null;
        for (List<String> m : matches) {
          if (m.get(1).equals(implicitProto)) {
            currentMatch = m;
          }
        }
        if (currentMatch == null) {
          currentMatch = new ArrayList<>(List.of("-m", implicitProto));
          matches.add(currentMatch);
        }
        owner = currentMatch;
      }
      if (negate) {
        owner.add("!");
        negate = false;
      }
      owner.add(canonicalOption(a));
      i++;
      while (i < n && !in.get(i).startsWith("-") && !in.get(i).equals("!")) {
        owner.add(in.get(i));
        i++;
      }
      if (owner == currentMatch && targetPart != null) {
        currentMatch = null; // options after the target belong to the target again
      }
    }
    checkArgument(!negate, "dangling ! in %s", in);
    List<String> out = new ArrayList<>();
    for (String b : base) {
      if (b != null && !b.isEmpty()) {
        out.addAll(Arrays.asList(b.split(" ")));
      }
    }
    for (List<String> m : matches) {
      out.addAll(m);
    }
    if (targetPart != null) {
      out.addAll(targetPart);
    }
    return new Rule(table, chain, Collections.unmodifiableList(out), target);
  }

  private static final String[] BASE_FLAGS = {"-s", "-d", "-i", "-o", "-p"};
  private static final List<String> PORT_OPTIONS = List.of("--dport", "--sport", "--destination-port", "--source-port");

  private static int baseSlot(String a) {
    switch (a) {
      case "-s":
      case "--source":
      case "--src":
        return 0;
      case "-d":
      case "--destination":
      case "--dst":
        return 1;
      case "-i":
      case "--in-interface":
        return 2;
      case "-o":
      case "--out-interface":
        return 3;
      case "-p":
      case "--protocol":
        return 4;
      default:
        return -1;
    }
  }

  private static String canonicalOption(String a) {
    switch (a) {
      case "--destination-port":
        return "--dport";
      case "--source-port":
        return "--sport";
      default:
        return a;
    }
  }

  /** {@code a.b.c.d/len} (or IPv6), or null for a match-all address. */
  private static String canonicalAddress(String v) {
    if (v.equals("0/0")) {
      return null;
    }
    Optional<Subnet> s = Subnet.tryParse(v);
    if (s.isPresent()) {
      Subnet c = s.get().canonical();
      return c.prefixLength() == 0 ? null : c.toString();
    }
    Optional<IpAddress> ip = IpAddress.tryParse(v);
    checkArgument(ip.isPresent(), "'%s' is not an address or CIDR", v);
    return ip.get() + "/" + ip.get().bitLength();
  }
}
