package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cnm.api.image.PullPolicy;
import dev.cnm.core.Cnm;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code docker} CLI's image commands against a server whose engine starts empty and
 * answers 404 for an absent image, as dockerd does: pull, images, image inspect, tag, rmi,
 * history, build (the classic builder, {@code DOCKER_BUILDKIT=0}), and run's pull on 404.
 */
class DockerCliImagesTest {
  private static Path docker;
  private DockerApiServer server;
  @TempDir Path config;

  @BeforeAll
  static void findDocker() {
    String path = System.getenv("PATH");
    docker = path == null ? null : Arrays.stream(path.split(File.pathSeparator))
        .map(d -> Path.of(d, "docker"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(null);
  }

  @BeforeEach
  void start() {
    assumeTrue(docker != null, "the docker CLI is not on the PATH");
    server = DockerApiServer.builder()
        .engine(Cnm.builder().seed(12).pullPolicy(PullPolicy.NEVER).build())
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .build()
        .start();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(docker.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + server.address().getPort());
    pb.environment().put("DOCKER_CONFIG", config.toString());
    pb.environment().put("DOCKER_BUILDKIT", "0");
    pb.environment().remove("DOCKER_CONTEXT");
    pb.environment().remove("DOCKER_API_VERSION");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = Files.createTempFile(config, "out", ".txt");
    Path err = Files.createTempFile(config, "err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("docker " + String.join(" ", args) + " hung");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private String ok(String... args) throws IOException, InterruptedException {
    Run r = docker(args);
    assertThat(r.exit()).as("docker %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  @Test
  void pull_images_inspect_tag_rmi() throws Exception {
    String pull = ok("pull", "alpine");
    assertThat(pull).startsWith("Using default tag: latest\nlatest: Pulling from library/alpine\n")
        .matches("(?s).*[0-9a-f]{12}: Pull complete\n.*")
        .contains("\nStatus: Downloaded newer image for alpine:latest\n")
        .endsWith("docker.io/library/alpine:latest\n");
    assertThat(ok("pull", "alpine")).contains("Status: Image is up to date for alpine:latest\n");
    String id = ok("image", "inspect", "--format", "{{.Id}}", "alpine").trim();
    assertThat(id).matches("sha256:[0-9a-f]{64}");
    String shortId = id.substring(7, 19);
    ok("tag", "alpine", "base:1");
    String images = ok("images");
    assertThat(images).startsWith("REPOSITORY   TAG       IMAGE ID       CREATED")
        .contains("alpine       latest    " + shortId)
        .contains("base         1         " + shortId)
        .contains("8.31MB");
    assertThat(ok("images", "-q")).isEqualTo(shortId + "\n" + shortId + "\n");
    assertThat(ok("images", "--format", "{{.Repository}}:{{.Tag}}", "base")).isEqualTo("base:1\n");
    assertThat(ok("images", "--digests", "--format", "{{.Digest}}", "alpine")).startsWith("sha256:");
    assertThat(ok("inspect", "--format", "{{.RepoTags}}", shortId)).isEqualTo("[alpine:latest base:1]\n");
    // the layer, then the ENV and CMD steps that added none; only the newest step is a local image
    assertThat(ok("history", "--format", "{{.ID}} {{.Size}}", "alpine"))
        .isEqualTo(shortId + " 0B\n<missing> 0B\n<missing> 8.31MB\n");
    assertThat(ok("rmi", "base:1")).isEqualTo("Untagged: base:1\n");
    Run missing = docker("image", "inspect", "nosuch");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("No such image: nosuch:latest");
    String rmi = ok("rmi", "alpine");
    assertThat(rmi).startsWith("Untagged: alpine:latest\nUntagged: alpine@sha256:").contains("Deleted: " + id + "\n");
    assertThat(ok("images", "-q")).isEmpty();
  }

  @Test
  void run_pulls_an_absent_image_and_a_container_runs_by_id() throws Exception {
    Run run = docker("run", "-d", "--name", "web", "nginx");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).startsWith("Unable to find image 'nginx:latest' locally\nlatest: Pulling from library/nginx\n")
        .contains("Status: Downloaded newer image for nginx:latest\n");
    assertThat(run.out().trim()).matches("[0-9a-f]{64}");
    String id = ok("image", "inspect", "--format", "{{.Id}}", "nginx").trim();
    assertThat(ok("inspect", "--format", "{{.Image}} {{.Config.Image}}", "web")).isEqualTo(id + " nginx\n");
    String byId = ok("create", "--name", "byid", id.substring(7, 17)).trim();
    assertThat(ok("inspect", "--format", "{{.Image}} {{.Config.Image}}", byId))
        .isEqualTo(id + " " + id.substring(7, 17) + "\n");
    Run conflict = docker("rmi", "nginx");
    assertThat(conflict.exit()).isEqualTo(1);
    assertThat(conflict.err()).contains("conflict: unable to remove repository reference \"nginx\" (must force) - "
        + "container");
    Run never = docker("run", "--pull=never", "redis");
    assertThat(never.exit()).isEqualTo(125);
    assertThat(never.err()).contains("No such image: redis:latest");
  }

  @Test
  void build_with_the_classic_builder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), String.join("\n",
        "FROM alpine",
        "ENV MODE=demo",
        "COPY hello.sh /hello.sh",
        "CMD [\"/hello.sh\"]",
        ""), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("hello.sh"), "echo hello\n", StandardCharsets.UTF_8);
    Run build = docker("build", "-t", "hello:1", dir.toString());
    assertThat(build.exit()).as(build.err()).isZero();
    assertThat(build.out()).contains("Step 1/4 : FROM alpine\n")
        .contains("latest: Pulling from library/alpine\n")
        .contains("Step 2/4 : ENV MODE=demo\n ---> Running in ")
        .contains("Step 3/4 : COPY hello.sh /hello.sh\n")
        .contains("Successfully tagged hello:1\n");
    String id = ok("image", "inspect", "--format", "{{.Id}}", "hello:1").trim();
    assertThat(build.out()).contains("Successfully built " + id.substring(7, 19) + "\n");
    Run again = docker("build", "-q", "-t", "hello:1", dir.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo(id + "\n");
    String run = ok("run", "-d", "--name", "hello", "hello:1").trim();
    assertThat(ok("inspect", "--format", "{{.Image}} {{.Config.Cmd}}", run)).isEqualTo(id + " [/hello.sh]\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\nBOGUSWORD x\n", StandardCharsets.UTF_8);
    Run bad = docker("build", dir.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("dockerfile parse error on line 2: unknown instruction: BOGUSWORD");
  }
}
