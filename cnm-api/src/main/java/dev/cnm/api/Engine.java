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
   * @throws dev.cnm.api.error.ForbiddenException for a predefined name ({@code operation is not
   *     permitted on predefined bridge network })
   * @throws dev.cnm.api.error.ConflictException {@code network with name dev already exists}
   * @throws dev.cnm.api.error.InvalidParameterException for bad IPAM configuration or options
   * @throws dev.cnm.api.error.NotFoundException for an unknown driver
   */
  NetworkInfo createNetwork(NetworkSpec spec);

  /**
   * The network {@code ref} names: full id, exact name, then unique id prefix.
   *
   * @throws dev.cnm.api.error.NotFoundException {@code network dev not found}
   * @throws dev.cnm.api.error.InvalidParameterException when ambiguous
   */
  NetworkInfo network(String ref);

  /** The network {@code ref} names, or empty; ambiguity still throws. */
  Optional<NetworkInfo> findNetwork(String ref);

  /** Every network, in creation order. */
  List<NetworkInfo> networks();

  /**
   * Removes a network ({@code docker network rm}).
   *
   * @throws dev.cnm.api.error.ForbiddenException for a predefined network, or while running
   *     containers are attached ({@code error while removing network: network dev has active
   *     endpoints (name:"web" id:"0123456789ab")})
   * @throws dev.cnm.api.error.NotFoundException for an unknown network
   */
  void removeNetwork(String ref);

  /** Removes every user network no container is attached to; returns their names. */
  List<String> pruneNetworks();

  /**
   * Connects a container to a network ({@code docker network connect}). A running container gets
   * its endpoint at once; a stopped one gets it when it starts.
   */
  ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec);

  /** Disconnects a container from a network ({@code docker network disconnect [-f]}). */
  ContainerInfo disconnect(String networkRef, String containerRef, boolean force);

  // ---- containers ---------------------------------------------------------------------------

  /**
   * Creates a container ({@code docker create}): reserves its name, validates its network
   * configuration, and takes no address or port until it starts.
   *
   * @throws dev.cnm.api.error.ConflictException when the name is in use
   * @throws dev.cnm.api.error.InvalidParameterException for a bad name or conflicting options
   */
  ContainerInfo createContainer(ContainerSpec spec);

  /**
   * Starts a container: creates its sandbox and one endpoint per configured network, allocates
   * addresses and publishes ports. On failure the container stays as it was, holding nothing.
   */
  ContainerInfo start(String ref);

  /** Creates and starts a container ({@code docker run -d}). A failed start leaves it created. */
  ContainerInfo run(ContainerSpec spec);

  /** Stops a running container, releasing its endpoints, addresses and ports. No-op if stopped. */
  ContainerInfo stop(String ref);

  /** Stops (if running) and starts a container. */
  ContainerInfo restart(String ref);

  /**
   * Removes a container ({@code docker rm [-f]}).
   *
   * @throws dev.cnm.api.error.ConflictException for a running container without force
   */
  void removeContainer(String ref, boolean force);

  /** Renames a container ({@code docker rename}). */
  ContainerInfo rename(String ref, String newName);

  /**
   * The container {@code ref} names.
   *
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   */
  ContainerInfo container(String ref);

  /** The container {@code ref} names, or empty; ambiguity and empty input still throw. */
  Optional<ContainerInfo> findContainer(String ref);

  /** Every container, in creation order. */
  List<ContainerInfo> containers();

  // ---- inside a container -------------------------------------------------------------------

  /**
   * Runs one of a small fixed set of commands inside a running container and returns what it
   * printed ({@code docker exec}): {@code env}, {@code hostname}, {@code cat /etc/hosts}, {@code
   * cat /etc/resolv.conf}, {@code cat /etc/hostname}, {@code getent hosts NAME}, {@code nslookup
   * NAME}, {@code ip addr}, {@code ip route} and {@code ping -c N HOST}, evaluated against the
   * model. Unknown commands exit 127.
   *
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   * @throws dev.cnm.api.error.ConflictException {@code container <id> is not running}
   */
  ExecResult exec(String containerRef, List<String> command);

  /**
   * The addresses the embedded DNS server of container {@code containerRef} answers for {@code
   * name} (A and AAAA records; empty when the name does not resolve, or when the container has no
   * embedded DNS). Several containers sharing an alias give all their addresses, shuffled.
   *
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   * @throws dev.cnm.api.error.ConflictException {@code container <id> is not running}
   */
  List<IpAddress> resolve(String containerRef, String name);
}
