package dev.cnm.dockerapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cnm.api.Engine;
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
 * Replays the seed tutorial (seeds/000) through the real {@code docker} CLI against the server,
 * when a {@code docker} command is on the PATH.
 */
class DockerCliTest {
  private static Path docker;
  private Engine engine;
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
    assumeTrue(docker != null, "the docker CLI is not on the PATH: skipping the tutorial replay through it");
    engine = Cnm.builder().seed(3).build();
    server = DockerApiServer.builder()
        .engine(engine)
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
    return dockerAt("tcp://127.0.0.1:" + server.address().getPort(), args);
  }

  private Run dockerAt(String host, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(docker.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", host);
    pb.environment().put("DOCKER_CONFIG", config.toString());
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
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private String ok(String... args) throws IOException, InterruptedException {
    Run r = docker(args);
    assertThat(r.exit()).as("docker %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  @Test
  void the_cli_also_talks_over_a_unix_socket() throws Exception {
    Path socket = config.resolve("docker.sock");
    DockerApiServer unix = DockerApiServer.builder().engine(engine).unixSocket(socket).build().start();
    try {
      Run r = dockerAt("unix://" + socket, "network", "ls", "--format", "{{.Name}}");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).isEqualTo("bridge\nhost\nnone\n");
      Run foreground = dockerAt("unix://" + socket, "run", "--rm", "alpine", "echo", "over a socket");
      assertThat(foreground.exit()).as(foreground.err()).isZero();
      assertThat(foreground.out()).isEqualTo("over a socket\n");
    } finally {
      unix.close();
    }
  }

  @Test
  void the_tutorial_runs_through_the_docker_cli() throws Exception {
    assertThat(ok("version", "--format", "{{.Server.APIVersion}}")).isEqualTo("1.50\n");

    // Naming and inspecting containers
    String ticktock = ok("run", "-d", "--name", "ticktock", "jpetazzo/clock").trim();
    assertThat(ticktock).matches("[0-9a-f]{64}");
    assertThat(ok("inspect", "--format", "{{json .State.Running}}", "ticktock")).isEqualTo("true\n");
    Run dup = docker("run", "-d", "--name", "ticktock", "jpetazzo/clock");
    assertThat(dup.exit()).isEqualTo(125);
    assertThat(dup.err()).startsWith("docker: Error response from daemon: Conflict. The container name \"/ticktock\""
        + " is already in use by container \"" + ticktock + "\". You have to remove (or rename) that container to be able"
        + " to reuse that name.");
    ok("rename", "ticktock", "oldticktock");
    assertThat(ok("rm", "-f", "oldticktock")).isEqualTo("oldticktock\n");

    // Ports
    String web = ok("run", "-d", "-p", "8080:80", "nginx").trim();
    assertThat(ok("port", web, "80")).isEqualTo("0.0.0.0:8080\n[::]:8080\n");
    assertThat(ok("ps", "--filter", "publish=8080", "--format", "{{.Image}} {{.Ports}}"))
        .isEqualTo("nginx 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n");
    String all = ok("run", "-d", "-P", "nginx").trim();
    assertThat(ok("port", all, "80")).matches("0\\.0\\.0\\.0:\\d+\n\\[::\\]:\\d+\n");
    Run clash = docker("run", "-d", "-p", "8080:80", "nginx");
    assertThat(clash.exit()).isEqualTo(125);
    assertThat(clash.err()).contains("Bind for 0.0.0.0:8080 failed: port is already allocated");

    // Networks
    assertThat(ok("network", "create", "dev").trim()).matches("[0-9a-f]{64}");
    assertThat(ok("network", "ls", "--format", "{{.Name}} {{.Driver}}"))
        .isEqualTo("bridge bridge\ndev bridge\nhost host\nnone null\n");
    ok("run", "-d", "--name", "search", "--net", "dev", "elasticsearch");
    ok("run", "-d", "--net", "dev", "-ti", "alpine", "sh");
    ok("network", "create", "prod");
    ok("run", "-d", "--net", "prod", "--net-alias", "search", "-d", "elasticsearch");
    ok("run", "--net", "dev", "-d", "-P", "jpetazzo/trainingwheels");
    ok("run", "-d", "--net", "dev", "--name", "redis", "-d", "redis");
    assertThat(ok("network", "ls", "-q")).hasLineCount(5);
    String prodSearch = ok("ps", "--filter", "network=prod", "--format", "{{.ID}}").trim();
    assertThat(ok("inspect", "--format", "{{json .NetworkSettings.Networks.prod.Aliases}}", prodSearch))
        .isEqualTo("[\"search\"]\n");
    assertThat(ok("ps", "--filter", "network=dev", "--filter", "name=search", "--format", "{{.Names}}"))
        .isEqualTo("search\n");
    assertThat(ok("inspect", "--format", "{{.Name}}", "dev")).isEqualTo("dev\n");
    Run rmActive = docker("network", "rm", "dev");
    assertThat(rmActive.exit()).isEqualTo(1);
    assertThat(rmActive.err()).contains("error while removing network: network dev has active endpoints");

    // Links and foreground runs (attach, wait)
    ok("run", "-d", "--name", "datastore", "redis");
    assertThat(ok("run", "--link", "datastore:redis", "alpine", "echo", "linked")).isEqualTo("linked\n");
    String datastoreIp = ok("inspect", "--format", "{{.NetworkSettings.IPAddress}}", "datastore").trim();
    assertThat(ok("run", "--rm", "--link", "datastore:redis", "alpine", "env"))
        .contains("REDIS_PORT=tcp://" + datastoreIp + ":6379\n")
        .contains("REDIS_PORT_6379_TCP_ADDR=" + datastoreIp + "\n")
        .contains("REDIS_PORT_6379_TCP_PROTO=tcp\n");
    assertThat(ok("run", "--rm", "alpine", "echo", "bye")).isEqualTo("bye\n");
    assertThat(ok("run", "-t", "--rm", "alpine", "echo", "tty")).isEqualTo("tty\r\n");
    Run failing = docker("run", "--rm", "alpine", "false");
    assertThat(failing.exit()).isEqualTo(1);

    // exec
    assertThat(ok("exec", "search", "echo", "hi")).isEqualTo("hi\n");
    assertThat(docker("exec", "search", "false").exit()).isEqualTo(1);
    String redisIp = ok("inspect", "--format", "{{.NetworkSettings.Networks.dev.IPAddress}}", "redis").trim();
    assertThat(ok("exec", "search", "getent", "hosts", "redis")).startsWith(redisIp + " ");
    assertThat(ok("exec", "search", "sh", "-c", "getent hosts redis")).startsWith(redisIp + " ");
    assertThat(docker("exec", "search", "nosuchcommand").exit()).isEqualTo(127);

    Run missing = docker("inspect", "nosuch");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("Error: No such object: nosuch");
    assertThat(engine.containers()).isNotEmpty();
  }
}
