package dev.cnm.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.host.Rule;
import dev.cnm.api.host.RuleTable;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random appends, inserts and deletes of a few rules (duplicates included) on one chain, checked
 * after every step against a plain list doing what iptables does: {@code -A} appends, {@code -I n}
 * inserts before the n-th rule, {@code -D} deletes the first copy, {@code -C} tests for one.
 */
class DefaultHostRulesProperties {
  private static final List<Rule> RULES = List.of(
      Rule.of(RuleTable.FILTER, "FORWARD", "-j ACCEPT"),
      Rule.of(RuleTable.FILTER, "FORWARD", "-j DROP"),
      Rule.of(RuleTable.FILTER, "FORWARD", "-i br0 -j ACCEPT"),
      Rule.of(RuleTable.FILTER, "FORWARD", "-o br0 -j DROP"));

  /** kind 0 append, 1 insert at a position, 2 delete. */
  record Step(int kind, Rule rule, int position) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(RULES),
        Arbitraries.integers().between(1, 12)).as(Step::new);
    return step.list().ofMaxSize(60);
  }

  @Property
  void a_chain_behaves_as_the_list_iptables_keeps(@ForAll("steps") List<Step> steps) {
    DefaultHostRules rules = DefaultHostRules.create();
    List<Rule> model = new ArrayList<>();
    for (Step s : steps) {
      switch (s.kind()) {
        case 0 -> {
          rules.append(s.rule());
          model.add(s.rule());
        }
        case 1 -> {
          int at = Math.min(s.position(), model.size() + 1);
          rules.insert(at, s.rule());
          model.add(at - 1, s.rule());
        }
        default -> assertThat(rules.delete(s.rule())).isEqualTo(model.remove(s.rule()));
      }
      assertThat(rules.rules(RuleTable.FILTER, "FORWARD")).containsExactlyElementsOf(model);
      for (Rule r : RULES) {
        assertThat(rules.exists(r)).as("exists %s", r).isEqualTo(model.contains(r));
      }
    }
  }
}
