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

  /**
   * {@return the driver's type, the {@code --driver} name: {@code bridge}, {@code overlay} and so
   * on}
   */
  String type();

  /** {@return where the driver's networks live and reach} */
  DriverCapability capability();

  /**
   * Whether the engine should reserve no gateway address for a network created with {@code
   * options} and {@code internal} (libnetwork's {@code GwAllocChecker}, asked before IPAM): ipvlan
   * in L3 mode routes the default route to its interface, and {@code --internal} macvlan and
   * ipvlan networks need none. A gateway the user gave ({@code --gateway}) is reserved anyway.
   * The default reserves one.
   *
   * @param options the network's driver options ({@code -o})
   * @param internal whether the network is {@code --internal}
   * @param ipv6 which family is asked about: true for IPv6, false for IPv4
   * @return true when the engine should reserve no gateway address for the family
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
   *
   * @return true when a user-chosen MAC address is accepted
   */
  default boolean acceptsMacAddress() {
    return true;
  }

  /**
   * How network {@code networkId}'s data plane carries packets, for the engine's reachability
   * model; the default is {@link DataPlane#standard()}.
   *
   * @param networkId the id of one of this driver's networks
   * @return how that network's data plane carries packets
   */
  default DataPlane dataPlane(String networkId) {
    return DataPlane.standard();
  }

  /**
   * Creates a network after IPAM has allocated its pools.
   *
   * @param request the network's id, name, options and the pools IPAM allocated
   * @throws dev.cnm.api.error.InvalidParameterException for bad options ({@code failed to parse
   *     ... value: ...})
   * @throws dev.cnm.api.error.ForbiddenException when the driver allows no more networks ({@code
   *     only one instance of "host" network is allowed}) or the network conflicts with another
   */
  void createNetwork(NetworkCreateRequest request);

  /**
   * Deletes a network with no endpoints.
   *
   * @param networkId the id of a network this driver created
   * @throws dev.cnm.api.error.ForbiddenException when the driver refuses ({@code network of type
   *     "host" cannot be deleted})
   */
  void deleteNetwork(String networkId);

  /**
   * Creates an endpoint and returns its interface, completed by the driver (for example with a
   * MAC address). Values the engine set must be returned unchanged.
   *
   * @param request the network, the endpoint's id and name, and the interface with the addresses
   *     IPAM gave
   * @return the interface, completed by the driver
   * @throws dev.cnm.api.error.NotFoundException {@code No network (<id>) exists}
   * @throws dev.cnm.api.error.SystemException for data-plane failures (a full bridge: {@code
   *     adding interface vethX to bridge br-Y failed: exchange full})
   */
  EndpointInterface createEndpoint(EndpointCreateRequest request);

  /**
   * Deletes an endpoint that has left its sandbox.
   *
   * @param networkId the endpoint's network
   * @param endpointId the id of an endpoint this driver created
   * @throws dev.cnm.api.error.NotFoundException {@code No endpoint (<id>) exists}
   */
  void deleteEndpoint(String networkId, String endpointId);

  /**
   * Joins an endpoint to a sandbox and tells the engine its interface name and gateways.
   *
   * @param request the network, the endpoint, the sandbox's key and the container's id
   * @return the interface name prefix, the gateways and the static routes for the sandbox
   * @throws dev.cnm.api.error.NotFoundException for an unknown network or endpoint
   */
  JoinInfo join(JoinRequest request);

  /**
   * Leaves the sandbox.
   *
   * @param networkId the endpoint's network
   * @param endpointId the id of an endpoint that joined a sandbox
   */
  void leave(String networkId, String endpointId);

  /**
   * Publishes the endpoint's ports: it became its sandbox's gateway endpoint (never called on an
   * internal network). Returns the host bindings actually made, in order. On failure the driver
   * releases every port it took for this call and throws the bare error ({@code Bind for
   * 0.0.0.0:8080 failed: port is already allocated}); the engine adds Docker's wrapping.
   *
   * <p>Drivers without external connectivity keep the default, which publishes nothing.
   *
   * @param request the endpoint, its addresses, the port bindings to publish and the ports the
   *     container exposes
   * @return the host bindings made, in order; empty when nothing is published
   * @throws dev.cnm.api.port.PortAlreadyAllocatedException when a fixed host port is taken
   */
  default List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
    return List.of();
  }

  /**
   * Unpublishes what {@link #programExternalConnectivity} published for the endpoint.
   *
   * @param networkId the endpoint's network
   * @param endpointId the endpoint whose ports were published
   */
  default void revokeExternalConnectivity(String networkId, String endpointId) {}
}
