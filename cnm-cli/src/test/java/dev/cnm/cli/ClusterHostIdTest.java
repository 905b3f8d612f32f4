package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster host id a state directory keeps ({@value Cluster#HOST_ID_FILE}) is one of its
 * state files: private, never read or written through a link, durable before it is used. No
 * etcd is needed: the store is only connected to on its first call.
 */
class ClusterHostIdTest {
  @TempDir
  Path tmp;

  private static String hostIdOf(Path dir) {
    try (Cluster c = Cluster.connect("etcd://127.0.0.1:1", "h1")) {
      c.stateDirectory(dir);
      return c.hostId();
    }
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void the_host_id_is_created_once_as_a_private_file_and_kept_by_later_commands() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("st"));
    String id = hostIdOf(dir);
    assertThat(id).matches("[0-9a-f]{32}");
    Path file = dir.resolve(Cluster.HOST_ID_FILE);
    assertThat(Files.readString(file)).isEqualTo(id + "\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(names(dir)).containsExactly(Cluster.HOST_ID_FILE);
    assertThat(hostIdOf(dir)).isEqualTo(id);
  }

  /** The mistake this catches: the id was read through a link to a file of someone else's. */
  @Test
  void a_link_in_place_of_the_host_id_is_refused_and_never_read_through() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("st"));
    Path victim = Files.writeString(tmp.resolve("victim"), "0123456789abcdef0123456789abcdef\n");
    Path link = Files.createSymbolicLink(dir.resolve(Cluster.HOST_ID_FILE), victim);
    assertThatThrownBy(() -> hostIdOf(dir))
        .isInstanceOf(StateException.class)
        .hasMessageStartingWith("cannot read the file " + link + ": read " + link + ": ");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(victim)).isEqualTo("0123456789abcdef0123456789abcdef\n");
  }

  /** The mistake this catches: a link to nowhere was taken for a missing id and written over. */
  @Test
  void a_dangling_link_in_place_of_the_host_id_is_refused_and_left_alone() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("st"));
    Path link = Files.createSymbolicLink(dir.resolve(Cluster.HOST_ID_FILE), tmp.resolve("nowhere"));
    assertThatThrownBy(() -> hostIdOf(dir)).isInstanceOf(Exception.class);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(tmp.resolve("nowhere")).doesNotExist();
  }

  @Test
  void an_empty_host_id_file_is_refused_with_what_to_do() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("st"));
    Files.writeString(dir.resolve(Cluster.HOST_ID_FILE), "\n");
    assertThatThrownBy(() -> hostIdOf(dir))
        .isInstanceOf(StateException.class)
        .hasMessage(dir.resolve(Cluster.HOST_ID_FILE) + " is empty; delete it to give this state directory a new host id");
  }

  /**
   * The id is written as the state is (a temporary file, fsynced, renamed): what a writer killed
   * before its rename leaves is removed by the next command, and a readable id an older cnm left
   * becomes the owner's alone. The mistake this catches: a {@code createTempFile} left behind for good.
   */
  @Test
  void a_killed_writers_temporary_host_id_is_removed_and_an_old_readable_id_tightened() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("st"));
    Path file = Files.writeString(dir.resolve(Cluster.HOST_ID_FILE), "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Files.writeString(dir.resolve(Cluster.HOST_ID_FILE + StateFile.TEMP_INFIX + "1-2"), "half");
    try (StateFile f = StateFile.open(dir, 0, "ps", Duration.ofSeconds(5), new PrintStream(OutputStream.nullOutputStream()))) {
      assertThat(names(f.directory())).containsExactly(Cluster.HOST_ID_FILE, StateFile.LOCK);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(hostIdOf(dir)).isEqualTo("0123456789abcdef0123456789abcdef");
  }
}
