package dev.cnm.testkit.assertions;

import dev.cnm.api.host.HostRules;
import dev.cnm.api.host.Rule;
import dev.cnm.api.host.RuleTable;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the host's firewall rules; failures print the rules of the chain in question.
 *
 * <pre>{@code
 * assertThat(faults.context("bridge").orElseThrow().rules())
 *     .hasRule(RuleTable.NAT, "POSTROUTING", "-s 172.18.0.0/16 ! -o br-1a2b3c4d5e6f -j MASQUERADE");
 * }</pre>
 */
public final class RulesAssert extends AbstractAssert<RulesAssert, HostRules> {
  RulesAssert(HostRules actual) {
    super(actual, RulesAssert.class);
  }

  /**
   * Checks that the rule {@code -t table -A chain spec} exists.
   *
   * @param table the table
   * @param chain the chain's name
   * @param spec the rule's iptables arguments after {@code -A CHAIN}
   * @return this assertion
   */
  public RulesAssert hasRule(RuleTable table, String chain, String spec) {
    return hasRule(Rule.of(table, chain, spec));
  }

  /**
   * Checks that the rule exists.
   *
   * @param rule the rule
   * @return this assertion
   */
  public RulesAssert hasRule(Rule rule) {
    isNotNull();
    if (!actual.exists(rule)) {
      failWithMessage("Expecting rule%n  -t %s -A %s %s%nbut chain %s of table %s held:%n%s", rule.table(), rule.chain(),
          rule.spec(), rule.chain(), rule.table(), chainRules(rule.table(), rule.chain()));
    }
    return this;
  }

  /**
   * Checks that the rule {@code -t table -A chain spec} does not exist.
   *
   * @param table the table
   * @param chain the chain's name
   * @param spec the rule's iptables arguments after {@code -A CHAIN}
   * @return this assertion
   */
  public RulesAssert doesNotHaveRule(RuleTable table, String chain, String spec) {
    isNotNull();
    Rule rule = Rule.of(table, chain, spec);
    if (actual.exists(rule)) {
      failWithMessage("Expecting no rule%n  -t %s -A %s %s%nbut it exists", table, chain, spec);
    }
    return this;
  }

  /**
   * Checks that the chain exists in the table.
   *
   * @param table the table
   * @param chain the chain's name
   * @return this assertion
   */
  public RulesAssert hasChain(RuleTable table, String chain) {
    isNotNull();
    if (!actual.chainExists(table, chain)) {
      failWithMessage("Expecting chain %s in table %s but its chains were %s", chain, table, actual.chains(table));
    }
    return this;
  }

  private String chainRules(RuleTable table, String chain) {
    return actual.chainExists(table, chain) ? Describe.rules(actual.rules(table, chain)) : "  (no such chain)";
  }
}
