package dev.cnm.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.ipam.AddressInUseException;
import dev.cnm.api.ipam.AddressOutOfRangeException;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.ipam.PoolOverlapException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortAlreadyAllocatedException;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.api.port.PortSpec;
import dev.cnm.testkit.EngineSnapshot;
import dev.cnm.testkit.faults.FaultInjector;
import dev.cnm.testkit.faults.InjectedFaultException;
import dev.cnm.testkit.junit.CnmCluster;
import org.junit.jupiter.api.Test;

/**
 * Every place the engine wraps a driver's or IPAM driver's error in Docker's words keeps the
 * error's type: {@code catch (PortAlreadyAllocatedException e)} fires with the full wrapped
 * message, and {@link CnmException#cause(Class)} finds a third party's typed error that does not
 * override {@code wrap}. Real drivers; the faults inject typed errors where no real rule fails.
 */
class WrappedDriverErrorsTest {
  private final CnmCluster cluster = CnmCluster.create(1, 19);
  private final Engine docker = cluster.engine(0);
  private final FaultInjector faults = cluster.faults(0);

  /** A third-party driver's own typed error, which does not override {@code wrap}. */
  static final class QuotaExceededException extends ForbiddenException {
    private static final long serialVersionUID = 1L;

    QuotaExceededException() {
      super("quota exceeded");
    }
  }

  private static ContainerSpec nginx(String name, String network, String... ports) {
    ContainerSpec.Builder spec = ContainerSpec.builder().image("nginx").name(name).networkMode(NetworkMode.network(network));
    for (String p : ports) {
      spec.addAllPortBindings(PortSpec.parse(p));
    }
    return spec.build();
  }

  @Test
  void port_conflict_is_catchable_as_itself_with_dockers_whole_message() {
    docker.run(nginx("web1", "bridge", "8080:80"));
    EngineSnapshot before = EngineSnapshot.of(docker, faults);

    PortAlreadyAllocatedException e = null;
    try {
      docker.run(nginx("web2", "bridge", "8080:80"));
    } catch (PortAlreadyAllocatedException caught) {
      e = caught;
    }

    assertThat(e).isNotNull();
    assertThat(e.getMessage())
        .startsWith("failed to set up container networking: driver failed programming external connectivity on endpoint web2 (")
        .endsWith("): Bind for 0.0.0.0:8080 failed: port is already allocated");
    assertThat(e.port()).isEqualTo(8080);
    assertThat(e.hostIp()).isEqualTo(IpAddress.ANY_V4);
    assertThat(e.protocol()).isEqualTo(PortProtocol.TCP);
    assertThat(e.kind()).isEqualTo(ErrorKind.SYSTEM);
    assertThat(e).isInstanceOf(SystemException.class);
    // The chain still holds each layer, innermost the driver's own.
    assertThat(e.getCause()).isInstanceOf(PortAlreadyAllocatedException.class)
        .hasMessageStartingWith("driver failed programming external connectivity on endpoint web2 (");
    assertThat(e).hasRootCauseMessage("Bind for 0.0.0.0:8080 failed: port is already allocated");
    assertThat(e.cause(PortAlreadyAllocatedException.class)).containsSame(e);
    // The failed start changed nothing but the created container web2.
    docker.removeContainer("web2");
    assertThat(EngineSnapshot.of(docker, faults)).isEqualTo(before);
  }

