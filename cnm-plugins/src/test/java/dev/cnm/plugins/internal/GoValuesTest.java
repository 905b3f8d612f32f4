package dev.cnm.plugins.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.SystemException;
import org.junit.jupiter.api.Test;

class GoValuesTest {
  @Test
  void syntax_errors_have_gos_words() {
    assertThatThrownBy(() -> GoValues.decode("", "api.JoinResponse")).isInstanceOf(SystemException.class)
        .hasMessage("EOF");
    assertThatThrownBy(() -> GoValues.decode("no json here", "api.JoinResponse"))
        .hasMessage("invalid character 'n' looking for beginning of value");
    assertThatThrownBy(() -> GoValues.decode("{\"Err\":", "api.JoinResponse")).hasMessage("unexpected EOF");
    assertThatThrownBy(() -> GoValues.decode("{Err:1}", "api.JoinResponse"))
        .hasMessage("invalid character 'E' looking for beginning of object key string");
    assertThatThrownBy(() -> GoValues.decode("[1]", "api.JoinResponse"))
        .hasMessage("json: cannot unmarshal array into Go value of type api.JoinResponse");
  }

  @Test
  void fields_match_case_insensitively_and_null_is_the_zero_value() {
    ObjectNode o = GoValues.decode("{\"err\":\"boom\",\"Gateway\":null} trailing text is ignored", "api.JoinResponse");
    assertThat(GoValues.string(o, "JoinResponse", "Err")).isEqualTo("boom");
    assertThat(GoValues.string(o, "JoinResponse", "Gateway")).isEmpty();
    assertThat(GoValues.bool(o, "JoinResponse", "DisableGatewayService")).isFalse();
  }

  @Test
  void a_value_of_the_wrong_type_fails_as_go_unmarshals_it() {
    ObjectNode o = GoValues.decode("{\"Gateway\":10,\"InterfaceName\":\"eth\"}", "api.JoinResponse");
    assertThatThrownBy(() -> GoValues.string(o, "JoinResponse", "Gateway"))
        .hasMessage("json: cannot unmarshal number into Go struct field JoinResponse.Gateway of type string");
    assertThatThrownBy(() -> GoValues.struct(o, "JoinResponse", "InterfaceName", "api.InterfaceName"))
        .hasMessage("json: cannot unmarshal string into Go struct field JoinResponse.InterfaceName of type "
            + "api.InterfaceName");
  }
}
