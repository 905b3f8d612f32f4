package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnm} as real processes against a temporary state directory. */
class ProcessTest {
  @TempDir
  Path tmp;

  record Result(String out, String err, int rc) {}

  private static List<String> java(Path state) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("--state");
    cmd.add(state.toString());
    return cmd;
  }

  private Process start(Path state, Map<String, String> env, String line) throws IOException {
    List<String> cmd = java(state);
    cmd.addAll(Tutorial.split(line));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("CNM_STATE");
    pb.environment().put("CNM_SEED", "11");
    pb.environment().putAll(env);
    pb.redirectOutput(tmp.resolve("out-" + System.nanoTime()).toFile());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private Result cnm(Path state, String line) throws Exception {
    List<String> cmd = java(state);
    cmd.addAll(Tutorial.split(line));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("CNM_STATE");
    pb.environment().put("CNM_SEED", "11");
    Path out = tmp.resolve("o" + System.nanoTime());
    Path err = tmp.resolve("e" + System.nanoTime());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(Files.readString(out), Files.readString(err), p.exitValue());
  }

  @Test
  void a_multi_command_scenario() throws Exception {
    Path state = tmp.resolve("state");
    String dev = cnm(state, "network create dev").out().strip();
    assertThat(dev).matches("[0-9a-f]{64}");
    String web = cnm(state, "run -d --name web --net dev --net-alias www -p 8080:80 nginx").out().strip();
    Result clash = cnm(state, "run -d -p 8080:80 nginx");
    assertThat(clash.rc()).isEqualTo(125);
    assertThat(clash.err()).contains("Bind for 0.0.0.0:8080 failed: port is already allocated")
        .startsWith("cnm: Error response from daemon: ");
    assertThat(cnm(state, "port web").out()).isEqualTo("80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n");
    assertThat(cnm(state, "inspect -f '{{.Id}} {{json .NetworkSettings.Networks.dev.Aliases}}' web").out())
        .isEqualTo(web + " [\"www\"]\n");
    Result tpl = cnm(state, "inspect -f '{{.Id' web");
    assertThat(tpl.rc()).isEqualTo(64);
    assertThat(cnm(state, "rename web www2").rc()).isZero();
    assertThat(cnm(state, "stop www2").out()).isEqualTo("www2\n");
    assertThat(cnm(state, "rm www2").out()).isEqualTo("www2\n");
    assertThat(cnm(state, "network rm dev").out()).isEqualTo("dev\n");
    assertThat(cnm(state, "ps -a --format '{{.State}}'").out()).isEqualTo("created\n");
    assertThat(cnm(state, "network ls --format '{{.Name}}'").out()).isEqualTo("bridge\nhost\nnone\n");
  }

  /**
   * Kills writers in the middle of a save (during a pause between the fsynced temporary file and
   * the rename, and at random moments), with acknowledged commands in between: the state always
   * loads and holds every acknowledged command.
   */
  @Test
  void killing_writers_never_loses_an_acknowledged_command() throws Exception {
    Path state = tmp.resolve("kill");
    SplittableRandom random = new SplittableRandom(5);
    List<String> acknowledged = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    int kills = 0;
    for (int i = 0; i < 6 && System.nanoTime() < deadline; i++) {
      Result ok = cnm(state, "network create ack" + i);
      assertThat(ok.rc()).isZero();
      acknowledged.add("ack" + i);
      boolean paused = i % 2 == 0;
      Process p = start(state, paused ? Map.of(StateFile.PAUSE_ENV, "5000") : Map.of(), "network create killed" + i);
      if (paused) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!hasTemporaryFile(state) && p.isAlive() && System.nanoTime() < until) {
          Thread.sleep(5);
        }
        assertThat(hasTemporaryFile(state)).as("the writer reached the pause").isTrue();
      } else {
        Thread.sleep(random.nextInt(50, 1500));
      }
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
      if (p.exitValue() == 0) {
        acknowledged.add("killed" + i); // finished before the kill: acknowledged after all
      } else {
        kills++;
      }
      Result ls = cnm(state, "network ls --format '{{.Name}}'");
      assertThat(ls.rc()).as(ls.err()).isZero();
      List<String> names = ls.out().lines().toList();
      assertThat(names).containsAll(acknowledged);
      if (paused) {
        assertThat(names).doesNotContain("killed" + i);
      }
    }
    assertThat(kills).isGreaterThanOrEqualTo(3);
  }

  /** Whether a writer's temporary file is in the state directory (it paused before the rename). */
  private static boolean hasTemporaryFile(Path state) throws IOException {
    if (!Files.isDirectory(state)) {
      return false;
    }
    try (var files = Files.list(state)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith(StateFile.TEMP_PREFIX));
    }
  }

  private Process startTo(Path state, Map<String, String> env, String line, Path stdout) throws IOException {
    List<String> cmd = java(state);
    cmd.addAll(Tutorial.split(line));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("CNM_STATE");
    pb.environment().remove("CNM_SEED");
    pb.environment().putAll(env);
    pb.redirectOutput(stdout.toFile());
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  /**
   * The mistake this catches: {@code run -d} printed the new id before the state was saved, so a kill -9
   * after the id was seen lost the container. An id is printed only once its state is on disk:
   * during a pause before the rename nothing is printed yet, and an id seen is never lost.
   */
  @Test
  void an_id_is_printed_only_once_its_state_is_on_disk() throws Exception {
    Path state = tmp.resolve("ack");
    assertThat(cnm(state, "network ls -q").rc()).isZero();
    Path out = tmp.resolve("paused.out");
    Process paused = startTo(state, Map.of(StateFile.PAUSE_ENV, "4000"), "run -d nginx", out);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!hasTemporaryFile(state) && paused.isAlive() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(hasTemporaryFile(state)).as("the writer reached the pause").isTrue();
    Thread.sleep(200);
    assertThat(Files.readString(out)).as("printed before the rename").isEmpty();
    paused.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(cnm(state, "ps -aq").out()).isEmpty();

    for (int i = 0; i < 3; i++) {
      Path seen = tmp.resolve("seen" + i + ".out");
      Process p = startTo(state, Map.of(), "run -d nginx", seen);
      String id = "";
      until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (id.isEmpty() && System.nanoTime() < until) {
        id = Files.readString(seen).strip();
        if (id.isEmpty()) {
          Thread.sleep(1);
        }
      }
      p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // at once, as a crash right after the print
      assertThat(id).matches("[0-9a-f]{64}");
      assertThat(cnm(state, "ps -aq --no-trunc").out().lines()).contains(id);
    }
  }

  /** A crash right after the save, before anything is printed: the command is kept, and nothing was claimed. */
  @Test
  void a_crash_between_the_save_and_the_print_keeps_the_change() throws Exception {
    Path state = tmp.resolve("halt");
    Path out = tmp.resolve("halt.out");
    Process p = startTo(state, Map.of(Cli.HALT_AFTER_SAVE_ENV, "1"), "network create kept", out);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(99);
    assertThat(Files.readString(out)).isEmpty();
    assertThat(cnm(state, "network ls --format '{{.Name}}'").out().lines()).contains("kept");
  }

  /**
   * SIGTERM stops a server as dockerd stops: its unix socket is removed and the directory is free
   * at once. The mistake this catches: the socket file stayed behind (the next start removed it as stale).
   */
  @Test
  void sigterm_stops_serve_and_removes_its_socket() throws Exception {
    Path state = tmp.resolve("term");
    Path socket = tmp.resolve("cnm.sock");
    Path out = tmp.resolve("term.out");
    Process server = startTo(state, Map.of(), "serve --listen unix://" + socket, out);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(out).contains("API listening") && server.isAlive() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(Files.exists(socket)).as("listening").isTrue();
    server.destroy(); // SIGTERM
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(cnm(state, "network ls -q").rc()).isZero();
  }

  /** Events are kept with the state: a later process lists what an earlier one did. */
  @Test
  void events_of_one_process_are_listed_by_a_later_one() throws Exception {
    Path state = tmp.resolve("events");
    String id = cnm(state, "run -d --name job alpine sh -c 'exit 3'").out().strip();
    Result events = cnm(state, "events --since 1h --until 0s --filter container=job --format '{{.Action}} {{.Actor.ID}}'");
    assertThat(events.rc()).as(events.err()).isZero();
    assertThat(events.out()).isEqualTo("create " + id + "\nstart " + id + "\ndie " + id + "\n");
  }

  /**
   * A {@code wait} leaves the state lock between its rounds: a {@code kill} from another process
   * goes through, and the wait prints its exit code.
   */
  @Test
  void wait_lets_another_process_kill_what_it_waits_for() throws Exception {
    Path state = tmp.resolve("wait");
    assertThat(cnm(state, "run -d --name web nginx").rc()).isZero();
    Path out = tmp.resolve("wait.out");
    Process wait = startTo(state, Map.of("CNM_SEED", "11"), "wait web", out);
    Thread.sleep(1500);
    assertThat(wait.isAlive()).as("waits while web runs").isTrue();
    assertThat(cnm(state, "kill web").out()).isEqualTo("web\n");
    assertThat(wait.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(wait.exitValue()).isZero();
    assertThat(Files.readString(out)).isEqualTo("137\n");
  }

  /**
   * {@code logs -f} prints each line once and ends when the container stops. Each
   * round saves: a round that ran a line again from the state on disk would stamp it anew, and
   * the line would come out in every round while the container never got to its exit.
   */
  @Test
  void logs_follow_prints_each_line_once_and_ends_with_the_container() throws Exception {
    Path state = tmp.resolve("logsf");
    Process run = startTo(state, Map.of(), "run -d --name job alpine sh -c 'echo a; sleep 1; echo b; sleep 1; exit 1'",
        tmp.resolve("run.out"));
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Process logs = startTo(state, Map.of(), "logs -f job", tmp.resolve("logs.out"));
    assertThat(logs.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(logs.exitValue()).isZero();
    assertThat(Files.readString(tmp.resolve("logs.out"))).isEqualTo("a\nb\n");
  }

  /** On the system clock, a {@code sleep 2} ends two seconds later, seen by a later process. */
  @Test
  void a_sleep_ends_on_the_system_clock_across_processes() throws Exception {
    Path state = tmp.resolve("sleep");
    Path out = tmp.resolve("sleep.out");
    Process run = startTo(state, Map.of(), "run -d --name nap alpine sleep 2", out);
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long started = System.nanoTime();
    Process wait = startTo(state, Map.of(), "wait nap", tmp.resolve("nap.out"));
    assertThat(wait.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(tmp.resolve("nap.out"))).isEqualTo("0\n");
    Thread.sleep(1100);
    Process ps = startTo(state, Map.of(), "ps -a --format '{{.Status}}'", tmp.resolve("ps.out"));
    assertThat(ps.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(tmp.resolve("ps.out"))).matches("Exited \\(0\\) \\d+ seconds? ago\n");
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(60));
  }

  @Test
  void concurrent_invocations_are_serialised() throws Exception {
    Path state = tmp.resolve("conc");
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ps.add(start(state, Map.of(), "network create n" + i));
    }
    for (Process p : ps) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    assertThat(cnm(state, "network ls --format '{{.Name}}'").out().lines())
        .contains("n0", "n1", "n2", "n3");
  }
}