  @Test
  void static_address_in_use_at_start_is_an_address_in_use_exception() {
    docker.createNetwork(NetworkSpec.builder().name("dev")
        .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.9.0.0/24"))).build());
    EndpointSpec fixed = EndpointSpec.builder().ipv4Address(IpAddress.parse("10.9.0.5")).build();
    docker.run(ContainerSpec.builder().image("nginx").name("first").networkMode(NetworkMode.network("dev"))
        .putEndpoint("dev", fixed).build());

    AddressInUseException e = catchThrowableOfType(AddressInUseException.class, () -> docker.run(ContainerSpec.builder()
        .image("nginx").name("second").networkMode(NetworkMode.network("dev")).putEndpoint("dev", fixed).build()));

    assertThat(e).hasMessage("failed to set up container networking: Address already in use");
    assertThat(e.address()).isEqualTo(IpAddress.parse("10.9.0.5"));
    assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
    assertThat(e.getCause()).isInstanceOf(AddressInUseException.class).hasMessage(AddressInUseException.MESSAGE);
  }

  @Test
  void aux_address_in_use_at_network_create_is_an_address_in_use_exception() {
    NetworkSpec spec = NetworkSpec.builder().name("dev").addIpamConfig(IpamPoolSpec.builder()
        .subnet(Subnet.parse("10.10.0.0/24")).gateway(IpAddress.parse("10.10.0.1"))
        .putAuxAddress("router", IpAddress.parse("10.10.0.1")).build()).build();

    assertThatThrownBy(() -> docker.createNetwork(spec))
        .isInstanceOf(AddressInUseException.class)
        .hasMessage("failed to allocate secondary ip address (router:10.10.0.1): Address already in use");
    assertThat(docker.findNetwork("dev")).isEmpty();
  }

  @Test
  void gateway_allocation_failure_at_network_create_keeps_its_type() {
    faults.failNth("ipam:default.requestAddress", 1)
        .failWith(call -> new AddressOutOfRangeException("LocalDefault/10.12.0.0/24", IpAddress.parse("10.12.0.1")));

    AddressOutOfRangeException e = catchThrowableOfType(AddressOutOfRangeException.class,
        () -> docker.createNetwork(NetworkSpec.builder().name("dev")
            .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.12.0.0/24"))).build()));

    assertThat(e).hasMessage("failed to allocate gateway (): requested address is out of range");
    assertThat(e.address()).isEqualTo(IpAddress.parse("10.12.0.1"));
  }

  @Test
  void pool_overlap_at_network_create_is_a_pool_overlap_exception() {
    docker.createNetwork(NetworkSpec.builder().name("a").addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.13.0.0/16"))).build());

    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.builder().name("b")
            .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.13.1.0/24"))).build()))
        .isInstanceOfSatisfying(PoolOverlapException.class,
            e -> assertThat(e.pool()).isEqualTo(Subnet.parse("10.13.1.0/24")))
        .hasMessage(PoolOverlapException.MESSAGE);
  }

  @Test
  void exhausted_pool_is_reachable_through_cause() {
    docker.createNetwork(NetworkSpec.builder().name("tiny").addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.14.0.0/30"))).build());
    docker.run(nginx("one", "tiny"));

    CnmException e = catchThrowableOfType(CnmException.class, () -> docker.run(nginx("two", "tiny")));

    // Docker words this one anew (no %w), so the typed IPAM error is the cause, not the type.
    assertThat(e).isInstanceOf(SystemException.class)
        .hasMessage("failed to set up container networking: no available IPv4 addresses on this network's address pools: tiny ("
            + docker.network("tiny").id() + ")");
    assertThat(e.cause(NoAvailableAddressException.class)).hasValueSatisfying(
        n -> assertThat(n).hasMessage(NoAvailableAddressException.MESSAGE));
    assertThat(e.cause(PoolOverlapException.class)).isEmpty();
  }

  @Test
  void endpoint_create_failure_keeps_a_system_leaf_and_words_any_other_anew_as_docker_does() {
    faults.failNth("bridge.createEndpoint", 1); // the kit's default fault: an InjectedFaultException, SYSTEM

    assertThatThrownBy(() -> docker.run(nginx("web", "bridge")))
        .isInstanceOf(InjectedFaultException.class)
        .hasMessageStartingWith("failed to set up container networking: failed to create endpoint web on network "
            + "bridge: injected fault: bridge.createEndpoint (call #");

    // libnetwork words it as an internal error (%v): a third party's Forbidden becomes a 500,
    // and stays reachable as the cause.
    docker.removeContainer("web");
    faults.failNth("bridge.createEndpoint", 1).failWith(call -> new QuotaExceededException());
    SystemException e = catchThrowableOfType(SystemException.class, () -> docker.run(nginx("web", "bridge")));

    assertThat(e).hasMessage("failed to set up container networking: failed to create endpoint web on network bridge: "
        + "quota exceeded");
    assertThat(e.kind()).isEqualTo(ErrorKind.SYSTEM);
    assertThat(e.cause(QuotaExceededException.class)).isPresent();
    assertThat(e.cause(ForbiddenException.class)).containsInstanceOf(QuotaExceededException.class);
  }

  @Test
  void join_failure_at_start_keeps_its_type() {
    faults.failNth("bridge.join", 1)
        .failWith(call -> new PortAlreadyAllocatedException(IpAddress.ANY_V4, PortProtocol.UDP, 53));

    assertThatThrownBy(() -> docker.run(nginx("dns", "bridge")))
        .isInstanceOfSatisfying(PortAlreadyAllocatedException.class, e -> assertThat(e.port()).isEqualTo(53))
        .hasMessage("failed to set up container networking: Bind for 0.0.0.0:53 failed: port is already allocated");
  }

  @Test
  void gateway_network_failures_keep_their_type_through_both_wrappings() {
    docker.createNetwork(NetworkSpec.builder().name("ov").driver("overlay").build());
    docker.createContainer(nginx("web", "ov"));
    String id = docker.container("web").id();

    faults.failNth("bridge.createNetwork", 1).failWith(call -> new AddressInUseException("p", IpAddress.parse("172.18.0.1")));
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(AddressInUseException.class)
        .hasMessage("failed to set up container networking: error creating external connectivity network: "
            + "Address already in use");

    faults.clearFaults();
    faults.failNth("bridge.createEndpoint", 1);
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(InjectedFaultException.class)
        .hasMessageStartingWith("failed to set up container networking: container " + id
            + ": endpoint create on GW Network failed: failed to create endpoint gateway_" + id.substring(0, 12)
            + " on network docker_gwbridge: injected fault: bridge.createEndpoint (call #");

    faults.clearFaults();
    faults.failNth("bridge.join", 1).failWith(call -> new PortAlreadyAllocatedException(IpAddress.ANY_V4, PortProtocol.TCP, 80));
    assertThatThrownBy(() -> docker.start("web"))
        .isInstanceOf(PortAlreadyAllocatedException.class)
        .hasMessage("failed to set up container networking: container " + id
            + ": endpoint join on GW Network failed: Bind for 0.0.0.0:80 failed: port is already allocated");

    faults.clearFaults();
    assertThat(docker.start("web").isRunning()).isTrue();
  }
}
