package dev.cnm.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PluginAddressTest {
  @Test
  void unix_urls_and_bare_paths_are_unix_sockets_with_dockers_host_name() {
    PluginAddress a = PluginAddress.parse("unix:///run/docker/plugins/weave.sock");
    assertThat(a.isUnix()).isTrue();
    assertThat(a.socketPath()).contains(Path.of("/run/docker/plugins/weave.sock"));
    assertThat(a.hostHeader()).isEqualTo("plugin.moby.localhost");
    assertThat(a.dialName()).isEqualTo("unix /run/docker/plugins/weave.sock");
    assertThat(PluginAddress.parse("/run/x.sock")).isEqualTo(PluginAddress.unix(Path.of("/run/x.sock")));
    assertThat(a).hasToString("unix:///run/docker/plugins/weave.sock");
  }

  @Test
  void tcp_and_http_urls_are_tcp() {
    PluginAddress a = PluginAddress.parse("tcp://127.0.0.1:9234");
    assertThat(a.isUnix()).isFalse();
    assertThat(a.hostHeader()).isEqualTo("127.0.0.1:9234");
    assertThat(a.dialName()).isEqualTo("tcp 127.0.0.1:9234");
    assertThat(PluginAddress.parse("http://127.0.0.1:9234")).isEqualTo(a);
  }

  @Test
  void bad_addresses_are_refused_naming_them() {
    assertThatThrownBy(() -> PluginAddress.parse("localhost:9234")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PluginAddress.parse("relative/path.sock")).hasMessage("Unknown protocol");
    assertThatThrownBy(() -> PluginAddress.parse("https://plugins.example:443"))
        .hasMessageContaining("https://plugins.example:443");
    assertThatThrownBy(() -> PluginAddress.parse("tcp://nohost")).hasMessageContaining("tcp://nohost");
  }
}
