package dev.cnm.api;

import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventListener;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.process.EngineClock;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogListener;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.Subscription;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One Docker host's networking: its networks, containers, their sandboxes and endpoints, IPAM,
 * host ports and rules, with Docker Engine 28's semantics, defaults and messages; and the
 * containers' processes: every start runs the container's command as a simulated program (see
 * {@link dev.cnm.api.process.Script}) that prints to the container's log, sleeps on the
 * engine's {@linkplain #clock() clock}, exits, is restarted by its restart policy, answers health
 * checks, and reacts to signals; and the engine's {@linkplain #events events}.
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
 * docker.removeContainer("search");
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
   * Removes every user network no container is attached to; returns their names. A network that
   * cannot be removed (in a cluster, a global network with endpoints on another engine) is skipped,
   * as Docker's prune logs it and goes on.
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
   * @param options {@link DisconnectOption#FORCE} for {@code -f}, or none ({@link #forceDisconnect}
   *     also clears an endpoint no container here holds, such as a dead host's in a cluster)
   * @return the container, disconnected
   */
  ContainerInfo disconnect(String networkRef, String containerRef, DisconnectOption... options);

  /**
   * {@code docker network disconnect -f NETWORK NAME} as the daemon runs it: a container of this
   * engine is disconnected as by {@link #disconnect}; when no container here has that name or id,
   * the endpoint of that name (or id) on the network is removed and its addresses given back
   * ({@code ForceEndpointDelete}). On a global network that is how another host's endpoint, or a
   * dead host's, is cleared from the cluster store.
   *
   * <pre>{@code
   * engine.forceDisconnect("ov", "web-on-dead-host"); // Optional.empty(): it was not a container of this engine
   * }</pre>
   *
   * @param networkRef the network's full id, name or a unique prefix of its id
   * @param ref a container's full id, name or unique id prefix, or an endpoint's name or id
   * @return the container, disconnected; empty when an endpoint of no container here was removed
   * @throws dev.cnm.api.error.NotFoundException {@code endpoint NAME not found} when neither exists
   */
  default Optional<ContainerInfo> forceDisconnect(String networkRef, String ref) {
    return Optional.of(disconnect(networkRef, ref, DisconnectOption.FORCE));
  }

  /**
   * {@return the hosts of this engine's cluster as its store records them, with their endpoints;
   * empty for an engine without a cluster store}
   *
   * <pre>{@code
   * engine.clusterHosts().forEach(h -> System.out.println(h.name() + (h.registered() ? "" : " (gone)")));
   * }</pre>
   */
  default List<ClusterHost> clusterHosts() {
    return List.of();
  }

  /**
   * Forgets a host of the cluster for good ({@code cnm cluster host rm NAME}; Docker has no such
   * command): its registration is deleted, each of its endpoints is removed from its network and
   * the endpoints' addresses go back to the pools, so the networks can be removed and the name
   * taken by another state. For a host whose state is gone; a host cannot remove itself.
   *
   * <pre>{@code
   * engine.removeClusterHost("host-b");
   * }</pre>
   *
   * @param name the host's name
   * @return the host as it was
   * @throws dev.cnm.api.error.NotFoundException {@code host NAME not found in the cluster store}
   * @throws dev.cnm.api.error.ForbiddenException for this engine's own name
   */
  default ClusterHost removeClusterHost(String name) {
    throw new dev.cnm.api.error.NotFoundException("host " + name + " not found in the cluster store");
  }

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
   * Stops a running container ({@code docker stop}) with its own stop signal and timeout: {@link
   * #stop(String, StopOptions)} with {@link StopOptions#defaults()}.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @return the stopped container
   */
  ContainerInfo stop(String ref);

  /**
   * Stops a running container ({@code docker stop [-s SIG] [-t N]}): sends the stop signal, and
   * {@code SIGKILL} if the process has not exited when the timeout ends (on a virtual clock the
   * call moves time forward to it; on the system clock it blocks, outside the engine's lock). The
   * process's exit releases the container's endpoints, addresses and ports, and a container
   * created with {@code --rm} is removed. No-op if not running; a restarting container is only
   * kept from restarting.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param options the signal and the timeout
   * @return the stopped container, as it was when it stopped
   * @throws dev.cnm.api.error.SystemException {@code cannot stop container: web: invalid signal:
   *     X}
   */
  ContainerInfo stop(String ref, StopOptions options);

  /**
   * Stops (if running) and starts a container ({@code docker restart}), with its own stop signal
   * and timeout.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @return the running container
   */
  ContainerInfo restart(String ref);

  /**
   * Stops (if running, as {@link #stop(String, StopOptions)} does) and starts a container
   * ({@code docker restart [-s SIG] [-t N]}).
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param options the signal and the timeout of the stop
   * @return the running container
   */
  ContainerInfo restart(String ref, StopOptions options);

  /**
   * Sends a signal to a container's process ({@code docker kill [-s SIG]}). The process reacts as
   * its program says: {@code SIGKILL} ends it with 137, an unhandled signal with 128 plus its
   * number, a handled one as handled, an ignored one not at all. A container killed by hand is
   * not restarted by its restart policy (unless it has its own stop signal and this is another
   * signal).
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param signal the signal as {@code -s} takes it ({@code KILL}, {@code SIGTERM}, {@code 15});
   *     empty for {@code SIGKILL}
   * @return the container after the signal
   * @throws dev.cnm.api.error.InvalidParameterException {@code cannot kill container: web:
   *     invalid signal: X}
   * @throws dev.cnm.api.error.ConflictException {@code cannot kill container: web: container
   *     <id> is not running}
   * @throws dev.cnm.api.error.NotFoundException {@code cannot kill container: web: No such
   *     container: web}
   */
  ContainerInfo kill(String ref, String signal);

  /**
   * Removes a container ({@code docker rm [-f]}).
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param options {@link RemoveOption#FORCE} to kill a running container first ({@code -f})
   *     instead of refusing, or none
   * @throws dev.cnm.api.error.ConflictException for a running container without {@code FORCE}
   */
  void removeContainer(String ref, RemoveOption... options);

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

  // ---- processes: logs, waits, tests' control ------------------------------------------------

  /**
   * {@return what the container's process wrote ({@code docker logs}), oldest first: the entries
   * of the streams and time window {@code options} ask for, then the last {@code tail} of them}
   * The engine keeps at most the last 10,000 entries and 4 MiB of text per container (Docker's
   * json-file driver keeps everything unless {@code max-size} is set).
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param options streams, window and tail
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   * @throws dev.cnm.api.error.InvalidParameterException {@code You must choose at least one
   *     stream}
   */
  List<LogEntry> logs(String ref, LogOptions options);

  /**
   * Follows a container's log ({@code docker logs -f}): the entries {@link #logs} gives now, then
   * each new one as it is written, until the container stops or is removed ({@link
   * LogListener#onEnd}) or the subscription is closed. A container that is not running gives its
   * entries and ends at once, as dockerd follows only a running container's log; {@link #attach}
   * waits for a start.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param options streams, window and tail (of the entries already written)
   * @param listener receives the entries, outside the engine's lock
   * @return the subscription; close it to stop following
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   */
  Subscription followLogs(String ref, LogOptions options, LogListener listener);

  /**
   * Attaches to a container's output ({@code docker attach}, the stream {@code docker run} reads):
   * every entry its process writes from now on, until its next exit or its removal ({@link
   * LogListener#onEnd}), or until the subscription is closed. Unlike {@link #followLogs}, it
   * gives nothing already written, and a container not running yet (attached before its start)
   * streams once it starts.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param listener receives the entries, outside the engine's lock
   * @return the subscription; close it to detach
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   */
  Subscription attach(String ref, LogListener listener);

  /**
   * Waits for a container ({@code POST /containers/{id}/wait}) without blocking: the future
   * completes with the exit code when the condition is met. {@code not-running} completes at once
   * for a container that is not running; {@code next-exit} at its next exit (a restart's exit
   * too); {@code removed} when it is removed. The future completes under the engine's lock: chain
   * work with an {@code *Async} method.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param condition what to wait for
   * @return the future result
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}, at once
   */
  CompletableFuture<WaitResult> waitFor(String ref, WaitCondition condition);

  /**
   * Waits for a container and blocks until the condition is met ({@code docker wait}). On a
   * virtual clock, time moves to each scheduled action until the condition is met, so waiting for
   * a program that sleeps ten seconds takes no real time; when nothing is scheduled, it blocks
   * until another thread makes the condition true.
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param condition what to wait for
   * @return the exit code and the container's error, if any
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   */
  WaitResult await(String ref, WaitCondition condition);

  /**
   * Makes a running container's process exit now with {@code exitCode}, as a crash does: for
   * tests of how orchestration code reacts. The restart policy applies as to any exit; {@code
   * oomKilled} marks it as the kernel's out-of-memory kill ({@code State.OOMKilled}, an {@code
   * oom} event before {@code die}).
   *
   * @param ref the container's full id, name or a unique prefix of its id
   * @param exitCode the exit code, 0 to 255
   * @param oomKilled whether the kernel's out-of-memory killer did it
   * @return the container after the exit
   * @throws dev.cnm.api.error.ConflictException {@code container <id> is not running}
   */
  ContainerInfo crash(String ref, int exitCode, boolean oomKilled);

  // ---- events ---------------------------------------------------------------------------------

  /**
   * {@return the events the engine still holds that {@code query} selects, oldest first ({@code
   * docker events --since --until}); the engine holds the last 256, as dockerd does} One stream
   * for every kind of object, each event as dockerd logs it: containers ({@code create}, {@code
   * start}, {@code kill}, {@code die}, {@code stop}, {@code destroy}, {@code rename}, {@code
   * restart}, {@code oom}, {@code exec_create}, {@code exec_start}, {@code exec_die}, {@code
   * health_status: healthy}...), networks ({@code create}, {@code connect}, {@code disconnect},
   * {@code destroy}) and images ({@code pull}, {@code tag}, {@code untag}, {@code delete}, and
   * {@code create} for a build step's image). A failed operation records none.
   *
   * @param query the window and the filter
   */
  List<Event> events(EventQuery query);

  /**
   * Follows the engine's events ({@code docker events}): first those held in the query's window
   * (none when neither {@code since} nor {@code until} is given, as dockerd does), then each new
   * one that passes the filter, until the subscription is closed; with an {@code until}, the
   * deliveries end once the engine's time is past it.
   *
   * @param query the window and the filter
   * @param listener receives the events, outside the engine's lock
   * @return the subscription; close it to stop
   */
  Subscription subscribe(EventQuery query, EventListener listener);

  /**
   * {@return the name of the host this engine models} ({@code localhost} unless its builder
   * named another): what Docker's {@code GET /info} reports as {@code Name} (the daemon host's
   * name) and the host name of a container in {@code host} network mode.
   *
   * <pre>{@code
   * Engine e = Cnm.builder().hostName("node-1").build();
   * e.hostName();   // "node-1"
   * }</pre>
   */
  String hostName();

  // ---- time -----------------------------------------------------------------------------------

  /** {@return the engine's clock: its time, its scheduled actions and the control over them} */
  EngineClock clock();

  /**
   * Moves the engine's time forward, running every scheduled action due until then, in order
   * ({@code clock().advance(duration)}).
   *
   * @param duration how far; not negative
   */
  void advanceClock(Duration duration);

  // ---- images --------------------------------------------------------------------------------

  /**
   * {@return this engine's images: pull, list, inspect, tag, remove, build ({@code docker image
   * ...})} Creating a container needs its image here; whether a missing one is pulled first is
   * the engine's {@link dev.cnm.api.image.PullPolicy}. Pulls, tags, removals and builds record
   * their {@code image} events in the engine's {@linkplain #events events}.
   */
  dev.cnm.api.image.ImageService images();

  // ---- inside a container -------------------------------------------------------------------

  /**
   * Runs a command inside a running container and returns what it printed ({@code docker exec}),
   * with the {@code exec_create}, {@code exec_start} and {@code exec_die} events. The container's
   * program answers first if its {@link dev.cnm.api.process.Script} scripts an answer (the
   * catalogue's servers answer their usual probes: {@code redis-cli ping}, {@code pg_isready},
   * {@code curl}...); else the simulated one-shot commands run against the model: {@code env},
   * {@code hostname}, {@code cat /etc/hosts}, {@code cat /etc/resolv.conf}, {@code cat
   * /etc/hostname}, {@code getent hosts NAME}, {@code nslookup NAME}, {@code ip addr}, {@code ip
   * route}, {@code ping -c N HOST}, {@code echo}, {@code true}, {@code false}, {@code date}, and
   * {@code sh -c "..."} lists of them. Unknown commands exit 127.
   *
   * @param containerRef the container's full id, name or a unique prefix of its id
   * @param command the program and its arguments, such as {@code List.of("getent", "hosts", "db")}
   * @return what the command printed, and its exit code
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   * @throws dev.cnm.api.error.ConflictException {@code container <id> is not running}, or {@code
   *     Container <id> is restarting, wait until the container is running}
   */
  ExecResult exec(String containerRef, List<String> command);

  /**
   * Creates an exec instance in a running container ({@code POST /containers/{id}/exec}) and
   * records its {@code exec_create} event; {@link #startExec} runs it. The command runs as {@link
   * #exec} runs one, with the spec's variables over the container's environment, its working
   * directory ({@code pwd}) and its user ({@code whoami}, {@code id -u}).
   *
   * @param containerRef the container's full id, name or a unique prefix of its id
   * @param spec the command, environment, working directory and user
   * @return the exec's id (64 hex digits), the {@code execID} of its events
   * @throws dev.cnm.api.error.NotFoundException {@code No such container: web}
   * @throws dev.cnm.api.error.ConflictException {@code container <id> is not running}, or {@code
   *     Container <id> is restarting, wait until the container is running}
   */
  String createExec(String containerRef, ExecSpec spec);

  /**
   * Runs an exec instance made by {@link #createExec} ({@code POST /exec/{id}/start}), with its
   * {@code exec_start} and {@code exec_die} events, and returns what it printed.
   *
   * @param execId the id {@link #createExec} returned
   * @return what the command printed, and its exit code
   * @throws dev.cnm.api.error.NotFoundException {@code No such exec instance: <id>}
   * @throws dev.cnm.api.error.ConflictException {@code Error: Exec command <id> has already run},
   *     or {@code container <id> is not running}
   */
  ExecResult startExec(String execId);

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
