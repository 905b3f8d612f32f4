package dev.cnm.api.host;

import java.util.List;

/**
 * A packet-filter table and its built-in chains, in the order {@code iptables-save} prints them.
 *
 * <pre>{@code
 * RuleTable.NAT.builtinChains(); // [PREROUTING, INPUT, OUTPUT, POSTROUTING]
 * RuleTable.NAT.toString();      // "nat"
 * }</pre>
 */
public enum RuleTable {
  /** {@code filter}: INPUT, FORWARD, OUTPUT. */
  FILTER("filter", List.of("INPUT", "FORWARD", "OUTPUT")),
  /** {@code nat}: PREROUTING, INPUT, OUTPUT, POSTROUTING. */
  NAT("nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING")),
  /** {@code mangle}: PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING. */
  MANGLE("mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"));

  private final String text;
  private final List<String> builtinChains;

  RuleTable(String text, List<String> builtinChains) {
    this.text = text;
    this.builtinChains = builtinChains;
  }

  /** {@return the built-in chains, in kernel order} */
  public List<String> builtinChains() {
    return builtinChains;
  }

  /**
   * {@return whether {@code chain} is one of this table's built-in chains}
   *
   * @param chain the chain's name
   */
  public boolean isBuiltin(String chain) {
    return builtinChains.contains(chain);
  }

  /** The table's name as {@code iptables -t} takes it: {@code filter}, {@code nat}, {@code mangle}. */
  @Override
  public String toString() {
    return text;
  }
}
