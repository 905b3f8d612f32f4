package dev.cnm.plugins.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.plugins.PluginAddress;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginDirectoriesTest {
  private static ServerSocketChannel socketAt(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(p));
    return s;
  }

  @Test
  void finds_sockets_then_spec_and_json_files_in_dockers_layout() throws IOException {
    Path root = Files.createTempDirectory("cnmp");
    Path run = root.resolve("run");
    Path etc = root.resolve("etc");
    Path lib = root.resolve("lib");
    Files.createDirectories(etc.resolve("nested"));
    Files.createDirectories(lib);
    Files.writeString(etc.resolve("viaspec.spec"), "tcp://127.0.0.1:9000\n");
    Files.writeString(etc.resolve("nested").resolve("nested.json"), "{\"Addr\":\"unix:///x/nested.sock\"}");
    Files.writeString(lib.resolve("viaspec.spec"), "tcp://127.0.0.1:1\n");
    Files.writeString(lib.resolve("broken.spec"), "no-scheme\n");
    Files.writeString(etc.resolve("README"), "not a plugin");
    ServerSocketChannel a = socketAt(run.resolve("sock.sock"));
    ServerSocketChannel b = socketAt(run.resolve("indir").resolve("indir.sock"));
    try {
      PluginDirectories dirs = new PluginDirectories(List.of(run), List.of(etc, lib));
      assertThat(dirs.scan()).containsExactly("indir", "sock", "nested", "viaspec", "broken", "viaspec");
      assertThat(dirs.lookup("sock").orElseThrow().address).contains(PluginAddress.unix(run.resolve("sock.sock")));
      assertThat(dirs.lookup("indir").orElseThrow().address)
          .contains(PluginAddress.unix(run.resolve("indir").resolve("indir.sock")));
      assertThat(dirs.lookup("viaspec").orElseThrow().address).contains(PluginAddress.parse("tcp://127.0.0.1:9000"));
      assertThat(dirs.lookup("nested").orElseThrow().address).contains(PluginAddress.parse("unix:///x/nested.sock"));
      PluginDirectories.Found broken = dirs.lookup("broken").orElseThrow();
      assertThat(broken.address).isEmpty();
      assertThat(broken.error).isEqualTo("Unknown protocol");
      assertThat(dirs.lookup("README")).isEmpty();
      assertThat(dirs.lookup("../etc/viaspec")).isEmpty();
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void a_regular_file_named_like_a_socket_is_no_plugin() throws IOException {
    Path run = Files.createTempDirectory("cnmp");
    Files.writeString(run.resolve("fake.sock"), "");
    assertThat(new PluginDirectories(List.of(run), List.of()).lookup("fake")).isEmpty();
  }
}
