package dev.cnm.core.internal.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

  private static DockerfileParser.Node only(String dockerfile) {
    List<DockerfileParser.Node> nodes = DockerfileParser.parse(dockerfile).nodes();
    assertThat(nodes).hasSize(1);
    return nodes.get(0);
  }

  @Test
  void json_and_shell_forms() {
    DockerfileParser.Node exec = only("CMD [\"nginx\", \"-g\", \"daemon off;\"]");
    assertThat(exec.json()).isTrue();
    assertThat(exec.args()).containsExactly("nginx", "-g", "daemon off;");
    DockerfileParser.Node shell = only("CMD nginx -g 'daemon off;'");
    assertThat(shell.json()).isFalse();
    assertThat(shell.args()).containsExactly("nginx -g 'daemon off;'");
    // not valid JSON: the shell form, as it is
    assertThat(only("CMD [\"unterminated\"").args()).containsExactly("[\"unterminated\"");
    assertThat(only("CMD [\"a\"] trailing").json()).isFalse();
    assertThatThrownBy(() -> DockerfileParser.parse("CMD [1, 2]"))
        .isInstanceOf(DockerfileParser.ParseException.class)
        .hasMessage("when using JSON array syntax, arrays must be comprised of strings only");
  }

  @Test
  void env_and_label_key_value_forms() {
    assertThat(only("ENV A=1 B=\"two words\" C=three\\ words").args())
        .containsExactly("A", "1", "=", "B", "\"two words\"", "=", "C", "three\\ words", "=");
    assertThat(only("ENV LEGACY value with  spaces").args()).containsExactly("LEGACY", "value with  spaces", "");
    assertThatThrownBy(() -> DockerfileParser.parse("ENV A=1 B")).isInstanceOf(DockerfileParser.ParseException.class)
        .hasMessage("Syntax error - can't find = in \"B\". Must be of the form: name=value");
    assertThatThrownBy(() -> DockerfileParser.parse("LABEL onlykey"))
        .isInstanceOf(DockerfileParser.ParseException.class).hasMessage("LABEL must have two arguments");
  }

  @Test
  void comments_continuations_and_lines() {
    DockerfileParser.Result r = DockerfileParser.parse(String.join("\n",
        "# a comment",
        "FROM alpine",
        "",
        "RUN apk add \\",
        "  # a comment inside is dropped",
        "  curl \\",
        "  jq",
        "   # indented comment",
        "CMD [\"sh\"]"));
    assertThat(r.nodes()).extracting(DockerfileParser.Node::value).containsExactly("FROM", "RUN", "CMD");
    DockerfileParser.Node run = r.nodes().get(1);
    assertThat(run.original()).isEqualTo("RUN apk add   curl   jq");
    assertThat(run.startLine()).isEqualTo(4);
    assertThat(run.endLine()).isEqualTo(7);
    assertThat(r.nodes().get(2).startLine()).isEqualTo(9);
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void the_escape_directive_changes_the_continuation_character() {
    DockerfileParser.Result r = DockerfileParser.parse("# escape=`\nFROM windows\nRUN dir C:\\ `\n  /b\n");
    assertThat(r.escapeToken()).isEqualTo('`');
    assertThat(r.nodes().get(1).original()).isEqualTo("RUN dir C:\\   /b");
    assertThatThrownBy(() -> DockerfileParser.parse("# escape=x\nFROM a\n"))
        .isInstanceOf(DockerfileParser.ParseException.class)
        .hasMessage("invalid escape token 'x' does not match ` or \\");
    assertThatThrownBy(() -> DockerfileParser.parse("# escape=`\n# escape=\\\nFROM a\n"))
        .isInstanceOf(DockerfileParser.ParseException.class)
        .hasMessage("only one escape parser directive can be used");
    // after the first instruction a directive is only a comment
    assertThat(DockerfileParser.parse("FROM a\n# escape=`\n").escapeToken()).isEqualTo('\\');
  }

  @Test
  void builder_flags_are_split_off() {
    DockerfileParser.Node copy = only("COPY --from=build --chown=1:1 /out /app");
    assertThat(copy.flags()).containsExactly("--from=build", "--chown=1:1");
    assertThat(copy.args()).containsExactly("/out", "/app");
    assertThat(only("HEALTHCHECK --interval=5s CMD curl -f x").args()).containsExactly("CMD", "curl -f x");
  }

  @Test
  void heredocs_are_read_to_their_end() {
    DockerfileParser.Result r = DockerfileParser.parse("FROM alpine\nRUN <<EOF\necho hi\necho there\nEOF\nCMD x\n");
    assertThat(r.nodes()).hasSize(3);
    DockerfileParser.Node run = r.nodes().get(1);
    assertThat(run.heredocs()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("EOF");
      assertThat(h.content()).isEqualTo("echo hi\necho there\n");
    });
    assertThatThrownBy(() -> DockerfileParser.parse("RUN <<EOF\necho\n"))
        .isInstanceOf(DockerfileParser.ParseException.class).hasMessage("unterminated heredoc");
  }

  @Test
  void a_file_without_instructions_is_an_error() {
    assertThatThrownBy(() -> DockerfileParser.parse("\n# nothing\n\n"))
        .isInstanceOf(DockerfileParser.ParseException.class).hasMessage("file with no instructions");
  }

  @Test
  void instructions_read_stages_and_their_errors() {
    Instructions.Parsed p = Instructions.parse(DockerfileParser.parse(
        "ARG V=1\nFROM alpine:$V AS Base\nENV A=1\nFROM base\nCMD [\"x\"]\n"));
    assertThat(p.metaArgs()).hasSize(1);
    assertThat(p.stages()).extracting(Instructions.Stage::name).containsExactly("base", "");
    assertThat(p.stages().get(0).commands()).hasSize(1);
    assertThat(p.stages().get(0).sourceCode()).isEqualTo("FROM alpine:$V AS Base");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a AS 1st\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 1: invalid name for build stage: \"1st\", name can't start with a "
            + "number or contain symbols");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a b\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 1: FROM requires either one or three arguments");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a\nWORKDIR\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: WORKDIR requires exactly one argument");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a\nSHELL /bin/bash\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: SHELL requires the arguments to be in JSON form");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a\nCOPY onlyone\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: COPY requires at least two arguments, but only one was "
            + "provided. Destination could not be determined");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a\nONBUILD ONBUILD RUN x\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a\nHEALTHCHECK BOGUS x\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: Unknown type \"BOGUS\" in HEALTHCHECK (try CMD)");
    assertThatThrownBy(() -> Instructions.parse(DockerfileParser.parse("FROM a\nENV --x=1 A=1\n")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: unknown flag: --x");
  }
}
