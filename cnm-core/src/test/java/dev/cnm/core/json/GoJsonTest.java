package dev.cnm.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoJsonTest {

  /** Go's encodeState.string with HTML escaping on (moby's WriteJSON leaves it on). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "plain        | plain        | '\"plain\"'",
        "html         | <a>&b        | '\"\\u003ca\\u003e\\u0026b\"'",
        "quote        | say \"hi\"   | '\"say \\\"hi\\\"\"'",
        "backslash    | a\\b         | '\"a\\\\b\"'",
        "unicode kept | héllo ✓      | '\"héllo ✓\"'",
      })
  void escapes_strings_as_go_does(String name, String value, String expected) {
    assertThat(GoJson.compact(Nodes.F.textNode(value))).as(name).isEqualTo(expected);
  }

  @Test
  void escapes_control_characters_with_lower_case_hex() {
    String value = "\b\f\n\r\t\u0001\u001f\u007f\u2028\u2029";
    assertThat(GoJson.compact(Nodes.F.textNode(value)))
        .isEqualTo("\"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\\u2028\\u2029\"");
  }

  @Test
  void writes_unpaired_surrogates_as_replacement_character() {
    assertThat(GoJson.compact(Nodes.F.textNode("a\ud800b"))).isEqualTo("\"a\\ufffdb\"");
    assertThat(GoJson.compact(Nodes.F.textNode("\ud83d\ude00"))).isEqualTo("\"\ud83d\ude00\"");
  }

  @Test
  void compact_has_no_spaces_and_keeps_key_order() {
    ObjectNode o = Nodes.object().put("b", 1).put("a", true).putNull("c");
    o.set("d", Nodes.array().add("x").add(2));
    o.set("e", Nodes.object());
    o.set("f", Nodes.array());
    assertThat(GoJson.compact(o)).isEqualTo("{\"b\":1,\"a\":true,\"c\":null,\"d\":[\"x\",2],\"e\":{},\"f\":[]}");
  }

  @Test
  void indents_with_four_spaces_and_keeps_empty_containers_compact() {
    ObjectNode o = Nodes.object().put("a", "x");
    o.set("b", Nodes.object());
    o.set("c", Nodes.array().add(1));
    o.set("d", Nodes.object().set("e", Nodes.array()));
    assertThat(GoJson.indent(o))
        .isEqualTo(
            "{\n"
                + "    \"a\": \"x\",\n"
                + "    \"b\": {},\n"
                + "    \"c\": [\n"
                + "        1\n"
                + "    ],\n"
                + "    \"d\": {\n"
                + "        \"e\": []\n"
                + "    }\n"
                + "}");
  }

  @Test
  void inspect_output_is_one_indented_array_and_a_newline() {
    assertThat(GoJson.inspectOutput(List.of())).isEqualTo("[]\n");
    assertThat(GoJson.inspectOutput(List.of(Nodes.object().put("Name", "a"), Nodes.object())))
        .isEqualTo("[\n    {\n        \"Name\": \"a\"\n    },\n    {}\n]\n");
  }

  @Test
  void refuses_non_integral_numbers() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoJson.compact(Nodes.F.numberNode(1.5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Docker's JSON views hold integers only: 1.5");
  }
}
