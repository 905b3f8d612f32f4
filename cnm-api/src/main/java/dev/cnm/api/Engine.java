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
