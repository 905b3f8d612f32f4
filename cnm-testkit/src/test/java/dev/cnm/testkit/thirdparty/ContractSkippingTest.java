package dev.cnm.testkit.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.ExternalConnectivityRequest;
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
  /** The contract's tests the load-balanced driver passes: all but the port test and the MAC-refusing one. */
  private static final int PASSING = 11;

  /**
   * A driver that publishes ports on a cloud load balancer's address, not on the host: it books
   * nothing in the host's port table, which the contract's port test checks.
   */
  static final class LoadBalancedProvider implements NetworkDriverProvider {
    static final IpAddress BALANCER = IpAddress.parse("203.0.113.10");

    @Override
    public String type() {
      return MacvlanLikeDriver.TYPE;
    }

    @Override
    public NetworkDriver create(DriverContext context) {
      NetworkDriver inner = new MacvlanLikeDriverProvider().create(context);
      return (NetworkDriver) Proxy.newProxyInstance(NetworkDriver.class.getClassLoader(),
          new Class<?>[] {NetworkDriver.class}, (proxy, method, args) -> {
            if (method.getName().equals("programExternalConnectivity")) {
              List<PublishedPort> published = new ArrayList<>();
              int next = 30000;
              for (PortBinding b : ((ExternalConnectivityRequest) args[0]).bindings()) {
                published.add(PublishedPort.of(b.containerPort(), BALANCER, b.hostPortStart() > 0 ? b.hostPortStart() : next++));
              }
              return published;
            }
            if (method.getName().equals("revokeExternalConnectivity")) {
              return null;
            }
            try {
              return method.invoke(inner, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /** The contract as it is: the port test fails for the load-balanced driver. */
  static class LoadBalancedContract extends NetworkDriverContract {
    @Override
    protected NetworkDriverProvider provider() {
      return new LoadBalancedProvider();
    }

    @Override
    protected NetworkCreateRequest networkRequest(String networkId) {
      return NetworkCreateRequest.builder().from(super.networkRequest(networkId)).putOption("parent", "eth0.30").build();
    }
  }

  /** The same, with the test it cannot pass skipped. */
  static class SkippingLoadBalancedContract extends LoadBalancedContract {
    @Override
    @Test
    @Disabled("ports are published on the cloud load balancer, not in the host's port table")
    protected void external_connectivity_revoke_gives_back_every_host_port() {}
  }

  private static final class Outcome implements TestExecutionListener {
    final List<String> failed = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final List<String> passed = new ArrayList<>();
    /** Gated out by an assumption (the driver's declared capabilities). */
    final List<String> aborted = new ArrayList<>();

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
      skipped.add(id.getDisplayName() + ": " + reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (id.isTest()) {
        switch (result.getStatus()) {
          case SUCCESSFUL:
            passed.add(id.getDisplayName());
            break;
          case ABORTED:
            aborted.add(id.getDisplayName());
            break;
          default:
            failed.add(id.getDisplayName());
        }
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
    Outcome o = run(LoadBalancedContract.class);

    assertThat(o.failed).containsExactly("external_connectivity_revoke_gives_back_every_host_port()");
    assertThat(o.aborted).containsExactly("create_endpoint_refusing_a_mac_fails_and_creates_nothing()");
    assertThat(o.passed).hasSize(PASSING);
  }

  @Test
  void an_override_with_disabled_skips_it_and_the_rest_of_the_contract_runs() {
    Outcome o = run(SkippingLoadBalancedContract.class);

    assertThat(o.failed).isEmpty();
    assertThat(o.skipped).containsExactly("external_connectivity_revoke_gives_back_every_host_port(): "
        + "ports are published on the cloud load balancer, not in the host's port table");
    assertThat(o.passed).hasSize(PASSING);
  }
}
