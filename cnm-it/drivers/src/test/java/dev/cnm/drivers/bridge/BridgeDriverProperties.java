package dev.cnm.drivers.bridge;

import static dev.cnm.testkit.contract.Requests.endpoint;
import static dev.cnm.testkit.contract.Requests.id;
import static dev.cnm.testkit.contract.Requests.join;
import static dev.cnm.testkit.contract.Requests.network;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.error.CnmException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.core.host.DefaultHostRules;
import dev.cnm.testkit.contract.TestDriverContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of driver calls: a call that fails changes nothing on the host (interfaces,
 * rules, ports), and undoing everything that succeeded brings the host back to where it started.
 */
class BridgeDriverProperties {
  private static final int NETWORKS = 3;
  private static final int ENDPOINTS = 4;

  /** What the host looks like: every interface, every rule, every booked port. */
  private static String host(TestDriverContext c) {
    return c.interfaces().list() + "\n" + c.rules().save() + "\n" + c.hostPorts().allocatedPorts();
  }

  private static String net(int n) {
    return id("ee" + n);
  }

  private static String ep(int n, int e) {
    return id("f" + n + e);
  }

  @Property(tries = 60)
  void failures_change_nothing_and_everything_undoes_exactly(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 9999) Integer> ops) {
    TestDriverContext context = TestDriverContext.seeded(ops.size());
    BridgeDriver driver = new BridgeDriver(context);
    // Networks 0 and 1 overlap (same subnet) on purpose, so some creations must fail.
    String[] pools = {"172.20.0.0/16", "172.20.0.0/24", "172.22.0.0/16"};
    String[] flags = {"", "icc", "masq", "internal"};
    String initial = host(context);
    for (int op : ops) {
      int n = op % NETWORKS;
      int e = (op / NETWORKS) % ENDPOINTS;
      int kind = (op / (NETWORKS * ENDPOINTS)) % 6;
      String flag = flags[(op / 100) % flags.length];
      String before = host(context);
      try {
        switch (kind) {
          case 0:
            NetworkCreateRequest r = network(net(n), pools[n], Map.of(
                BridgeOptions.ENABLE_ICC, String.valueOf(!flag.equals("icc")),
                BridgeOptions.ENABLE_IP_MASQUERADE, String.valueOf(!flag.equals("masq"))));
            driver.createNetwork(NetworkCreateRequest.builder().from(r).internal(flag.equals("internal")).build());
            break;
          case 1:
            driver.deleteNetwork(net(n));
            break;
          case 2:
            driver.createEndpoint(endpoint(net(n), ep(n, e), "172.20.0." + (10 + e) + "/16"));
            driver.join(join(net(n), ep(n, e)));
            break;
          case 3:
            PortBinding b = e % 2 == 0 ? PortBinding.of(ExposedPort.tcp(80), 8080 + e % 3)
                : PortBinding.of(ExposedPort.tcp(80), Optional.empty(), 0, 0);
            driver.programExternalConnectivity(ExternalConnectivityRequest.builder().networkId(net(n))
                .endpointId(ep(n, e)).addBinding(b).containerIpv4(IpAddress.parse("172.20.0." + (10 + e))).build());
            break;
          case 4:
            driver.revokeExternalConnectivity(net(n), ep(n, e));
            break;
          default:
            driver.leave(net(n), ep(n, e));
            driver.deleteEndpoint(net(n), ep(n, e));
            break;
        }
      } catch (CnmException failed) {
        if (kind != 2 && kind != 5) { // two-step operations may fail in their second step
          assertThat(host(context)).as("after failed op %s", op).isEqualTo(before);
        }
      }
    }
    // Tear everything down in the engine's order.
    for (String nid : new ArrayList<>(driver.networkIds())) {
      BridgeNetwork n = driver.findNetwork(nid).orElseThrow();
      for (String eid : List.copyOf(n.endpoints.keySet())) {
        driver.revokeExternalConnectivity(nid, eid);
        driver.leave(nid, eid);
        driver.deleteEndpoint(nid, eid);
      }
      driver.deleteNetwork(nid);
    }
    String after = host(context);
    // The chains Docker sets up once stay; everything else is gone.
    assertThat(after.replace(chainsOnlyRules(), "")).isEqualTo(initial.replace(chainsOnlyRules(), ""));
    assertThat(context.hostPorts().allocatedPorts()).isEmpty();
    assertThat(driver.interfaceNames()).isEmpty();
  }

  private static String chainsOnlyRules() {
    DefaultHostRules fresh = DefaultHostRules.create();
    BridgeFirewall.create(fresh, true).setupChains();
    return fresh.save();
  }
}
