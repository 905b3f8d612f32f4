package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.testkit.contract.RemoteIpamDriverContract;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The kit's IPAM contract, run through the plugin protocol against a plugin server started by the test. */
class FakePluginIpamContractTest extends RemoteIpamDriverContract {
  private static FakePlugin plugin;

  @BeforeAll
  static void startPlugin() throws IOException {
    plugin = FakePlugin.start(Files.createTempDirectory("cnmp").resolve("ipam.sock"), "IpamDriver");
  }

  @AfterAll
  static void stopPlugin() throws IOException {
    assertThat(plugin.held()).as("what the contract's tests left in the plugin").isEmpty();
    plugin.close();
  }

  @Override
  protected String pluginAddress() {
    return plugin.address();
  }
}
