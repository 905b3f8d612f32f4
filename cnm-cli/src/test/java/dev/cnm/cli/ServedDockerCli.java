package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code cnm serve} on a loopback port it picks, in a thread of the test's JVM, and the real {@code
 * docker} CLI pointed at it: for the tests that check cnm against the client users run.
 *
 * <pre>{@code
 * Optional<Path> cli = ServedDockerCli.dockerOnPath();
 * assumeTrue(cli.isPresent(), "the docker CLI is not on the PATH");
 * try (ServedDockerCli docker = ServedDockerCli.start(cli.get(), tmp, Map.of())) {
 *   docker.ok("network", "create", "n");
 * }
 * }</pre>
 */
final class ServedDockerCli implements AutoCloseable {
  /** One run of the CLI: its exit status, standard output and error. */
  record Run(int exit, String out, String err) {}

  private final Path docker;
  private final Path tmp;
  private final Thread server;
  private final int port;

  private ServedDockerCli(Path docker, Path tmp, Thread server, int port) {
    this.docker = docker;
    this.tmp = tmp;
    this.server = server;
    this.port = port;
  }

  /** The {@code docker} executable on the {@code PATH}, if any. */
  static Optional<Path> dockerOnPath() {
    String path = System.getenv("PATH");
    return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
        .map(d -> Path.of(d, "docker")).filter(Files::isExecutable).findFirst();
  }

  /**
   * Starts {@code cnm serve} with {@code env} (its state in {@code tmp}) and waits until it
   * listens.
   */
  static ServedDockerCli start(Path docker, Path tmp, Map<String, String> env) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Thread server = new Thread(() -> new Cli(env, print, print)
        .run(List.of("--state", tmp.resolve("state").toString(), "serve", "--listen", "tcp://127.0.0.1:0")));
    server.start();
    try {
      return new ServedDockerCli(docker, tmp, server, ListeningPort.await(out));
    } catch (AssertionError notListening) {
      server.interrupt();
      throw notListening;
    }
  }

  /** Runs {@code docker ARGS} against the server, with no input, within a minute. */
  Run docker(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(docker.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("DOCKER_HOST", "tcp://127.0.0.1:" + port);
    pb.environment().put("DOCKER_CONFIG", tmp.toString());
    pb.environment().remove("DOCKER_CONTEXT");
    pb.environment().remove("DOCKER_API_VERSION");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
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

  /** Runs {@code docker ARGS}, asserts it succeeded, and returns its standard output. */
  String ok(String... args) throws IOException, InterruptedException {
    Run r = docker(args);
    assertThat(r.exit()).as("docker %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out();
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.interrupt();
    try {
      server.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
