package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Containers that live and die as under dockerd, driven with the real {@code docker} CLI against
 * {@code cnm serve} on the system clock: {@code run -d} and {@code wait}, {@code logs} (with
 * {@code --timestamps}, {@code --tail}, {@code -f}), {@code kill}, {@code events} with {@code
 * --since}, {@code --until} and {@code --filter}, {@code pull}, {@code images} and {@code image
 * inspect}. Skipped where the docker CLI is not installed.
 */
class ServeLifecycleDockerCliTest {
  @TempDir Path tmp;
  private ServedDockerCli cli;

  @BeforeEach
  void start() throws Exception {
    Optional<Path> docker = ServedDockerCli.dockerOnPath();
    assumeTrue(docker.isPresent(), "the docker CLI is not on the PATH");
    // no CNM_SEED: the engine follows the system clock, so `sleep 2` takes two seconds as under dockerd
    cli = ServedDockerCli.start(docker.get(), tmp, Map.of());
  }

  @AfterEach
  void stop() {
    if (cli != null) {
      cli.close();
    }
  }

  private ServedDockerCli.Run docker(String... args) throws IOException, InterruptedException {
    return cli.docker(args);
  }

  private String ok(String... args) throws IOException, InterruptedException {
    return cli.ok(args);
  }

  @Test
  void run_detached_then_wait_logs_kill_and_events_as_with_dockerd() throws Exception {
    long since = System.currentTimeMillis() / 1000 - 1;
    assertThat(ok("pull", "-q", "alpine")).isEqualTo("docker.io/library/alpine:latest\n");
    String id = ok("run", "-d", "--name", "once", "alpine", "sh", "-c", "echo hello; echo world; exit 3").trim();
    assertThat(id).matches("[0-9a-f]{64}");
    assertThat(ok("wait", "once")).isEqualTo("3\n");
    assertThat(ok("ps", "-a", "--filter", "name=once", "--format", "{{.Status}}")).startsWith("Exited (3) ");

    assertThat(ok("logs", "once")).isEqualTo("hello\nworld\n");
    assertThat(ok("logs", "--tail", "1", "once")).isEqualTo("world\n");
    assertThat(ok("logs", "--timestamps", "once").split("\n"))
        .satisfiesExactly(
            l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z hello"),
            l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z world"));
    ServedDockerCli.Run missing = docker("logs", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("Error response from daemon: No such container: nope\n");

    // From before the run, so that the sleep lies wholly inside what is measured.
    long t0 = System.nanoTime();
    ok("run", "-d", "--name", "slow", "alpine", "sh", "-c", "echo a; sleep 2; echo b");
    assertThat(ok("logs", "-f", "slow")).isEqualTo("a\nb\n");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(500));

    ok("run", "-d", "--name", "srv", "alpine", "sleep", "1000");
    assertThat(ok("kill", "srv")).isEqualTo("srv\n");
    assertThat(ok("wait", "srv")).isEqualTo("137\n");

    String until = String.valueOf(System.currentTimeMillis() / 1000 + 1);
    assertThat(ok("events", "--since", String.valueOf(since), "--until", until, "--filter", "event=die",
        "--format", "{{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}"))
        .isEqualTo("once 3\nslow 0\nsrv 137\n");
    assertThat(ok("events", "--since", String.valueOf(since), "--until", until, "--filter", "container=srv",
        "--filter", "type=container", "--format", "{{.Action}}"))
        .isEqualTo("create\nstart\nkill\ndie\n");
    assertThat(ok("events", "--since", String.valueOf(since), "--until", until, "--filter", "type=image",
        "--format", "{{.Action}} {{.Actor.ID}}")).isEqualTo("pull alpine:latest\n");
  }

  @Test
  void images_pull_and_image_inspect_and_a_container_from_an_image_id() throws Exception {
    ServedDockerCli.Run absent = docker("create", "--pull", "never", "nginx:1.25");
    assertThat(absent.exit()).isNotZero();
    assertThat(absent.err()).contains("No such image: nginx:1.25");
    assertThat(ok("pull", "nginx:1.25")).contains("Status: Downloaded newer image for nginx:1.25")
        .endsWith("docker.io/library/nginx:1.25\n");
    assertThat(ok("images", "--format", "{{.Repository}}:{{.Tag}}")).isEqualTo("nginx:1.25\n");
    String imageId = ok("image", "inspect", "-f", "{{.Id}}", "nginx:1.25").trim();
    assertThat(imageId).matches("sha256:[0-9a-f]{64}");
    assertThat(ok("image", "inspect", "-f", "{{index .RepoTags 0}}", imageId.substring(7, 19)))
        .isEqualTo("nginx:1.25\n");
    ok("run", "-d", "--name", "byid", imageId);
    assertThat(ok("inspect", "-f", "{{.Image}} {{.State.Running}}", "byid")).isEqualTo(imageId + " true\n");
  }
}
