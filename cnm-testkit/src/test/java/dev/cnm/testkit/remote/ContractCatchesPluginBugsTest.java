package dev.cnm.testkit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cnm.testkit.contract.RemoteNetworkDriverContract;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The remote contract is not a formality: run (through the JUnit launcher, as {@code cnm plugin
 * test} runs it) against a plugin that changes the MAC Docker set, it fails exactly the test that
 * says so, with Docker's message.
 */
class ContractCatchesPluginBugsTest {
  static FakePlugin buggy;

  /** The contract against {@link #buggy}; not run by itself (surefire skips nested classes). */
  static final class OnBuggyPlugin extends RemoteNetworkDriverContract {
    @Override
    protected String pluginAddress() {
      assumeTrue(buggy != null, "run by a_plugin_that_changes_the_mac_docker_set_fails_the_mac_test only");
      return buggy.address();
    }
  }

  @Test
  void a_plugin_that_changes_the_mac_docker_set_fails_the_mac_test() throws IOException {
    buggy = FakePlugin.start(Files.createTempDirectory("cnmp").resolve("buggy.sock"), "NetworkDriver");
    buggy.echoMac = true;
    Map<String, String> failures = new TreeMap<>();
    int[] passed = {0};
    try {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(OnBuggyPlugin.class)).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (!id.isTest()) {
                return;
              }
              if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                failures.put(id.getDisplayName(), result.getThrowable().map(Throwable::getMessage).orElse(""));
              } else if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                passed[0]++;
              }
            }
          });
    } finally {
      buggy.close();
    }
    assertThat(failures).containsOnlyKeys("create_endpoint_keeps_the_mac_the_engine_set()");
    assertThat(failures.get("create_endpoint_keeps_the_mac_the_engine_set()"))
        .startsWith("driver modified interface MAC address: endpoint interface MAC address present (02:42:ac:1e:00:02). "
            + "Cannot be modified with 02:fa:00:00:00:");
    assertThat(passed[0]).isGreaterThan(5);
  }
}
