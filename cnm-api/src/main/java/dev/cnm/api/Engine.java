package dev.cnm.api;

import dev.cnm.api.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * One Docker host's networking: its networks, containers, their sandboxes and endpoints, IPAM,
 * host ports and rules, with Docker Engine 28's semantics, defaults and messages.
 *
 * <p>Every operation is atomic: when it throws, names, addresses, ports and driver state are
 * exactly as they were. The engine is thread-safe; every value it returns is an immutable
 * snapshot.
 *
 * <p>References ({@code ref}) to containers and networks are resolved as Docker resolves them:
 * full id, then exact name, then unique id prefix.
 *
 * <pre>{@code
 * Engine docker = Cnm.newEngine();
 * docker.createNetwork(NetworkSpec.of("dev"));
 * ContainerInfo search = docker.run(ContainerSpec.builder()
 *     .image("elasticsearch").name("search").networkMode(NetworkMode.network("dev")).build());
 * docker.stop("search");
 * docker.removeContainer("search", false);
 * }</pre>
 *
 * @see dev.cnm.api.error.CnmException for the failures every method may raise
 */
public interface Engine {

  // ---- networks -----------------------------------------------------------------------------

  /**
   * Creates a network ({@code docker network create}).
   *
   * @param spec the network's name, driver, IPAM configuration, options and labels
   * @return the new network, with its id and the pools IPAM gave it
   * @throws dev.cnm.api.error.ForbiddenException for a predefined name ({@code operation is not
   *     permitted on predefined bridge network })
   * @throws dev.cnm.api.error.ConflictException {@code network with name dev already exists}
   * @throws dev.cnm.api.error.InvalidParameterException for bad IPAM configuration or options
   * @throws dev.cnm.api.error.NotFoundException for an unknown driver
   */
  NetworkInfo createNetwork(NetworkSpec spec);

  /**
   * {@return the network {@code ref} names: full id, exact name, then unique id prefix}
   *
   * @param ref the network's full id, name or a unique prefix of its id
   * @throws dev.cnm.api.error.NotFoundException {@code network dev not found}
   * @throws dev.cnm.api.error.InvalidParameterException when ambiguous
   */
  NetworkInfo network(String ref);

  /**
   * {@return the network {@code ref} names, or empty; ambiguity still throws}
   *
   * @param ref the network's full id, name or a unique prefix of its id
   */
  Optional<NetworkInfo> findNetwork(String ref);

  /** {@return every network, in creation order} */
  List<NetworkInfo> networks();

  /**
   * Removes a network ({@code docker network rm}).
   *
   * @param ref the network's full id, name or a unique prefix of its id
   * @throws dev.cnm.api.error.ForbiddenException for a predefined network, or while running
   *     containers are attached ({@code error while removing network: network dev has active
   *     endpoints (name:"web" id:"0123456789ab")})
   * @throws dev.cnm.api.error.NotFoundException for an unknown network
   */
  void removeNetwork(String ref);

  /**
   * Removes every user network no container is attached to; returns their names.
   *
   * @return the names of the removed networks
   */
  List<String> pruneNetworks();

