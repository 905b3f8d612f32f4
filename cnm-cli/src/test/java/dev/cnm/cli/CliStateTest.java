package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliStateTest {
  @TempDir
  Path tmp;

  record Result(String out, String err, int rc) {}

  private Result cnm(Map<String, String> env, String line) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int rc = new Cli(env, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8))
        .run(Tutorial.split(line));
    return new Result(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), rc);
  }

  private Map<String, String> seeded(long seed) {
    Map<String, String> env = new HashMap<>();
    env.put("CNM_SEED", Long.toString(seed));
    return env;
  }

  @Test
  void state_carries_over_between_invocations() {
    Path dir = tmp.resolve("s");
    Map<String, String> env = seeded(3);
    String netId = cnm(env, "--state " + dir + " network create dev").out().strip();
    String id = cnm(env, "--state=" + dir + " run -d --name web --net dev -p 8080:80 nginx").out().strip();
    assertThat(cnm(env, "--state " + dir + " port web 80").out()).isEqualTo("0.0.0.0:8080\n[::]:8080\n");
    assertThat(cnm(env, "--state " + dir + " inspect -f '{{.Id}} {{.NetworkSettings.Networks.dev.NetworkID}}' web").out())
        .isEqualTo(id + " " + netId + "\n");
    assertThat(cnm(env, "--state " + dir + " network ls --format '{{.Name}}'").out())
        .isEqualTo("bridge\ndev\nhost\nnone\n");
    assertThat(cnm(env, "--state " + dir + " rm -f web").out()).isEqualTo("web\n");
    assertThat(cnm(env, "--state " + dir + " ps -aq").out()).isEmpty();
  }

  @Test
  void the_same_seed_gives_the_same_ids_in_another_directory() {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (String line : List.of("network create dev", "run -d --net dev nginx", "create redis")) {
      a.add(cnm(seeded(9), "--state " + tmp.resolve("a") + " " + line).out());
      b.add(cnm(seeded(9), "--state " + tmp.resolve("b") + " " + line).out());
    }
    assertThat(a).isEqualTo(b);
    assertThat(cnm(seeded(9), "--state " + tmp.resolve("a") + " ps -a --format '{{.Names}} {{.CreatedAt}}'").out())
        .isEqualTo(cnm(seeded(9), "--state " + tmp.resolve("b") + " ps -a --format '{{.Names}} {{.CreatedAt}}'").out());
  }

  @Test
  void state_directory_from_the_environment() {
    Map<String, String> env = seeded(1);
    env.put("CNM_STATE", tmp.resolve("env").toString());
    cnm(env, "network create dev");
    assertThat(Files.exists(tmp.resolve("env").resolve(StateFile.STATE))).isTrue();
    assertThat(cnm(env, "network ls -q --filter name=dev").out()).hasSize(13);
    // --state wins over CNM_STATE
    assertThat(cnm(env, "--state " + tmp.resolve("flag") + " network ls -q --filter name=dev").out()).isEmpty();
  }

  @Test
  void read_only_commands_do_not_write_the_state() throws Exception {
    Path dir = tmp.resolve("ro");
    cnm(seeded(1), "--state " + dir + " network create dev");
    byte[] before = Files.readAllBytes(dir.resolve(StateFile.STATE));
    cnm(seeded(1), "--state " + dir + " network inspect dev");
    cnm(seeded(1), "--state " + dir + " inspect nosuch");
    assertThat(Files.readAllBytes(dir.resolve(StateFile.STATE))).isEqualTo(before);
  }

  /** The mistake this catches: each command on a directory never saved made new predefined networks. */
  @Test
  void predefined_networks_keep_their_ids_across_runs_of_an_unsaved_directory() throws Exception {
    Path dir = tmp.resolve("fresh");
    String first = cnm(Map.of(), "--state " + dir + " network ls -q --no-trunc").out();
    assertThat(first.lines()).hasSize(3);
    assertThat(Files.exists(dir.resolve(StateFile.STATE))).isTrue();
    assertThat(cnm(Map.of(), "--state " + dir + " network ls -q --no-trunc").out()).isEqualTo(first);
    assertThat(cnm(Map.of(), "--state " + dir + " network inspect -f '{{.Id}}' bridge").out().strip())
        .isIn(first.lines().toList());
  }

  @Test
  void corrupt_state_is_reported_and_left_untouched() throws Exception {
    Path dir = tmp.resolve("bad");
    cnm(seeded(1), "--state " + dir + " network create dev");
    Path file = dir.resolve(StateFile.STATE);
    byte[] good = Files.readAllBytes(file);
    for (byte[] bad : List.of("garbage".getBytes(StandardCharsets.UTF_8),
        java.util.Arrays.copyOf(good, good.length - 3),
        new String(good, StandardCharsets.UTF_8).replace("dev", "dex").getBytes(StandardCharsets.UTF_8),
        new byte[0])) {
      Files.write(file, bad);
      Result r = cnm(seeded(1), "--state " + dir + " network create prod");
      assertThat(r.rc()).isEqualTo(1);
      assertThat(r.err()).startsWith("cnm: the state file " + file + " is corrupt (")
          .endsWith("); it was left untouched: move it aside to start afresh\n");
      assertThat(Files.readAllBytes(file)).isEqualTo(bad);
    }
  }

  @Test
  void unreadable_state_directory_is_reported() throws Exception {
    Path notADir = tmp.resolve("file");
    Files.writeString(notADir, "x");
    Result r = cnm(seeded(1), "--state " + notADir + " ps");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).startsWith("cnm: cannot open the state directory " + notADir + ": ");
  }

  @Test
  void global_flags_and_their_errors() {
    assertThat(cnm(seeded(1), "--state").rc()).isEqualTo(125);
    Result bad = cnm(seeded(1), "--bogus ps");
    assertThat(bad.err()).isEqualTo("unknown flag: --bogus\nSee 'cnm --help'.\n");
    assertThat(bad.rc()).isEqualTo(125);
    assertThat(cnm(seeded(1), "").out()).contains("Usage:  cnm [--state DIR] COMMAND");
    Map<String, String> env = new HashMap<>();
    env.put("CNM_SEED", "x");
    env.put("CNM_STATE", tmp.resolve("x").toString());
    Result r = cnm(env, "ps");
    assertThat(r.err()).isEqualTo("invalid CNM_SEED: x (expected an integer)\n");
    assertThat(r.rc()).isEqualTo(1);
  }

  @Test
  void failed_commands_are_recorded_and_replay_the_same_way() {
    Path dir = tmp.resolve("p");
    cnm(seeded(1), "--state " + dir + " network create dev");
    cnm(seeded(1), "--state " + dir + " run -d --name web -p 80:80 nginx");
    Result clash = cnm(seeded(1), "--state " + dir + " run -d --name web2 -p 80:80 nginx");
    assertThat(clash.rc()).isEqualTo(125);
    Result unknown = cnm(seeded(1), "--state " + dir + " run -d --name web3 --net nosuch nginx");
    assertThat(unknown.rc()).isEqualTo(125);
    assertThat(cnm(seeded(1), "--state " + dir + " ps -a --format '{{.Names}} {{.State}}'").out())
        .isEqualTo("web3 created\nweb2 created\nweb running\n");
    assertThat(cnm(seeded(1), "--state " + dir + " inspect -f '{{.Id}}' web2 web3").out())
        .isEqualTo(clash.out() + unknown.out());
  }

  @Test
  void a_snapshot_the_engine_cannot_restore_is_reported_too() throws Exception {
    Path dir = tmp.resolve("json");
    Files.createDirectories(dir);
    String body = "cnm-state 2\nseed 1 fixed\ncount 1\n{\"version\":99}\n";
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve(StateFile.STATE);
    Files.writeString(file, body + "end " + Long.toHexString(crc.getValue()) + "\n");
    Result r = cnm(seeded(1), "--state " + dir + " ps");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("cnm: the state file " + file + " is corrupt (invalid engine state: unsupported "
        + "version 99); it was left untouched: move it aside to start afresh\n");
  }

  @Test
  void each_command_gets_its_own_random_stream() {
    assertThat(SnapshotStore.mix(1, 0)).isNotEqualTo(SnapshotStore.mix(1, 1)).isNotEqualTo(SnapshotStore.mix(2, 0));
    Path dir = tmp.resolve("ids");
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 4; i++) {
      ids.add(cnm(seeded(1), "--state " + dir + " create nginx").out());
    }
    assertThat(ids).hasSize(4);
    assertThat(cnm(seeded(1), "--state " + dir + " ps -a --format '{{.Names}}'").out().lines().distinct()).hasSize(4);
  }

  /** The mistake this catches: state.tmp was opened with CREATE and TRUNCATE_EXISTING, through the link. */
  @Test
  void a_link_planted_as_the_temporary_file_is_never_followed() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("link"));
    Path victim = Files.writeString(tmp.resolve("victim"), "precious\n");
    Files.createSymbolicLink(dir.resolve("state.tmp"), victim);
    Files.createSymbolicLink(dir.resolve(StateFile.TEMP_PREFIX + "1-2"), victim);
    assertThat(cnm(seeded(1), "--state " + dir + " network create dev").rc()).isZero();
    assertThat(cnm(seeded(1), "--state " + dir + " network create prod").rc()).isZero();
    assertThat(Files.readString(victim)).isEqualTo("precious\n");
    assertThat(Files.isSymbolicLink(dir.resolve(StateFile.STATE))).isFalse();
    assertThat(cnm(seeded(1), "--state " + dir + " network ls --format '{{.Name}}'").out().lines()).contains("dev", "prod");
  }

  /** The mistake this catches: the directory was created 0755 and the state (with containers' environments) 0644. */
  @Test
  void the_state_directory_and_its_files_are_the_owners_alone() throws Exception {
    Path dir = tmp.resolve("perm");
    assertThat(cnm(seeded(1), "--state " + dir + " run -d -e PASSWORD=secret nginx").rc()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(StateFile.STATE))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(StateFile.LOCK))))
        .isEqualTo("rw-------");
    // a state an older cnm left readable by all is tightened by the next command, even one that only reads
    Files.setPosixFilePermissions(dir.resolve(StateFile.STATE), PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(cnm(seeded(1), "--state " + dir + " ps -q").rc()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(StateFile.STATE))))
        .isEqualTo("rw-------");
  }

  /** The mistake this catches: a command waited for the lock for as long as its holder ran, and said nothing. */
  @Test
  void a_command_kept_waiting_too_long_names_the_holder() throws Exception {
    Path dir = tmp.resolve("wait");
    ByteArrayOutputStream notes = new ByteArrayOutputStream();
    try (StateFile held = StateFile.open(dir, 0, "network create", Duration.ofSeconds(5),
        new PrintStream(notes, true, StandardCharsets.UTF_8))) {
      Map<String, String> env = seeded(1);
      env.put(Cli.LOCK_TIMEOUT_ENV, "1");
      long t0 = System.nanoTime();
      Result r = cnm(env, "--state " + dir + " network ls");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
      assertThat(r.rc()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("cnm: timed out after 1s waiting for the state directory " + dir
          + ", held by cnm network create (pid " + ProcessHandle.current().pid() + ")\n");
      assertThat(StateFile.holderOf(held.directory())).hasValue(new StateFile.Holder(ProcessHandle.current().pid(),
          "network create", ""));
    }
    assertThat(StateFile.holderOf(dir)).isEmpty();
    assertThat(cnm(seeded(1), "--state " + dir + " network ls -q").rc()).isZero();
  }

  /**
   * A state directory the file system refuses is one line in the words of the failing call, as
   * Go words them. The mistake this catches: "java.io.IOException: Is a directory",
   * "java.nio.file.FileAlreadyExistsException: ...".
   */
  @Test
  void a_directory_the_file_system_refuses_is_named_without_java_s_words() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("dirstate").resolve(StateFile.STATE)).getParent();
    Result r = cnm(seeded(1), "--state " + dir + " network ls");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("cnm: cannot read the state file " + dir.resolve(StateFile.STATE) + ": read "
        + dir.resolve(StateFile.STATE) + ": is a directory\n");
    Path file = Files.writeString(tmp.resolve("plain"), "x");
    Result under = cnm(seeded(1), "--state " + file.resolve("s") + " network ls");
    assertThat(under.rc()).isEqualTo(1);
    assertThat(under.err()).isEqualTo("cnm: cannot open the state directory " + file.resolve("s") + ": mkdir "
        + file.resolve("s") + ": not a directory\n");
    assertThat(r.err() + under.err()).doesNotContain("java.", "Exception");
  }

  /** The mistake this catches: a hand-made state with a short id printed a Java stack trace (issue 17). */
  @Test
  void a_hand_made_state_with_a_short_id_is_one_line() throws Exception {
    Path dir = tmp.resolve("short");
    assertThat(cnm(seeded(1), "--state " + dir + " create --name web nginx").rc()).isZero();
    Path file = dir.resolve(StateFile.STATE);
    String text = Files.readString(file);
    String body = text.substring(0, text.lastIndexOf("end "));
    String id = cnm(seeded(1), "--state " + dir + " ps -aq --no-trunc").out().strip();
    String broken = body.replace(id, "abc123");
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(broken.getBytes(StandardCharsets.UTF_8));
    Files.writeString(file, broken + "end " + Long.toHexString(crc.getValue()) + "\n");
    Result r = cnm(seeded(1), "--state " + dir + " ps -a");
    assertThat(r.rc()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("cnm: the state file " + file + " is corrupt (invalid engine state: container #0's id "
        + "\"abc123\" is not 64 hexadecimal digits); it was left untouched: move it aside to start afresh\n");
    assertThat(Files.readString(file)).isEqualTo(broken + "end " + Long.toHexString(crc.getValue()) + "\n");
  }
}
