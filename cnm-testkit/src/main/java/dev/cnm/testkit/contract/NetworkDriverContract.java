package dev.cnm.testkit.contract;

import static dev.cnm.testkit.contract.Requests.endpoint;
import static dev.cnm.testkit.contract.Requests.id;
import static dev.cnm.testkit.contract.Requests.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cnm.api.Scope;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every network driver must show, whatever its type: the SPI lifecycle in the
 * engine's order, values the engine set left untouched, failures that change nothing, inverses
 * that really undo. A driver's test extends this class and implements {@link #provider()};
 * methods that only make sense for some drivers are gated by the driver's declared {@link
 * DriverCapability} (like guava-testlib's feature-gated testers).
 *
 * <pre>{@code
 * class MyDriverContractTest extends NetworkDriverContract {
 *   protected NetworkDriverProvider provider() { return new MyDriverProvider(); }
 * }
 * }</pre>
 */
public abstract class NetworkDriverContract {
  /** For subclasses. */
  protected NetworkDriverContract() {}

  /** The network id the contract's tests use. */
  protected static final String NETWORK = id("c0a1");
  /** The endpoint id the contract's tests use. */
  protected static final String ENDPOINT = id("e0a1");

  /** The context the driver under test was created with (seeded, so the test is deterministic). */
  protected TestDriverContext context;
  /** The driver under test, fresh for each test. */
  protected NetworkDriver driver;

  /** {@return the provider of the driver under test} */
  protected abstract NetworkDriverProvider provider();

  /**
   * {@return a request to create network {@code networkId} that the driver accepts; by default one
   * IPv4 pool, {@code 172.30.0.0/16} with the gateway at {@code .1}, and no options}
   *
   * @param networkId the network's 64-hex id
   */
  protected NetworkCreateRequest networkRequest(String networkId) {
    return Requests.network(networkId, "172.30.0.0/16", Map.of());
  }

  @BeforeEach
  void createDriver() {
    context = TestDriverContext.seeded(42);
    driver = provider().create(context);
  }

  private CreatedEndpoint createdEndpoint() {
    driver.createNetwork(networkRequest(NETWORK));
    EndpointCreateRequest request = endpoint(NETWORK, ENDPOINT, "172.30.0.2/16");
    return new CreatedEndpoint(request, driver.createEndpoint(request));
  }

  /** An endpoint request with what the driver returned for it. */
  private static final class CreatedEndpoint {
    final EndpointCreateRequest request;
    final EndpointInterface returned;

    CreatedEndpoint(EndpointCreateRequest request, EndpointInterface returned) {
      this.request = request;
      this.returned = returned;
    }
  }

  /** The driver's type is its provider's and is not blank. */
  @Test
  protected void type_is_the_providers_type() {
    assertThat(driver.type()).isEqualTo(provider().type()).isNotBlank();
  }

  /** The driver declares a capability with a local or global data scope, the same on every call. */
  @Test
  protected void capability_is_declared_and_stable() {
    DriverCapability capability = driver.capability();
    assertThat(capability).isNotNull().isEqualTo(driver.capability());
    assertThat(capability.dataScope()).isIn(Scope.LOCAL, Scope.GLOBAL);
  }

  /** The provider makes a new driver on each call. */
  @Test
  protected void create_returns_a_fresh_driver_each_time() {
    assertThat(provider().create(context)).isNotSameAs(driver);
  }

  /** The SPI lifecycle in the engine's order succeeds: create network, endpoint, join, leave, delete. */
  @Test
  protected void lifecycle_in_the_engines_order_succeeds() {
    createdEndpoint();
    JoinInfo info = driver.join(join(NETWORK, ENDPOINT));
    assertThat(info.interfaceDestinationPrefix()).isNotEmpty();
    driver.leave(NETWORK, ENDPOINT);
    driver.deleteEndpoint(NETWORK, ENDPOINT);
  }

  /** An endpoint keeps the addresses the engine set. */
  @Test
  protected void create_endpoint_keeps_the_addresses_the_engine_set() {
    CreatedEndpoint ep = createdEndpoint();
    assertThat(ep.returned.ipv4Address()).isEqualTo(ep.request.iface().ipv4Address());
  }

  /** An endpoint keeps the MAC address the engine set (skipped for drivers that refuse one). */
  @Test
  protected void create_endpoint_keeps_the_mac_the_engine_set() {
    assumeTrue(driver.acceptsMacAddress(), "the driver refuses a MAC address the user chose");
    driver.createNetwork(networkRequest(NETWORK));
    EndpointInterface returned = driver.createEndpoint(endpoint(NETWORK, ENDPOINT, "172.30.0.2/16", "02:42:ac:1e:00:02"));
    assertThat(returned.macAddress()).contains(MacAddress.parse("02:42:ac:1e:00:02"));
    assertThat(returned.ipv4Address()).contains(Subnet.parse("172.30.0.2/16"));
  }

  /**
   * A driver that refuses a MAC address the user chose ({@link
   * dev.cnm.api.spi.NetworkDriver#acceptsMacAddress()} false, as Docker's ipvlan) fails such an
   * endpoint and keeps nothing of it (skipped for drivers that accept one).
   */
  @Test
  protected void create_endpoint_refusing_a_mac_fails_and_creates_nothing() {
    assumeTrue(!driver.acceptsMacAddress(), "the driver accepts a MAC address the user chose");
    driver.createNetwork(networkRequest(NETWORK));
    assertThatThrownBy(() -> driver.createEndpoint(endpoint(NETWORK, ENDPOINT, "172.30.0.2/16", "02:42:ac:1e:00:02")))
        .isInstanceOf(CnmException.class);
    // Nothing of the refused endpoint is left: the same id is created without the MAC.
    assertThatCode(() -> driver.createEndpoint(endpoint(NETWORK, ENDPOINT, "172.30.0.2/16"))).doesNotThrowAnyException();
  }

  /** Creating a network with an id in use is forbidden, and the first network keeps working. */
  @Test
  protected void create_network_same_id_twice_is_forbidden_and_the_first_keeps_working() {
    driver.createNetwork(networkRequest(NETWORK));
    assertThatThrownBy(() -> driver.createNetwork(networkRequest(NETWORK)))
        .isInstanceOf(ForbiddenException.class);
    assertThatCode(() -> driver.createEndpoint(endpoint(NETWORK, ENDPOINT, "172.30.0.2/16"))).doesNotThrowAnyException();
  }

  /** Deleting a network either is refused and keeps it, or leaves nothing behind, so it can be created again. */
  @Test
  protected void delete_network_either_refuses_and_keeps_the_network_or_can_be_redone() {
    driver.createNetwork(networkRequest(NETWORK));
    try {
      driver.deleteNetwork(NETWORK);
    } catch (ForbiddenException refused) {
      assertThatCode(() -> driver.createEndpoint(endpoint(NETWORK, ENDPOINT, "172.30.0.2/16"))).doesNotThrowAnyException();
      return;
    }
    // Deleted: the same network can be created again, so nothing of it was left behind.
    assertThatCode(() -> driver.createNetwork(networkRequest(NETWORK))).doesNotThrowAnyException();
  }

  /** Join and leave can be repeated, because each inverse undoes its step. */
  @Test
  protected void endpoint_cycle_can_be_repeated_because_each_inverse_undoes_its_step() {
    createdEndpoint();
    for (int i = 0; i < 3; i++) {
      driver.join(join(NETWORK, ENDPOINT));
      driver.leave(NETWORK, ENDPOINT);
    }
    driver.deleteEndpoint(NETWORK, ENDPOINT);
    assertThatCode(() -> driver.createEndpoint(endpoint(NETWORK, ENDPOINT, "172.30.0.2/16"))).doesNotThrowAnyException();
  }

  /** Every host port a driver publishes is booked, and revoking gives every one back. */
  @Test
  protected void external_connectivity_revoke_gives_back_every_host_port() {
    createdEndpoint();
    driver.join(join(NETWORK, ENDPOINT));
    List<PublishedPort> published = driver.programExternalConnectivity(ExternalConnectivityRequest.builder()
        .networkId(NETWORK).endpointId(ENDPOINT)
        .addBinding(PortBinding.of(ExposedPort.tcp(80), 8080))
        .addBinding(PortBinding.ephemeral(ExposedPort.udp(53)))
        .containerIpv4(IpAddress.parse("172.30.0.2")).build());
    // Whatever a driver publishes, it has booked in the host's port table.
    for (PublishedPort p : published) {
      assertThat(context.hostPorts().isAllocated(p.hostIp(), p.containerPort().protocol(), p.hostPort())).isTrue();
    }
    driver.revokeExternalConnectivity(NETWORK, ENDPOINT);
    assertThat(context.hostPorts().allocatedPorts()).isEmpty();
    driver.leave(NETWORK, ENDPOINT);
    driver.deleteEndpoint(NETWORK, ENDPOINT);
  }

  /**
   * {@return whether each driver the provider creates keeps its own state; false for adapters of
   * one stateful process (a remote plugin), which gate out the tests that assume it}
   */
  protected boolean eachDriverHasItsOwnState() {
    return true;
  }

  /**
   * Drivers of a local data scope made by one provider share no state (skipped for global ones,
   * and when {@link #eachDriverHasItsOwnState()} is false).
   */
  @Test
  protected void local_data_scope_drivers_of_one_provider_share_nothing() {
    assumeTrue(driver.capability().dataScope() == Scope.LOCAL, "only local-scope drivers keep state per engine");
    assumeTrue(eachDriverHasItsOwnState(), "the drivers are adapters of one process that keeps the state");
    driver.createNetwork(networkRequest(NETWORK));
    NetworkDriver other = provider().create(TestDriverContext.seeded(7));
    assertThatCode(() -> other.createNetwork(networkRequest(NETWORK))).doesNotThrowAnyException();
  }

  /** Failures are {@code CnmException}s; null arguments are {@code NullPointerException}s. */
  @Test
  protected void failures_are_cnm_exceptions_and_null_arguments_are_null_pointer_exceptions() {
    driver.createNetwork(networkRequest(NETWORK));
    assertThatThrownBy(() -> driver.createNetwork(networkRequest(NETWORK))).isInstanceOf(CnmException.class);
    assertThatThrownBy(() -> driver.createNetwork(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.createEndpoint(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.join(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.leave(NETWORK, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.deleteEndpoint(null, ENDPOINT)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.deleteNetwork(null)).isInstanceOf(NullPointerException.class);
  }
}
