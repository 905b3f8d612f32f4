package dev.cnm.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterArgsTest {

  @Test
  void json_map_of_sets_and_legacy_map_of_lists_read_the_same() {
    FilterArgs sets = FilterArgs.fromJson("{\"name\":{\"web\":true,\"db\":true},\"label\":{\"env=dev\":true}}");
    FilterArgs lists = FilterArgs.fromJson("{\"name\":[\"web\",\"db\"],\"label\":[\"env=dev\"]}");
    assertThat(sets).isEqualTo(lists);
    assertThat(sets.keys()).containsExactly("name", "label");
    assertThat(sets.get("name")).containsExactly("web", "db");
    assertThat(sets.get("nosuch")).isEmpty();
  }

  @Test
  void empty_and_null_json_mean_no_filters_and_a_null_set_is_a_key_without_values() {
    assertThat(FilterArgs.fromJson("").isEmpty()).isTrue();
    assertThat(FilterArgs.fromJson("null").isEmpty()).isTrue();
    assertThat(FilterArgs.fromJson("{}").isEmpty()).isTrue();
    FilterArgs nullSet = FilterArgs.fromJson("{\"dangling\":null}");
    assertThat(nullSet.contains("dangling")).isTrue();
    assertThat(nullSet.get("dangling")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "\"x\"", "{\"name\":\"web\"}", "{\"name\":{\"web\":1}}", "{\"name\":[1]}",
      "{\"a\":{\"x\":true},\"b\":[\"y\"]}", "{not json"})
  void anything_else_is_an_invalid_filter(String json) {
    assertThatThrownBy(() -> FilterArgs.fromJson(json))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter");
  }

  @Test
  void flags_are_trimmed_the_key_lowercased_and_an_empty_flag_ignored() {
    FilterArgs f = FilterArgs.builder().addFlags(List.of(" Label = env=dev ", "", "label=x", "label=x")).build();
    assertThat(f.keys()).containsExactly("label");
    assertThat(f.get("label")).containsExactly("env=dev", "x");
    assertThat(FilterArgs.builder().addFlag("").build().isEmpty()).isTrue();
  }

  @Test
  void a_flag_without_equals_is_docker_clis_bad_format() {
    assertThatThrownBy(() -> FilterArgs.builder().addFlag("dangling"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("bad format of filter (expected name=value)");
  }

  @Test
  void to_json_round_trips_and_is_empty_text_without_filters() {
    FilterArgs f = FilterArgs.builder().add("label", "a").add("until", "24h").build();
    assertThat(f.toJson()).isEqualTo("{\"label\":{\"a\":true},\"until\":{\"24h\":true}}");
    assertThat(FilterArgs.fromJson(f.toJson())).isEqualTo(f);
    assertThat(FilterArgs.empty().toJson()).isEmpty();
  }

  @Test
  void validate_names_the_first_unknown_key() {
    FilterArgs f = FilterArgs.builder().add("name", "x").add("foo", "1").add("bar", "2").build();
    assertThatThrownBy(() -> f.validate(Set.of("name")))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'foo'");
  }

  @Test
  void match_is_exact_or_an_unanchored_regex_and_a_bad_regex_only_matches_exactly() {
    FilterArgs f = FilterArgs.builder().add("name", "^we").add("name", "[").build();
    assertThat(f.match("name", "web")).isTrue();
    assertThat(f.match("name", "aweb")).isFalse();
    assertThat(f.match("name", "[")).isTrue();
    assertThat(f.match("other", "anything")).isTrue();
    FilterArgs sub = FilterArgs.builder().add("name", "e").build();
    assertThat(sub.match("name", "web")).isTrue();
    assertThat(sub.exactMatch("name", "web")).isFalse();
  }

  @Test
  void a_value_set_to_false_in_json_does_not_match_exactly_but_still_as_a_regex() {
    FilterArgs f = FilterArgs.fromJson("{\"driver\":{\"bridge\":false},\"name\":{\"web\":false}}");
    assertThat(f.exactMatch("driver", "bridge")).isFalse();
    assertThat(f.match("name", "web")).isTrue();
  }

  @Test
  void key_values_need_every_label_and_a_key_without_value_matches_any_value() {
    FilterArgs f = FilterArgs.builder().add("label", "env").add("label", "tier=db").build();
    assertThat(f.matchKeyValues("label", Map.of("env", "x", "tier", "db"))).isTrue();
    assertThat(f.matchKeyValues("label", Map.of("env", "x", "tier", "web"))).isFalse();
    assertThat(f.matchKeyValues("label", Map.of("tier", "db"))).isFalse();
    assertThat(f.matchKeyValues("label", Map.of())).isFalse();
    assertThat(f.matchKeyValues("label!", Map.of())).isTrue();
    FilterArgs empty = FilterArgs.builder().add("label", "e=").build();
    assertThat(empty.matchKeyValues("label", Map.of("e", ""))).isTrue();
  }

  @Test
  void bool_reads_one_truth_and_names_conflicting_or_unknown_values() {
    assertThat(FilterArgs.builder().add("is-task", "1").build().bool("is-task", false)).isTrue();
    assertThat(FilterArgs.builder().add("is-task", "false").build().bool("is-task", true)).isFalse();
    assertThat(FilterArgs.empty().bool("is-task", true)).isTrue();
    assertThatThrownBy(() -> FilterArgs.builder().add("is-task", "maybe").build().bool("is-task", false))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'is-task=[maybe]'");
    assertThatThrownBy(() -> FilterArgs.builder().add("is-task", "1").add("is-task", "0").build().bool("is-task", false))
        .hasMessage("invalid filter 'is-task=[1 0]'");
    assertThatThrownBy(() -> FilterArgs.fromJson("{\"is-task\":{}}").bool("is-task", false))
        .hasMessage("invalid filter 'is-task'");
  }
}
