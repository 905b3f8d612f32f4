package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.BuildResult;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.image.ImageService;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.api.port.ExposedPort;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageBuilderTest {
  private final Engine engine = TestDrivers.builder(8).pullPolicy(PullPolicy.NEVER).build();
  private final ImageService images = engine.images();

  private static BuildContext context(String dockerfile, String... files) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < files.length; i += 2) {
      m.put(files[i], files[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return BuildContext.of(m);
  }

  private BuildResult build(String dockerfile, String... tags) {
    return images.build(BuildRequest.builder().context(context(dockerfile)).addTags(tags).build());
  }

  /** The output as the docker CLI prints it off a terminal. */
  private static String text(BuildResult r) {
    StringBuilder out = new StringBuilder();
    for (ProgressMessage m : r.messages()) {
      out.append(dev.cnm.core.format.ProgressDisplay.text(m));
    }
    return out.toString();
  }

  @Test
  void metadata_instructions_set_the_configuration() {
    images.pull("alpine");
    BuildResult r = build(String.join("\n",
        "# syntax=docker/dockerfile:1",
        "FROM alpine",
        "ENV A=1 B=\"two words\"",
        "ENV LEGACY value with spaces",
        "LABEL org.example.team=net \\",
        "      version=\"1.0\"",
        "EXPOSE 80 53/udp 8000-8001",
        "WORKDIR /app",
        "WORKDIR sub",
        "USER nobody",
        "STOPSIGNAL SIGINT",
        "VOLUME /data",
        "HEALTHCHECK --interval=5s --retries=3 CMD wget -q -O- http://localhost/ || exit 1",
        "ENTRYPOINT [\"/entry.sh\"]",
        "CMD [\"serve\", \"--port\", \"80\"]",
        ""), "web:1.0");
    ImageConfig c = r.image().config();
    assertThat(c.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=1",
        "B=two words", "LEGACY=value with spaces");
    assertThat(c.labels()).containsExactly(Map.entry("org.example.team", "net"), Map.entry("version", "1.0"));
    assertThat(c.exposedPorts()).containsExactly(ExposedPort.udp(53), ExposedPort.tcp(80), ExposedPort.tcp(8000),
        ExposedPort.tcp(8001));
    assertThat(c.workingDir()).isEqualTo("/app/sub");
    assertThat(c.user()).isEqualTo("nobody");
    assertThat(c.stopSignal()).contains("SIGINT");
    assertThat(c.volumes()).containsExactly("/data");
    assertThat(c.healthcheck()).contains(Healthcheck.builder()
        .test(List.of("CMD-SHELL", "wget -q -O- http://localhost/ || exit 1")).interval(Duration.ofSeconds(5))
        .retries(3).build());
    assertThat(c.entrypoint()).containsExactly("/entry.sh");
    assertThat(c.cmd()).containsExactly("serve", "--port", "80");
    assertThat(r.image().repoTags()).containsExactly("web:1.0");
    assertThat(r.image().parent()).isPresent();
    assertThat(r.image().layers()).isEqualTo(images.image("alpine").layers());
    assertThat(r.image().dockerVersion()).isEqualTo("28.2.2");
  }

  @Test
  void the_output_is_the_classic_builders() {
    Image alpine = images.pull("alpine").image();
    BuildResult r = build("FROM alpine\nENV A=1\nCMD [\"sh\"]\n", "hello");
    String id = r.image().shortId();
    String out = text(r);
    assertThat(out).matches("(?s)Step 1/3 : FROM alpine\n"
        + " ---> " + alpine.shortId() + "\n"
        + "Step 2/3 : ENV A=1\n"
        + " ---> Running in ([0-9a-f]{12})\n"
        + " ---> Removed intermediate container \\1\n"
        + " ---> [0-9a-f]{12}\n"
        + "Step 3/3 : CMD \\[\"sh\"\\]\n"
        + " ---> Running in ([0-9a-f]{12})\n"
        + " ---> Removed intermediate container \\2\n"
        + " ---> " + id + "\n"
        + "Successfully built " + id + "\n"
        + "Successfully tagged hello:latest\n");
    assertThat(r.messages()).contains(ProgressMessage.aux(r.image().id()));
    assertThat(r.messages().get(0)).isEqualTo(ProgressMessage.stream("Step 1/3 : FROM alpine"));
    assertThat(r.messages().get(1)).isEqualTo(ProgressMessage.stream("\n"));
  }

  @Test
  void from_pulls_an_absent_base_into_the_output() {
    BuildResult r = build("FROM busybox\nCMD [\"true\"]\n");
    assertThat(text(r)).contains("latest: Pulling from library/busybox\n")
        .contains("Status: Downloaded newer image for busybox:latest\n");
    assertThat(images.findImage("busybox")).isPresent();
  }

  @Test
  void a_second_build_uses_the_cache() {
    images.pull("alpine");
    BuildResult first = build("FROM alpine\nENV A=1\nRUN echo hi\nCMD [\"sh\"]\n");
    BuildResult second = build("FROM alpine\nENV A=1\nRUN echo hi\nCMD [\"sh\"]\n");
    assertThat(second.image().id()).isEqualTo(first.image().id());
    assertThat(text(second)).contains(" ---> Using cache\n").doesNotContain("Running in");
    BuildResult changed = build("FROM alpine\nENV A=2\nRUN echo hi\nCMD [\"sh\"]\n");
    assertThat(changed.image().id()).isNotEqualTo(first.image().id());
    BuildResult noCache = images.build(BuildRequest.builder()
        .context(context("FROM alpine\nENV A=1\nRUN echo hi\nCMD [\"sh\"]\n")).noCache(true).build());
    assertThat(text(noCache)).doesNotContain("Using cache");
  }

  @Test
  void run_and_copy_add_layers_without_effect() {
    images.pull("alpine");
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("Dockerfile", "FROM alpine\nRUN apk add curl\nCOPY app/ /app/\nCOPY *.txt /docs/\n"
        .getBytes(StandardCharsets.UTF_8));
    files.put("app/main.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8));
    files.put("app/lib/x.sh", "x\n".getBytes(StandardCharsets.UTF_8));
    files.put("a.txt", "aaaa".getBytes(StandardCharsets.UTF_8));
    files.put("b.txt", "bb".getBytes(StandardCharsets.UTF_8));
    BuildResult r = images.build(BuildRequest.builder().context(BuildContext.of(files)).build());
    Image alpine = images.image("alpine");
    assertThat(r.image().layers()).hasSize(alpine.layers().size() + 3);
    assertThat(r.image().size()).isEqualTo(alpine.size() + 8 + 2 + 4 + 2);
    List<String> createdBy = new ArrayList<>();
    images.history(r.image().id()).forEach(h -> createdBy.add(h.createdBy()));
    assertThat(createdBy.get(0)).matches("/bin/sh -c #\\(nop\\) COPY multi:[0-9a-f]{64} in /docs/ ");
    assertThat(createdBy.get(1)).matches("/bin/sh -c #\\(nop\\) COPY dir:[0-9a-f]{64} in /app/ ");
    assertThat(createdBy.get(2)).isEqualTo("/bin/sh -c apk add curl");
    assertThat(text(r)).contains("Step 3/4 : COPY app/ /app/\n ---> ");
  }

  @Test
  void a_missing_copy_source_fails_with_dockers_message_and_keeps_nothing() {
    images.pull("alpine");
    int before = images.images().size();
    List<ProgressMessage> seen = new ArrayList<>();
    assertThatThrownBy(() -> images.build(BuildRequest.builder()
        .context(context("FROM alpine\nENV A=1\nCOPY nosuch.txt /x\n")).addTag("broken").build(), seen::add))
        .isInstanceOf(SystemException.class)
        .hasMessage("COPY failed: file not found in build context or excluded by .dockerignore: "
            + "stat nosuch.txt: file does not exist");
    assertThat(seen).isNotEmpty();
    assertThat(images.images()).hasSize(before);
    assertThat(images.findImage("broken")).isEmpty();
  }

  @Test
  void build_args_and_arg_defaults_expand() {
    images.pull("alpine");
    BuildResult r = images.build(BuildRequest.builder().context(context(String.join("\n",
        "ARG BASE=alpine",
        "FROM ${BASE}",
        "ARG VERSION=1",
        "ARG UNUSED_DEFAULT=x",
        "ENV VERSION=${VERSION} HOME_DIR=${HOME:-/root}",
        "LABEL v=$VERSION")))
        .putBuildArg("VERSION", "2").putBuildArg("NOBODY", "x").build());
    assertThat(r.image().config().env()).contains("VERSION=2", "HOME_DIR=/root");
    assertThat(r.image().config().labels()).containsEntry("v", "2");
    assertThat(text(r)).contains("Step 1/6 : ARG BASE=alpine\n").contains("Step 2/6 : FROM ${BASE}\n")
        .contains("[Warning] One or more build-args [NOBODY] were not consumed\n");
  }

  @Test
  void labels_of_the_request_come_last_and_multi_stage_builds_keep_the_last_stage() {
    images.pull("alpine");
    images.pull("busybox");
    BuildResult r = images.build(BuildRequest.builder().context(context(String.join("\n",
        "FROM busybox AS tools",
        "ENV TOOL=1",
        "FROM alpine",
        "COPY --from=tools /bin/sh /bin/tool",
        "CMD [\"tool\"]")))
        .putLabel("built.by", "cnm").build());
    assertThat(r.image().config().labels()).containsEntry("built.by", "cnm");
    assertThat(r.image().config().env()).doesNotContain("TOOL=1");
    assertThat(text(r)).contains("Step 6/6 : LABEL built.by=cnm\n");
    assertThat(r.messages().stream().filter(m -> m.auxId().isPresent()).count()).isEqualTo(2);
    BuildResult target = images.build(BuildRequest.builder().context(context(String.join("\n",
        "FROM busybox AS tools", "ENV TOOL=1", "FROM alpine", "CMD [\"x\"]"))).target("tools").build());
    assertThat(target.image().config().env()).contains("TOOL=1");
    assertThatThrownBy(() -> images.build(BuildRequest.builder().context(context("FROM alpine\n")).target("nope")
        .build())).isInstanceOf(InvalidParameterException.class).hasMessage("target stage \"nope\" could not be found");
  }

  @Test
  void a_built_image_runs_with_its_configuration() {
    images.pull("alpine");
    build("FROM alpine\nENV MODE=prod\nWORKDIR /srv\nLABEL tier=web\nEXPOSE 8080\nCMD [\"serve\"]\n", "app");
    ContainerInfo c = engine.run(ContainerSpec.builder().image("app").name("app1").putLabel("own", "1").build());
    assertThat(c.command()).containsExactly("serve");
    assertThat(c.workingDir()).isEqualTo("/srv");
    assertThat(c.labels()).containsExactly(Map.entry("own", "1"), Map.entry("tier", "web"));
    assertThat(c.exposedPorts()).containsExactly(ExposedPort.tcp(8080));
    assertThat(c.env()).contains("MODE=prod");
  }

  @Test
  void bad_dockerfiles_get_dockers_messages() {
    images.pull("alpine");
    assertThatThrownBy(() -> build("FROM alpine\nBOGUSWORD bar\n")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: unknown instruction: BOGUSWORD");
    assertThatThrownBy(() -> build("FROM alpine\nFOO bar\n")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)");
    assertThatThrownBy(() -> build("FROM alpine\nRUNN x\n")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)");
    assertThatThrownBy(() -> build("ENV A=1\nFROM alpine\n")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("no build stage in current context");
    assertThatThrownBy(() -> build("# only a comment\n")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("failed to parse Dockerfile: file with no instructions");
    assertThatThrownBy(() -> build("")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("the Dockerfile (Dockerfile) cannot be empty");
    assertThatThrownBy(() -> build("FROM alpine\nENV A\n")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("failed to parse Dockerfile: ENV must have two arguments");
    assertThatThrownBy(() -> build("FROM alpine\nCOPY --chown=1 --form=x a b\n"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: unknown flag: --form (did you mean from?)");
    assertThatThrownBy(() -> build("FROM alpine\nHEALTHCHECK --interval=5 CMD true\n"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("dockerfile parse error on line 2: time: missing unit in duration \"5\"");
    assertThatThrownBy(() -> build("FROM alpine\nSTOPSIGNAL SIGNOPE\n"))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid signal: SIGNOPE");
    assertThatThrownBy(() -> build("FROM alpine\nRUN --mount=type=cache,target=/x true\n"))
        .isInstanceOf(SystemException.class).hasMessageStartingWith("the --mount option requires BuildKit.");
    assertThatThrownBy(() -> images.build(BuildRequest.builder().context(context("FROM alpine\n"))
        .dockerfile("other.Dockerfile").build()))
        .isInstanceOf(SystemException.class).hasMessage("Cannot locate specified Dockerfile: other.Dockerfile");
    assertThat(images.images()).hasSize(1);
  }

  @Test
  void scratch_needs_an_instruction_to_make_an_image() {
    assertThatThrownBy(() -> build("FROM scratch\n")).isInstanceOf(SystemException.class)
        .hasMessage("No image was generated. Is your Dockerfile empty?");
    BuildResult r = build("FROM scratch\nCMD [\"/app\"]\n");
    assertThat(r.image().layers()).isEmpty();
    assertThat(r.image().config().env()).containsExactly(
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    assertThat(text(r)).startsWith("Step 1/2 : FROM scratch\n ---> \nStep 2/2 : CMD [\"/app\"]\n");
  }

  @Test
  void escape_directive_and_continuations_parse_as_buildkit_does() {
    images.pull("alpine");
    BuildResult r = build(String.join("\n",
        "# escape=`",
        "FROM alpine",
        "ENV P=C:\\dir `",
        "    Q=2",
        "RUN echo one `",
        "",
        "    two"));
    assertThat(r.image().config().env()).contains("P=C:\\dir", "Q=2");
    assertThat(text(r)).contains("[WARNING]: Empty continuation line found in: RUN echo one     two\n")
        .contains("Step 3/3 : RUN echo one     two\n");
  }

  @Test
  void onbuild_triggers_run_in_the_next_build() {
    images.pull("alpine");
    build("FROM alpine\nONBUILD ENV TRIGGERED=yes\n", "base-with-trigger");
    assertThat(images.image("base-with-trigger").config().onBuild()).containsExactly("ENV TRIGGERED=yes");
    BuildResult child = build("FROM base-with-trigger\nCMD [\"x\"]\n");
    assertThat(child.image().config().env()).contains("TRIGGERED=yes");
    assertThat(child.image().config().onBuild()).isEmpty();
    assertThat(text(child)).contains("# Executing 1 build trigger\n");
  }
}
