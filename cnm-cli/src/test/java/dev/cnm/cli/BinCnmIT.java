package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cnm} itself, as a user runs it, against the jar this build packaged (failsafe runs
 * this after the package phase): from another current directory, with the state directory from
 * {@code CNM_STATE}, the class-data-sharing archive dumped on first use, a multi-command scenario
 * whose output is docker's, and the resident server its commands go to (started on first use,
 * replaced when it stopped or was killed, one per state directory, never running a command twice).
 */
class BinCnmIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir
  Path tmp;

  /** Every state directory a test used: their servers are stopped after it. */
  private final Set<Path> used = new HashSet<>();

  record Result(String out, String err, int rc) {}

  private Path state() {
    return tmp.resolve("state");
  }

  private Result cnm(String... args) throws Exception {
    return cnm(Map.of(), null, args);
  }

  /** bin/cnm with {@code env} added (a null value removes the variable) and {@code input} on stdin. */
  private Result cnm(Map<String, String> env, String input, String... args) throws Exception {
    Process p = start(env, input, args);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("bin/cnm %s finished", String.join(" ", args)).isTrue();
    return new Result(Files.readString(out(p), StandardCharsets.UTF_8), Files.readString(err(p), StandardCharsets.UTF_8),
        p.exitValue());
  }

  private final Map<Process, Path[]> outputs = new HashMap<>();

  private Path out(Process p) {
    return outputs.get(p)[0];
  }

  private Path err(Process p) {
    return outputs.get(p)[1];
  }

  private synchronized Process start(Map<String, String> env, String input, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("bin/cnm").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().put("CNM_STATE", state().toString());
    pb.environment().put("CNM_SEED", "7");
    // A server outlives its test by at most this long, should the clean-up below miss it.
    pb.environment().put("CNM_SERVER_IDLE", "60");
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    String dir = pb.environment().get("CNM_STATE");
    if (dir != null) {
      used.add(tmp.resolve(dir));
    }
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--state")) {
        used.add(tmp.resolve(args[i + 1]));
      }
    }
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    if (input == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p = pb.start();
    outputs.put(p, new Path[] {out, err});
    if (input != null && !input.isEmpty()) {
      try (OutputStream in = p.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    return p;
  }

  /** The pid of the server of {@code dir}, while one runs. */
  private static Optional<Long> server(Path dir) {
    try {
      String text = Files.readString(dir.resolve("resident/lock"));
      long pid = Long.parseLong(text.replaceAll("[^0-9]", ""));
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void awaitGone(long pid) throws InterruptedException {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    for (int i = 0; i < 300 && h.isPresent() && h.get().isAlive(); i++) {
      Thread.sleep(100);
    }
    assertThat(h.map(ProcessHandle::isAlive).orElse(false)).as("server %s stopped", pid).isFalse();
  }

  @AfterEach
  void stopServers() throws InterruptedException {
    for (Path dir : used) {
      Optional<Long> pid = server(dir);
      if (pid.isPresent()) {
        ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroy);
        awaitGone(pid.get());
      }
    }
  }

  @Test
  void a_scenario_through_bin_cnm_prints_what_docker_prints() throws Exception {
    assertThat(ROOT.resolve("cnm-cli/target/cnm.jar")).exists();

    Result ls = cnm("network", "ls", "--format", "{{.Name}} {{.Driver}}");
    assertThat(ls.rc()).as(ls.err()).isZero();
    assertThat(ls.out()).isEqualTo("bridge bridge\nhost host\nnone null\n");
    assertThat(server(state())).as("the command went to the resident server").isPresent();

    Result created = cnm("network", "create", "dev");
    assertThat(created.rc()).as(created.err()).isZero();
    assertThat(created.out()).matches("[0-9a-f]{64}\n");

    Result run = cnm("run", "-d", "--name", "web", "--net", "dev", "-p", "8080:80", "nginx");
    assertThat(run.rc()).as(run.err()).isZero();
    assertThat(run.out()).matches("[0-9a-f]{64}\n");

    assertThat(cnm("port", "web").out()).isEqualTo("80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n");
    assertThat(cnm("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", "web").out())
        .isEqualTo("172.18.0.2\n");
    Result lookup = cnm("run", "--rm", "--net", "dev", "busybox", "nslookup", "web");
    assertThat(lookup.rc()).as(lookup.err()).isZero();
    assertThat(lookup.out()).contains("Address: 172.18.0.2");

    Result busy = cnm("network", "rm", "dev");
    assertThat(busy.rc()).isEqualTo(1);
    assertThat(busy.err()).startsWith("Error response from daemon: error while removing network: network dev has active endpoints");

    assertThat(cnm("rm", "-f", "web").out()).isEqualTo("web\n");
    assertThat(cnm("network", "rm", "dev").out()).isEqualTo("dev\n");
    assertThat(cnm("ps", "-a", "-q").out()).isEmpty();

    Result unknown = cnm("bogus");
    assertThat(unknown.rc()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("cnm: unknown command: cnm bogus\n\nRun 'cnm --help' for more information\n");
    // The archive of the classes a run loads was dumped by the first command.
    assertThat(ROOT.resolve("cnm-cli/target/cnm.jsa")).exists();
  }

  @Test
  void exit_codes_and_streams_are_kept_apart_through_the_client() throws Exception {
    Result ok = cnm("network", "create", "dev");
    assertThat(ok.rc()).isZero();
    assertThat(ok.err()).isEmpty();

    Result badFlag = cnm("run", "--bogus", "nginx");
    assertThat(badFlag.rc()).isEqualTo(125);
    assertThat(badFlag.out()).isEmpty();
    assertThat(badFlag.err()).isEqualTo("unknown flag: --bogus\nSee 'cnm run --help'.\n");

    Result template = cnm("network", "inspect", "-f", "{{.Id", "dev");
    assertThat(template.rc()).isEqualTo(64);
    assertThat(template.out()).isEmpty();
    assertThat(template.err()).startsWith("template parsing error: ");

    // global options before the command are cnm's, with their values
    Result advertise = cnm("--cluster-advertise", "h1", "network", "ls");
    assertThat(advertise.rc()).isEqualTo(1);
    assertThat(advertise.out()).isEmpty();
    assertThat(advertise.err()).isEqualTo("cnm: --cluster-advertise needs --cluster-store\n");

    Result missing = cnm("network", "rm", "nope");
    assertThat(missing.rc()).isEqualTo(1);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).startsWith("Error response from daemon: network nope not found\n");
    assertThat(server(state())).isPresent();
  }

  @Test
  void a_damaged_state_is_reported_by_name_through_the_client() throws Exception {
    assertThat(cnm("network", "create", "dev").rc()).isZero();
    Files.writeString(state().resolve("state"), "garbage\n");
    Result r = cnm("network", "ls");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("the state file " + state().resolve("state") + " is corrupt");
    assertThat(Files.readString(state().resolve("state"))).isEqualTo("garbage\n");
  }

  @Test
  void seeded_commands_print_what_a_process_of_their_own_prints() throws Exception {
    List<String> script = List.of("network create dev", "run -d --name web --net dev -p 8080:80 nginx",
        "run -d --net dev --name db redis", "ps --no-trunc", "network inspect dev", "inspect web", "rm -f db",
        "network ls");
    List<Result> served = new ArrayList<>();
    List<Result> alone = new ArrayList<>();
    for (String line : script) {
      served.add(cnm(Map.of("CNM_STATE", tmp.resolve("served").toString()), null,
          Tutorial.split(line).toArray(new String[0])));
      alone.add(cnm(Map.of("CNM_STATE", tmp.resolve("alone").toString(), "CNM_SERVER", "0"), null,
          Tutorial.split(line).toArray(new String[0])));
    }
    assertThat(server(tmp.resolve("served"))).isPresent();
    assertThat(Files.exists(tmp.resolve("alone/resident"))).as("CNM_SERVER=0 starts no server").isFalse();
    assertThat(served).isEqualTo(alone);
    assertThat(Files.readString(tmp.resolve("served/state"))).isEqualTo(Files.readString(tmp.resolve("alone/state")));
  }

  @Test
  void concurrent_clients_each_run_once_in_turn() throws Exception {
    assertThat(cnm("network", "ls", "-q").rc()).isZero(); // the server is up: the clients below race on it
    long before = count();
    int n = 6;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String name = "net" + i;
        results.add(pool.submit(() -> cnm("network", "create", name)));
      }
      Set<String> ids = new HashSet<>();
      for (Future<Result> f : results) {
        Result r = f.get(180, TimeUnit.SECONDS);
        assertThat(r.rc()).as(r.err()).isZero();
        ids.add(r.out().strip());
      }
      assertThat(ids).hasSize(n);
    } finally {
      pool.shutdownNow();
    }
    assertThat(cnm("network", "ls", "--format", "{{.Name}}").out().lines())
        .containsExactlyInAnyOrder("bridge", "host", "none", "net0", "net1", "net2", "net3", "net4", "net5");
    // Six commands saved, each once: the state counts the commands applied.
    assertThat(count() - before).isEqualTo(n);
  }

  /** The number of commands the state has applied (its header's count). */
  private long count() throws IOException {
    Path f = state().resolve("state");
    if (!Files.exists(f)) {
      return 0;
    }
    return Files.readAllLines(f).stream().filter(l -> l.startsWith("count ")).findFirst()
        .map(l -> Long.parseLong(l.substring("count ".length()))).orElseThrow();
  }

  @Test
  void a_server_stops_when_idle_and_the_next_command_starts_another() throws Exception {
    Map<String, String> quick = Map.of("CNM_SERVER_IDLE", "1");
    assertThat(cnm(quick, null, "network", "create", "dev").rc()).isZero();
    long first = server(state()).orElseThrow();
    awaitGone(first);
    assertThat(state().resolve("resident/socket")).doesNotExist();
    Result again = cnm(quick, null, "network", "ls", "--format", "{{.Name}}");
    assertThat(again.rc()).as(again.err()).isZero();
    assertThat(again.out()).contains("dev");
    assertThat(server(state())).isPresent().get().isNotEqualTo(first);
  }

  @Test
  void a_killed_server_and_its_stale_socket_are_replaced() throws Exception {
    assertThat(cnm("network", "create", "dev").rc()).isZero();
    long first = server(state()).orElseThrow();
    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    awaitGone(first);
    assertThat(state().resolve("resident/socket")).exists(); // left behind, nobody answers on it
    Result r = cnm("network", "ls", "--format", "{{.Name}}");
    assertThat(r.rc()).as(r.err()).isZero();
    assertThat(r.out()).contains("dev");
    assertThat(server(state())).isPresent().get().isNotEqualTo(first);
  }

  @Test
  void a_rebuilt_jar_gets_a_new_server() throws Exception {
    assertThat(cnm("network", "create", "dev").rc()).isZero();
    long first = server(state()).orElseThrow();
    Path jar = ROOT.resolve("cnm-cli/target/cnm.jar");
    Path archive = ROOT.resolve("cnm-cli/target/cnm.jsa");
    java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
    java.nio.file.attribute.FileTime dumped = Files.getLastModifiedTime(archive);
    try {
      // As a build would: a newer jar (and an archive newer still, so bin/cnm does not dump one).
      Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(built.toMillis() + 10_000));
      Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(built.toMillis() + 20_000));
      Result r = cnm("network", "ls", "--format", "{{.Name}}");
      assertThat(r.rc()).as(r.err()).isZero();
      assertThat(r.out()).contains("dev");
      awaitGone(first);
      assertThat(server(state())).isPresent().get().isNotEqualTo(first);
    } finally {
      Files.setLastModifiedTime(jar, built);
      Files.setLastModifiedTime(archive, dumped);
    }
  }

  @Test
  void a_stale_socket_or_a_file_in_its_place_is_replaced() throws Exception {
    Path a = tmp.resolve("a");
    Files.createDirectories(a.resolve("resident"));
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(a.resolve("resident/socket")));
    } // closed: the socket file stays, refusing connections
    Path b = tmp.resolve("b");
    Files.createDirectories(b.resolve("resident"));
    Files.writeString(b.resolve("resident/socket"), "not a socket");
    for (Path dir : List.of(a, b)) {
      Result r = cnm(Map.of("CNM_STATE", dir.toString()), null, "network", "create", "dev");
      assertThat(r.rc()).as(r.err()).isZero();
      assertThat(server(dir)).isPresent();
    }
  }

  @Test
  void the_server_keeps_none_of_the_callers_files_open() throws Exception {
    // The first command starts the server; fd 5 is the pipe to cat: were the server to keep it,
    // cat would wait for the server's end, not the command's.
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", "bash \"$0\" network ls --format '{{.Name}}' 5>&1 | cat",
        ROOT.resolve("bin/cnm").toString()).directory(tmp.toFile()).redirectErrorStream(true);
    pb.environment().put("CNM_STATE", state().toString());
    pb.environment().put("CNM_SERVER_IDLE", "300"); // a kept pipe would hold cat that long
    used.add(state());
    long start = System.nanoTime();
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(150);
    assertThat(out).isEqualTo("bridge\nhost\nnone\n");
    assertThat(server(state())).isPresent();
  }

  @Test
  void each_state_directory_has_its_own_server() throws Exception {
    assertThat(cnm(Map.of("CNM_STATE", tmp.resolve("one").toString()), null, "network", "create", "a").rc()).isZero();
    assertThat(cnm("--state", "two", "network", "create", "b").rc()).isZero(); // relative to the working directory
    long one = server(tmp.resolve("one")).orElseThrow();
    long two = server(tmp.resolve("two")).orElseThrow();
    assertThat(one).isNotEqualTo(two);
    assertThat(cnm("--state", "two", "network", "ls", "--format", "{{.Name}}").out()).contains("b").doesNotContain("a\n");
  }

  @Test
  void the_clients_input_environment_and_directory_reach_the_command() throws Exception {
    assertThat(cnm("network", "create", "spare").rc()).isZero();
    Result no = cnm(Map.of(), "n\n", "network", "prune");
    assertThat(no.err()).isEqualTo("network prune has been cancelled\n");
    assertThat(cnm("network", "ls", "--format", "{{.Name}}").out()).contains("spare");
    Result yes = cnm(Map.of(), "y\n", "network", "prune");
    assertThat(yes.rc()).as(yes.err()).isZero();
    assertThat(yes.out()).contains("Deleted Networks:\nspare\n");

    Result run = cnm(Map.of("SECRET_FROM_CLIENT", "s3"), null, "run", "-d", "--name", "box", "-e",
        "SECRET_FROM_CLIENT", "nginx");
    assertThat(run.rc()).as(run.err()).isZero();
    assertThat(cnm("inspect", "-f", "{{json .Config.Env}}", "box").out()).contains("SECRET_FROM_CLIENT=s3");

    Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(tmp.resolve("ctx/Dockerfile"), "FROM busybox\nLABEL built=here\n");
    Result build = cnm("build", "-q", "--iidfile", "iid.txt", "ctx");
    assertThat(build.rc()).as(build.err()).isZero();
    assertThat(Files.readString(tmp.resolve("iid.txt"))).isEqualTo(build.out().strip());
  }

  @Test
  void a_client_killed_mid_command_leaves_the_server_serving() throws Exception {
    assertThat(cnm("network", "create", "spare").rc()).isZero();
    long pid = server(state()).orElseThrow();
    // prune waits for its answer: the client dies while it waits
    Process p = start(Map.of(), "", "network", "prune");
    for (int i = 0; i < 600 && Files.readString(out(p)).isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(Files.readString(out(p))).startsWith("WARNING! This will remove all custom networks");
    p.destroyForcibly().waitFor();
    Result after = cnm("network", "ls", "--format", "{{.Name}}");
    assertThat(after.rc()).as(after.err()).isZero();
    assertThat(after.out()).contains("spare"); // the prune never got its yes
    assertThat(server(state())).contains(pid);
  }

  @Test
  void the_java_client_serves_where_there_is_no_c_compiler() throws Exception {
    Map<String, String> noCc = Map.of("CNM_NO_CC", "1");
    Result r = cnm(noCc, null, "network", "create", "dev");
    assertThat(r.rc()).as(r.err()).isZero();
    assertThat(server(state())).isPresent();
    Result bad = cnm(noCc, null, "network", "rm", "nope");
    assertThat(bad.rc()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).startsWith("Error response from daemon: network nope not found\n");
    assertThat(cnm(noCc, "y\n", "network", "prune").out()).contains("Deleted Networks:\ndev\n");
  }

  @Test
  void what_may_wait_on_a_terminal_and_serve_run_in_a_process_of_their_own() throws Exception {
    Result r = cnm("run", "-dit", "--name", "box", "busybox");
    assertThat(r.rc()).as(r.err()).isZero();
    assertThat(state().resolve("resident")).doesNotExist();
    assertThat(cnm("tutorial").rc()).isZero();
    assertThat(state().resolve("resident")).doesNotExist();
  }

  @Test
  void plugin_test_runs_the_contracts_from_the_packaged_jar() throws Exception {
    try (TcpPluginFake plugin = new TcpPluginFake()) {
      Result r = cnm("plugin", "test", "--name", "tapper", plugin.address());
      assertThat(r.rc()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("All steps went as Docker needs them to.\n")
          .contains("NetworkDriverContract: 11 passed, 0 failed, 2 skipped\n")
          .endsWith("PASS: the plugin answers as Docker needs it to\n");
    }
  }
}
