package dev.cnm.api.spi;

import dev.cnm.api.port.PublishedPort;
import java.util.List;
import java.util.Map;

/**
 * A network driver, shaped after libnetwork's {@code driverapi.Driver} with typed arguments. The
 * engine calls it in libnetwork's order: {@code createNetwork}, then per container start {@code
 * createEndpoint}, {@code join} and (on the sandbox's gateway endpoint) {@code
 * programExternalConnectivity}; on stop the reverse ({@code revokeExternalConnectivity}, {@code
 * leave}, {@code deleteEndpoint}); {@code deleteNetwork} last.
 *
 * <p>A driver reports failures with {@link dev.cnm.api.error.CnmException} subclasses carrying
 * Docker's messages. When a call throws, the engine undoes every earlier step of the operation
 * (calling the inverse methods) and the user sees Docker's wrapping of the message. Drivers must
 * be thread-safe; the engine serialises the calls of one operation but may run read-only calls
 * concurrently.
 *
 * <pre>{@code
 * final class MyDriver implements NetworkDriver {
 *   public String type() { return "mydriver"; }
 *   public DriverCapability capability() { return DriverCapability.local(); }
 *   ...
 * }
 * Engine engine = Cnm.builder().driver(NetworkDriverProvider.of("mydriver", ctx -> new MyDriver())).build();
 * }</pre>
 */
public interface NetworkDriver {

  /** The driver's type, the {@code --driver} name: {@code bridge}, {@code overlay}, ... */
  String type();

  /** Where the driver's networks live and reach. */
  DriverCapability capability();

  /**
   * Whether the engine should reserve no gateway address for a network created with {@code
   * options} and {@code internal} (libnetwork's {@code GwAllocChecker}, asked before IPAM): ipvlan
   * in L3 mode routes the default route to its interface, and {@code --internal} macvlan and
   * ipvlan networks need none. A gateway the user gave ({@code --gateway}) is reserved anyway.
   * The default reserves one.
   *
   * @param ipv6 which family is asked about
   * @throws dev.cnm.api.error.CnmException for options the driver refuses, with the message
   *     {@link #createNetwork} would give
   */
  default boolean skipsGatewayAllocation(Map<String, String> options, boolean internal, boolean ipv6) {
    return false;
  }

  /**
   * Whether {@link #createEndpoint} accepts an interface whose MAC address the user chose ({@code
   * --mac-address}). ipvlan interfaces share their parent's MAC, and the ipvlan driver refuses one
   * with {@code ipvlan interfaces do not support custom mac address assignment}. The default
   * accepts it.
   */
  default boolean acceptsMacAddress() {
    return true;
  }

  /**
   * How network {@code networkId}'s data plane carries packets, for the engine's reachability
   * model; the default is {@link DataPlane#standard()}.
   */
  default DataPlane dataPlane(String networkId) {
    return DataPlane.standard();
  }

  /**
   * Creates a network after IPAM has allocated its pools.
   *
   * @throws dev.cnm.api.error.InvalidParameterException for bad options ({@code failed to parse
   *     ... value: ...})
   * @throws dev.cnm.api.error.ForbiddenException when the driver allows no more networks ({@code
   *     only one instance of "host" network is allowed}) or the network conflicts with another
   */
  void createNetwork(NetworkCreateRequest request);

  /**
   * Deletes a network with no endpoints.
   *
   * @throws dev.cnm.api.error.ForbiddenException when the driver refuses ({@code network of type
   *     "host" cannot be deleted})
   */
  void deleteNetwork(String networkId);

  /**
   * Creates an endpoint and returns its interface, completed by the driver (for example with a
   * MAC address). Values the engine set must be returned unchanged.
   *
   * @throws dev.cnm.api.error.NotFoundException {@code No network (<id>) exists}
   * @throws dev.cnm.api.error.SystemException for data-plane failures (a full bridge: {@code
   *     adding interface vethX to bridge br-Y failed: exchange full})
   */
  EndpointInterface createEndpoint(EndpointCreateRequest request);

  /**
   * Deletes an endpoint that has left its sandbox.
   *
   * @throws dev.cnm.api.error.NotFoundException {@code No endpoint (<id>) exists}
   */
  void deleteEndpoint(String networkId, String endpointId);

  /**
   * Joins an endpoint to a sandbox and tells the engine its interface name and gateways.
   *
   * @throws dev.cnm.api.error.NotFoundException for an unknown network or endpoint
   */
  JoinInfo join(JoinRequest request);

  /** Leaves the sandbox. */
  void leave(String networkId, String endpointId);

  /**
   * Publishes the endpoint's ports: it became its sandbox's gateway endpoint (never called on an
   * internal network). Returns the host bindings actually made, in order. On failure the driver
   * releases every port it took for this call and throws the bare error ({@code Bind for
   * 0.0.0.0:8080 failed: port is already allocated}); the engine adds Docker's wrapping.
   *
   * <p>Drivers without external connectivity keep the default, which publishes nothing.
   *
   * @throws dev.cnm.api.port.PortAlreadyAllocatedException when a fixed host port is taken
   */
  default List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
    return List.of();
  }

  /** Unpublishes what {@link #programExternalConnectivity} published for the endpoint. */
  default void revokeExternalConnectivity(String networkId, String endpointId) {}
}
