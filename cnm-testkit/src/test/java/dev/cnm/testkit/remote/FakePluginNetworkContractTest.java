package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.testkit.contract.RemoteNetworkDriverContract;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The kit's network driver contract, run through the plugin protocol against a plugin server
 * started by the test; each test gives back what it created, so the plugin ends empty.
 */
class FakePluginNetworkContractTest extends RemoteNetworkDriverContract {
  private static FakePlugin plugin;

  @BeforeAll
  static void startPlugin() throws IOException {
    plugin = FakePlugin.start(Files.createTempDirectory("cnmp").resolve("fake.sock"), "NetworkDriver");
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

  @Override
  protected String pluginName() {
    return "fake";
  }

}
