package dev.cnm.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class GoJsonProperties {

  /** Any string survives write, parse, write: the escapes decode to what they stand for. */
  @Property(tries = 300)
  void strings_round_trip(
      @ForAll @StringLength(max = 40) @CharRange(from = 0, to = 0x2100) @Chars({'\u2028', '\u2029', '<', '>', '&'})
          String s) {
    String wire = GoJson.compact(Nodes.F.textNode(s));
    JsonNode back = DockerJson.parse(wire);
    assertThat(back.textValue()).isEqualTo(s);
    assertThat(GoJson.compact(back)).isEqualTo(wire);
    assertThat(wire).doesNotContain("<", ">", "&", "\u2028", "\u2029");
  }

  /** Labels and options of any content keep Go's sorted key order through a round trip. */
  @Property(tries = 100)
  void maps_stay_sorted_through_a_round_trip(@ForAll Map<@StringLength(max = 8) String, @StringLength(max = 8) String> labels) {
    ObjectNode o = Nodes.stringMap(labels);
    String wire = GoJson.compact(o);
    assertThat(GoJson.compact(DockerJson.parse(wire))).isEqualTo(wire);
    assertThat(ContainerJsonTest.keys(o)).isSortedAccordingTo(Nodes.GO_KEY_ORDER);
    assertThat(GoJson.indent(DockerJson.parse(wire))).isEqualTo(GoJson.indent(o));
  }
}
