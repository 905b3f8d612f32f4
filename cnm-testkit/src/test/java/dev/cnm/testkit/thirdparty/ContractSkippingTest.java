package dev.cnm.testkit.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.testkit.contract.NetworkDriverContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A contract test a driver cannot pass by design is skipped by overriding it in the driver's
 * contract test: the contract's test methods are protected. Run through the launcher, since the
 * nested contract tests are not the build's (surefire leaves nested classes out).
 */
class ContractSkippingTest {

  /**
   * A driver whose instances all program one host (its kernel, a switch), so the drivers one
   * provider makes share their networks although their data scope is local.
   */
  static final class OneHostProvider implements NetworkDriverProvider {
    private NetworkDriver host;

    @Override
    public String type() {
      return MacvlanLikeDriver.TYPE;
    }

    @Override
    public synchronized NetworkDriver create(DriverContext context) {
      if (host == null) {
        host = new MacvlanLikeDriverProvider().create(context);
      }
      NetworkDriver shared = host;
      return (NetworkDriver) Proxy.newProxyInstance(NetworkDriver.class.getClassLoader(),
          new Class<?>[] {NetworkDriver.class}, (proxy, method, args) -> {
            try {
              return method.invoke(shared, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /** The contract as it is: one test fails for the one-host driver. */
  static class OneHostContract extends NetworkDriverContract {
    private final OneHostProvider provider = new OneHostProvider();

    @Override
    protected NetworkDriverProvider provider() {
      return provider;
    }

    @Override
    protected NetworkCreateRequest networkRequest(String networkId) {
      return NetworkCreateRequest.builder().from(super.networkRequest(networkId)).putOption("parent", "eth0.30").build();
    }
  }

  /** The same, with the test it cannot pass skipped. */
  static class SkippingOneHostContract extends OneHostContract {
    @Override
    @Test
    @Disabled("every instance programs the one host: its networks are shared by design")
    protected void localDataScope_driversOfOneProviderShareNothing() {}
  }

  private static final class Outcome implements TestExecutionListener {
    final List<String> failed = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<String> passed = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      skipped.add(id.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (id.isTest()) {
        (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).add(id.getDisplayName());
      }
    }
  }

  private static Outcome run(Class<?> testClass) {
    Outcome outcome = new Outcome();
    LauncherFactory.create().execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), outcome);
    return outcome;
  }

  @Test
  void without_the_override_the_test_fails() {
    Outcome o = run(OneHostContract.class);

    assertThat(o.failed).containsExactly("localDataScope_driversOfOneProviderShareNothing()");
    assertThat(o.skipped).isEmpty();
    assertThat(o.passed).hasSize(11);
  }

  @Test
  void an_override_with_disabled_skips_it_and_the_rest_of_the_contract_runs() {
    Outcome o = run(SkippingOneHostContract.class);

    assertThat(o.failed).isEmpty();
    assertThat(o.skipped).containsExactly("localDataScope_driversOfOneProviderShareNothing(): "
        + "every instance programs the one host: its networks are shared by design");
    assertThat(o.passed).hasSize(11);
  }
}
