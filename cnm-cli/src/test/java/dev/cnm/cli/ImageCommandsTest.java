package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.image.Image;
import dev.cnm.api.image.PullPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image commands in-process, against an engine that starts empty and answers 404, as {@code cnm}'s does. */
class ImageCommandsTest {
  private Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness(PullPolicy.NEVER);
  }

  @Test
  void run_pulls_on_the_daemons_404_with_the_clis_words_on_stderr() {
    Harness.Result r = h.run("run -d --name web nginx");
    assertThat(r.rc()).isZero();
    assertThat(r.out().strip()).isEqualTo(h.engine.container("web").id());
    assertThat(r.err()).startsWith("Unable to find image 'nginx:latest' locally\nlatest: Pulling from library/nginx\n")
        .contains(": Pull complete\n")
        .endsWith("Status: Downloaded newer image for nginx:latest\n");
    // once present, nothing more is pulled
    Harness.Result again = h.run("create --name web2 nginx");
    assertThat(again.err()).isEmpty();
    Harness.Result quiet = h.run("create -q --name c1 alpine");
    assertThat(quiet.err()).isEmpty();
    assertThat(h.engine.images().findImage("alpine")).isPresent();
  }

  @Test
  void run_with_pull_never_fails_and_a_bad_name_is_the_clients_error() {
    Harness.Result never = h.run("run --pull=never redis");
    assertThat(never.rc()).isEqualTo(125);
    assertThat(never.err()).isEqualTo("cnm: Error response from daemon: No such image: redis:latest\n\n"
        + "Run 'cnm run --help' for more information\n");
    Harness.Result bad = h.run("run Redis");
    assertThat(bad.rc()).isEqualTo(125);
    assertThat(bad.err()).startsWith("cnm: invalid reference format: repository name (library/Redis) must be lowercase\n");
    Harness.Result option = h.run("run --pull=sometimes redis");
    assertThat(option.rc()).isEqualTo(125);
    assertThat(option.err()).startsWith(
        "cnm: invalid pull option: 'sometimes': must be one of \"always\", \"missing\" or \"never\"\n");
    assertThat(h.engine.containers()).isEmpty();
  }

  @Test
  void pull_prints_what_docker_pull_prints() {
    Harness.Result r = h.run("pull busybox");
    Image busybox = h.engine.images().image("busybox");
    String layer = r.out().lines().skip(2).findFirst().orElseThrow().substring(0, 12);
    assertThat(r.out()).isEqualTo(String.join("\n",
        "Using default tag: latest",
        "latest: Pulling from library/busybox",
        layer + ": Pulling fs layer",
        layer + ": Verifying Checksum",
        layer + ": Download complete",
        layer + ": Pull complete",
        "Digest: " + busybox.repoDigests().get(0).substring("busybox@".length()),
        "Status: Downloaded newer image for busybox:latest",
        "docker.io/library/busybox:latest",
        ""));
    assertThat(h.ok("pull -q busybox:latest")).isEqualTo("docker.io/library/busybox:latest\n");
    assertThat(h.ok("pull busybox")).contains("Status: Image is up to date for busybox:latest\n");
    assertThat(h.run("pull -a busybox:1").err()).isEqualTo("tag can't be used with --all-tags/-a\n");
    assertThat(h.run("pull Busybox").err())
        .isEqualTo("invalid reference format: repository name (library/Busybox) must be lowercase\n");
    assertThat(h.ok("pull -a debian")).contains("bookworm-slim: Pulling from library/debian\n")
        .contains("latest: Pulling from library/debian\n")
        .contains("Status: Downloaded newer image for debian\n").endsWith("docker.io/library/debian\n");
  }

  @Test
  void images_tag_rmi_and_inspect() {
    h.ok("pull alpine");
    Image alpine = h.engine.images().image("alpine");
    assertThat(h.run("tag alpine base:1").rc()).isZero();
    String table = h.ok("images");
    assertThat(table).isEqualTo(String.join("\n",
        "REPOSITORY   TAG       IMAGE ID       CREATED      SIZE",
        "alpine       latest    " + alpine.shortId() + "   3 days ago   8.31MB",
        "base         1         " + alpine.shortId() + "   3 days ago   8.31MB",
        ""));
    assertThat(h.ok("images -q")).isEqualTo(alpine.shortId() + "\n" + alpine.shortId() + "\n");
    assertThat(h.ok("image ls --format {{.Repository}} base")).isEqualTo("base\n");
    assertThat(h.ok("images --no-trunc --format {{.ID}} alpine")).isEqualTo(alpine.id() + "\n");
    assertThat(h.ok("inspect --format {{.Id}} alpine")).isEqualTo(alpine.id() + "\n");
    assertThat(h.ok("image inspect --format {{.RepoTags}} " + alpine.shortId())).isEqualTo("[alpine:latest base:1]\n");
    Harness.Result missing = h.run("image inspect nosuch");
    assertThat(missing.rc()).isEqualTo(1);
    assertThat(missing.out()).isEqualTo("[]\n");
    assertThat(missing.err()).isEqualTo("Error response from daemon: No such image: nosuch:latest\n");
    Harness.Result typed = h.run("inspect --type image nosuch");
    assertThat(typed.err()).isEqualTo("Error response from daemon: No such image: nosuch:latest\n");
    assertThat(h.ok("rmi base:1")).isEqualTo("Untagged: base:1\n");
    h.ok("create --name user alpine");
    Harness.Result conflict = h.run("rmi alpine");
    assertThat(conflict.rc()).isEqualTo(1);
    assertThat(conflict.err()).isEqualTo("Error response from daemon: conflict: unable to remove repository reference "
        + "\"alpine\" (must force) - container " + h.engine.container("user").shortId() + " is using its referenced "
        + "image " + alpine.shortId() + "\n");
    Harness.Result forcedMissing = h.run("rmi -f nosuch");
    assertThat(forcedMissing.rc()).isZero();
    assertThat(forcedMissing.err()).isEqualTo("Error response from daemon: No such image: nosuch:latest\n");
    assertThat(h.ok("image rm -f alpine")).startsWith("Untagged: alpine:latest\n");
  }

  @Test
  void history_of_a_built_image(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\nENV A=1\nCMD [\"sh\"]\n", StandardCharsets.UTF_8);
    h.ok("build -t hist " + dir);
    String history = h.ok("history --format {{.CreatedBy}} hist");
    assertThat(history.lines().limit(2)).containsExactly("/bin/sh -c #(nop)  CMD [\"sh\"]",
        "/bin/sh -c #(nop)  ENV A=1");
    assertThat(h.ok("history -q hist").lines().findFirst().orElseThrow())
        .isEqualTo(h.engine.images().image("hist").shortId());
  }

  @Test
  void build_from_a_directory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), String.join("\n",
        "FROM alpine",
        "ARG V=1",
        "ENV V=$V",
        "COPY app.sh /app.sh",
        "CMD [\"/app.sh\"]",
        ""), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("app.sh"), "echo hi\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("secret.key"), "x\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(".dockerignore"), "*.key\n", StandardCharsets.UTF_8);
    Harness.Result r = h.run("build -t app:1 --build-arg V=2 --label team=net " + dir);
    assertThat(r.rc()).as(r.err()).isZero();
    Image app = h.engine.images().image("app:1");
    assertThat(r.out()).startsWith("Sending build context to Docker daemon  ")
        .contains("\r\r\nStep 1/6 : FROM alpine\nlatest: Pulling from library/alpine\n")
        .contains("Step 4/6 : COPY app.sh /app.sh\n ---> ")
        .contains("Step 6/6 : LABEL team=net\n")
        .endsWith("Successfully built " + app.shortId() + "\nSuccessfully tagged app:1\n");
    assertThat(app.config().env()).contains("V=2");
    assertThat(app.config().labels()).containsEntry("team", "net");
    // the same build again comes from the cache: the same image
    assertThat(h.ok("build -q --build-arg V=2 --label team=net " + dir)).isEqualTo(app.id() + "\n");
    Harness.Result badTag = h.run("build -t Bad " + dir);
    assertThat(badTag.rc()).isEqualTo(125);
    assertThat(badTag.err()).startsWith("invalid argument \"Bad\" for \"-t, --tag\" flag: invalid reference format: "
        + "repository name (library/Bad) must be lowercase\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\nCOPY nothing /x\n", StandardCharsets.UTF_8);
    Harness.Result failed = h.run("build " + dir);
    assertThat(failed.rc()).isEqualTo(1);
    assertThat(failed.err()).isEqualTo("COPY failed: file not found in build context or excluded by .dockerignore: "
        + "stat nothing: file does not exist\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\nNOPE x\n", StandardCharsets.UTF_8);
    Harness.Result parse = h.run("build " + dir);
    assertThat(parse.rc()).isEqualTo(1);
    assertThat(parse.err()).isEqualTo("Error response from daemon: dockerfile parse error on line 2: unknown "
        + "instruction: NOPE (did you mean COPY?)\n");
    Harness.Result noDir = h.run("build " + dir.resolve("nowhere"));
    assertThat(noDir.err()).isEqualTo("unable to prepare context: path \"" + dir.resolve("nowhere") + "\" not found\n");
  }
}
