package dev.cnm.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.InvalidParameterException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TemplateApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return MAPPER.readTree(s);
  }

  @Test
  void template_exception_is_an_invalid_parameter() {
    assertThatThrownBy(() -> Template.parse("{{.A"))
        .isInstanceOf(InvalidParameterException.class)
        .satisfies(e -> assertThat(((TemplateException) e).kind())
            .isEqualTo(ErrorKind.INVALID_PARAMETER));
  }

  @Test
  void builtins_only_by_default() {
    assertThatThrownBy(() -> Template.parse("{{json .}}"))
        .hasMessage("template: :1: function \"json\" not defined");
    assertThat(TemplateFunctions.docker().names())
        .contains("json", "join", "split", "title", "lower", "upper", "pad", "truncate", "and");
    assertThat(TemplateFunctions.builtins().names()).doesNotContain("json");
  }

  @Test
  void registered_functions_get_plain_values_and_report_errors_like_go() throws Exception {
    TemplateFunctions fns = TemplateFunctions.docker().toBuilder()
        .add("describe", args -> args.stream()
            .map(a -> a == null ? "nil" : a.getClass().getSimpleName())
            .collect(Collectors.joining(",")))
        .add("fail", args -> {
          throw new IllegalArgumentException("boom");
        })
        .add("words", args -> List.of("a", "b"))
        .add("answer", args -> 42)
        .build();
    JsonNode data = json("{\"S\":\"x\",\"N\":1,\"F\":1.5,\"B\":true,\"M\":{},\"L\":[],\"Z\":null}");
    assertThat(Template.parse("{{describe .S .N .F .B .M .L .Z .Missing}}", fns).execute(data))
        .isEqualTo("String,Long,Double,Boolean,ObjectNode,ArrayNode,nil,nil");
    assertThat(Template.parse("{{join (words) \"+\"}} {{answer}} {{printf \"%T\" answer}}", fns)
            .execute(data))
        .isEqualTo("a+b 42 int");
    assertThatThrownBy(() -> Template.parse("{{fail 1}}", fns).execute(data))
        .hasMessage("template: :1:2: executing \"\" at <fail 1>: error calling fail: boom");
    assertThatThrownBy(() -> fns.toBuilder().add("not-ident", args -> ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_once_execute_concurrently() throws Exception {
    Template t = Template.parse(
        "{{range $k, $v := .}}{{$k}}={{printf \"%03d\" $v}};{{end}}", TemplateFunctions.docker());
    List<String> outs = IntStream.range(0, 200).parallel()
        .mapToObj(i -> {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          o.put("b", i);
          o.put("a", i + 1);
          return t.execute(o);
        })
        .collect(Collectors.toList());
    for (int i = 0; i < 200; i++) {
      assertThat(outs.get(i)).isEqualTo(String.format("a=%03d;b=%03d;", i + 1, i));
    }
  }

  @Test
  void execute_into_a_buffer_keeps_partial_output() throws Exception {
    StringBuilder out = new StringBuilder("> ");
    Template t = Template.parse("{{.A}} and {{.A.B}}");
    assertThatThrownBy(() -> t.execute(json("{\"A\":\"x\"}"), out))
        .isInstanceOf(TemplateException.class);
    assertThat(out).hasToString("> x and ");
  }

  @Test
  void deep_nesting_is_an_error_not_a_stack_overflow() {
    String parens = "{{" + "(".repeat(2000) + "1" + ")".repeat(2000) + "}}";
    assertThatThrownBy(() -> Template.parse(parens))
        .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.isParseError()).isTrue())
        .hasMessage("template: :1: max expression depth exceeded");
    String ifs = "{{if 1}}".repeat(5000) + "{{end}}".repeat(5000);
    assertThatThrownBy(() -> Template.parse(ifs))
        .hasMessage("template: :1: max expression depth exceeded");
    ArrayNode deep = JsonNodeFactory.instance.arrayNode();
    ArrayNode cur = deep;
    for (int i = 0; i < 100_000; i++) {
      cur = cur.addArray();
    }
    Template print = Template.parse("{{.}}");
    assertThatThrownBy(() -> print.execute(deep)).isInstanceOf(TemplateException.class);
  }

  @Test
  void null_arguments_are_programming_errors() {
    assertThatThrownBy(() -> Template.parse(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Template.parse("x").execute((JsonNode) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void template_objects_act_as_structs_with_methods() {
    TemplateObject obj = new TemplateObject() {
      @Override
      public String typeName() {
        return "*demo.Ctx";
      }

      @Override
      public int arity(String name) {
        return name.equals("Hello") ? 1 : name.equals("Name") ? 0 : -1;
      }

      @Override
      public Object invoke(String name, List<String> args) {
        return name.equals("Name") ? "ctx" : "hello " + args.get(0);
      }

      @Override
      public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("Name", "ctx");
      }
    };
    assertThat(Template.parse("{{.Name}} {{.Hello \"you\"}} {{.Name | len}} {{json .}}",
            TemplateFunctions.docker()).execute(obj))
        .isEqualTo("ctx hello you 3 {\"Name\":\"ctx\"}");
    assertThatThrownBy(() -> Template.parse("{{.Other}}").execute(obj))
        .hasMessage("template: :1:2: executing \"\" at <.Other>: "
            + "can't evaluate field Other in type *demo.Ctx");
    assertThatThrownBy(() -> Template.parse("{{.Hello 1}}").execute(obj))
        .hasMessage("template: :1:9: executing \"\" at <1>: expected string; found 1");
  }

  @Test
  void docker_go_field_names_resolve_to_json_keys() throws Exception {
    JsonNode c = json("{\"Id\":\"8c7b\",\"IPAM\":{\"Config\":[{\"AuxiliaryAddresses\":{\"h\":\"1\"}}]}}");
    Template t = Template.parse("{{.ID}} {{.Id}} {{range .IPAM.Config}}{{.AuxAddress}}{{end}}")
        .withFieldAliases(Template.DOCKER_GO_FIELD_NAMES)
        .withMissingKey(MissingKey.ERROR);
    assertThat(t.execute(c)).isEqualTo("8c7b 8c7b map[h:1]");
    assertThat(Template.parse("{{.ID}}").execute(c)).isEqualTo("<no value>");
    assertThatThrownBy(() -> t.execute(json("{}")))
        .hasMessage("template: :1:2: executing \"\" at <.ID>: map has no entry for key \"ID\"");
  }

  @Test
  void missing_key_option_is_part_of_the_template_value() throws Exception {
    Template t = Template.parse("{{.X}}");
    assertThat(t.missingKey()).isEqualTo(MissingKey.DEFAULT);
    assertThat(t.withMissingKey(MissingKey.ERROR).missingKey()).isEqualTo(MissingKey.ERROR);
    assertThat(t.execute(json("{}"))).isEqualTo("<no value>");
    assertThat(t.text()).isEqualTo("{{.X}}");
  }
}