  /**
   * Connects a container to a network ({@code docker network connect}). A running container gets
   * its endpoint at once; a stopped one gets it when it starts.
   *
   * @param networkRef the network's full id, name or a unique prefix of its id
   * @param containerRef the container's full id, name or a unique prefix of its id
   * @param spec the endpoint's aliases, static addresses, links and driver options
   *     ({@link EndpointSpec#empty()} for none)
   * @return the container, connected
   */
  ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec);

  /**
   * Disconnects a container from a network ({@code docker network disconnect [-f]}).
   *
   * @param networkRef the network's full id, name or a unique prefix of its id
   * @param containerRef the container's full id, name or a unique prefix of its id
   * @param force {@code -f}, accepted as Docker accepts it; the model keeps no stale endpoint for
   *     it to clean up, so the call behaves the same either way
   * @return the container, disconnected
   */
  ContainerInfo disconnect(String networkRef, String containerRef, boolean force);

  // ---- containers ---------------------------------------------------------------------------

  /**
   * Creates a container ({@code docker create}): reserves its name, validates its network
   * configuration, and takes no address or port until it starts.
   *
   * @param spec the container's image, name, network mode, endpoints, ports and the rest of
   *     {@code docker create}'s options
   * @return the created container
   * @throws dev.cnm.api.error.NotFoundException {@code No such image: nginx:latest} when the image
   *     is not in the engine and its pull policy is {@link dev.cnm.api.image.PullPolicy#NEVER}
   * @throws dev.cnm.api.error.ConflictException when the name is in use
   * @throws dev.cnm.api.error.InvalidParameterException for a bad name or conflicting options
   */
  ContainerInfo createContainer(ContainerSpec spec);

  /**
   * Starts a container: creates its sandbox and one endpoint per configured network, allocates
   * addresses and publishes ports. On failure the container stays as it was, holding nothing.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @return the running container, with its endpoints and published ports
   */
  ContainerInfo start(String ref);

  /**
   * Creates and starts a container ({@code docker run -d}). A failed start leaves it created.
   *
   * @param spec the container's image, name, network mode, endpoints, ports and the rest of
   *     {@code docker run}'s options
   * @return the running container, with its endpoints and published ports
   */
  ContainerInfo run(ContainerSpec spec);

  /**
   * Stops a running container, releasing its endpoints, addresses and ports. No-op if stopped.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @return the stopped container
   */
  ContainerInfo stop(String ref);

  /**
   * Stops (if running) and starts a container.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @return the running container
   */
  ContainerInfo restart(String ref);

  /**
   * Removes a container ({@code docker rm [-f]}).
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param force stop a running container first ({@code -f}), instead of refusing
   * @throws dev.cnm.api.error.ConflictException for a running container without force
   */
  void removeContainer(String ref, boolean force);

  /**
   * Renames a container ({@code docker rename}).
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param newName the new name; a leading slash is dropped, as Docker does
   * @return the renamed container
   */
  ContainerInfo rename(String ref, String newName);

  /**
   * {@return the container {@code ref} names}
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   */
  ContainerInfo container(String ref);

  /**
   * {@return the container {@code ref} names, or empty; ambiguity and empty input still throw}
   *
   * @param ref the container's full id, name or a unique prefix of its id
   */
  Optional<ContainerInfo> findContainer(String ref);

  /** {@return every container, in creation order} */
  List<ContainerInfo> containers();

  // ---- images --------------------------------------------------------------------------------

  /**
   * {@return this engine's images: pull, list, inspect, tag, remove, build ({@code docker image
   * ...})} Creating a container needs its image here; whether a missing one is pulled first is
   * the engine's {@link dev.cnm.api.image.PullPolicy}.
   */
  dev.cnm.api.image.ImageService images();

  // ---- inside a container -------------------------------------------------------------------

  /**
   * Runs one of a small fixed set of commands inside a running container and returns what it
   * printed ({@code docker exec}): {@code env}, {@code hostname}, {@code cat /etc/hosts}, {@code
   * cat /etc/resolv.conf}, {@code cat /etc/hostname}, {@code getent hosts NAME}, {@code nslookup
   * NAME}, {@code ip addr}, {@code ip route} and {@code ping -c N HOST}, evaluated against the
   * model. Unknown commands exit 127.
   *
   * @param containerRef the container's full id, name or a unique prefix of its id
   * @param command the program and its arguments, such as {@code List.of("getent", "hosts", "db")}
   * @return what the command printed, and its exit code
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   * @throws dev.cnm.api.error.ConflictException {@code container <id> is not running}
   */
  ExecResult exec(String containerRef, List<String> command);

  /**
   * {@return the addresses the embedded DNS server of container {@code containerRef} answers for
   * {@code name} (A and AAAA records; empty when the name does not resolve, or when the container
   * has no embedded DNS)} Several containers sharing an alias give all their addresses, shuffled.
   *
   * @param containerRef the container's full id, name or a unique prefix of its id
   * @param name the name to look up: a container name, an alias, a link alias or a service name
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   * @throws dev.cnm.api.error.ConflictException {@code container <id> is not running}
   */
  List<IpAddress> resolve(String containerRef, String name);
}
