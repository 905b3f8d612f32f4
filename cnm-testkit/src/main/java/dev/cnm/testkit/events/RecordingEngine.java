package dev.cnm.testkit.events;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ClusterHost;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.DisconnectOption;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.StopOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link Engine} that passes every call to another engine and records every event the engine
 * emits from the moment it is wrapped, in order, with no bound: the engine keeps only its last
 * 256 ({@link Engine#events}), a test wants them all. The events are the engine's own, with
 * Docker's shapes: a stop is {@code container kill} (with its {@code signal}), {@code network
 * disconnect}, {@code container die} (with its {@code exitCode}), {@code container stop}; a
 * process that exits by itself, a restart policy, a health check are recorded too, whether or not
 * the call went through this wrapper. Failed operations record nothing.
 *
 * <pre>{@code
 * RecordingEngine docker = RecordingEngine.wrap(Cnm.builder().seed(1).build());
 * docker.createNetwork(NetworkSpec.of("dev"));
 * assertThat(docker.events()).extracting(EngineEvent::summary).containsExactly("network create dev");
 * }</pre>
 */
public final class RecordingEngine implements Engine {
  private final Engine delegate;
  private final List<EngineEvent> events = new ArrayList<>();
  private final List<Event> engineEvents = new ArrayList<>();

  private RecordingEngine(Engine delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
    delegate.subscribe(EventQuery.all(), this::record);
  }

  /**
   * Records the events of {@code engine} from now on.
   *
   * @param engine the engine the calls go to
   * @return the recording engine
   */
  public static RecordingEngine wrap(Engine engine) {
    return engine instanceof RecordingEngine ? (RecordingEngine) engine : new RecordingEngine(engine);
  }

  private synchronized void record(Event e) {
    engineEvents.add(e);
    events.add(EngineEvent.of(e));
  }

  /** {@return the engine the calls go to} */
  public Engine delegate() {
    return delegate;
  }

  /** {@return every event recorded so far, oldest first} */
  public synchronized List<EngineEvent> events() {
    return List.copyOf(events);
  }

  /** {@return every event recorded so far as the engine gave it (with its time), oldest first} */
  public synchronized List<Event> engineEvents() {
    return List.copyOf(engineEvents);
  }

  /** Forgets the recorded events. */
  public synchronized void clearEvents() {
    events.clear();
    engineEvents.clear();
  }

  // ---- networks -----------------------------------------------------------------------------

  @Override
  public NetworkInfo createNetwork(NetworkSpec spec) {
    return delegate.createNetwork(spec);
  }

  @Override
  public NetworkInfo network(String ref) {
    return delegate.network(ref);
  }

  @Override
  public Optional<NetworkInfo> findNetwork(String ref) {
    return delegate.findNetwork(ref);
  }

  @Override
  public List<NetworkInfo> networks() {
    return delegate.networks();
  }

  @Override
  public void removeNetwork(String ref) {
    delegate.removeNetwork(ref);
  }

  @Override
  public List<String> pruneNetworks() {
    return delegate.pruneNetworks();
  }

  @Override
  public ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec) {
    return delegate.connect(networkRef, containerRef, spec);
  }

  @Override
  public ContainerInfo disconnect(String networkRef, String containerRef, DisconnectOption... options) {
    return delegate.disconnect(networkRef, containerRef, options);
  }

  @Override
  public Optional<ContainerInfo> forceDisconnect(String networkRef, String ref) {
    return delegate.forceDisconnect(networkRef, ref); // the engine publishes the events
  }

  @Override
  public List<ClusterHost> clusterHosts() {
    return delegate.clusterHosts();
  }

  @Override
  public ClusterHost removeClusterHost(String name) {
    return delegate.removeClusterHost(name);
  }

  // ---- containers ---------------------------------------------------------------------------

  @Override
  public ContainerInfo createContainer(ContainerSpec spec) {
    return delegate.createContainer(spec);
  }

  @Override
  public ContainerInfo start(String ref) {
    return delegate.start(ref);
  }

  @Override
  public ContainerInfo run(ContainerSpec spec) {
    return delegate.run(spec);
  }

  @Override
  public ContainerInfo stop(String ref) {
    return delegate.stop(ref);
  }

  @Override
  public ContainerInfo stop(String ref, StopOptions options) {
    return delegate.stop(ref, options);
  }

  @Override
  public ContainerInfo restart(String ref) {
    return delegate.restart(ref);
  }

  @Override
  public ContainerInfo restart(String ref, StopOptions options) {
    return delegate.restart(ref, options);
  }

  @Override
  public ContainerInfo kill(String ref, String signal) {
    return delegate.kill(ref, signal);
  }

  @Override
  public void removeContainer(String ref, RemoveOption... options) {
    delegate.removeContainer(ref, options);
  }

  @Override
  public ContainerInfo rename(String ref, String newName) {
    return delegate.rename(ref, newName);
  }

  @Override
  public ContainerInfo container(String ref) {
    return delegate.container(ref);
  }

  @Override
  public Optional<ContainerInfo> findContainer(String ref) {
    return delegate.findContainer(ref);
  }

  @Override
  public List<ContainerInfo> containers() {
    return delegate.containers();
  }

  // ---- processes, events and time -----------------------------------------------------------

  @Override
  public List<LogEntry> logs(String ref, LogOptions options) {
    return delegate.logs(ref, options);
  }

  @Override
  public Subscription followLogs(String ref, LogOptions options, LogListener listener) {
    return delegate.followLogs(ref, options, listener);
  }

  @Override
  public Subscription attach(String ref, LogListener listener) {
    return delegate.attach(ref, listener);
  }

  @Override
  public CompletableFuture<WaitResult> waitFor(String ref, WaitCondition condition) {
    return delegate.waitFor(ref, condition);
  }

  @Override
  public WaitResult await(String ref, WaitCondition condition) {
    return delegate.await(ref, condition);
  }

  @Override
  public ContainerInfo crash(String ref, int exitCode, boolean oomKilled) {
    return delegate.crash(ref, exitCode, oomKilled);
  }

  @Override
  public List<Event> events(EventQuery query) {
    return delegate.events(query);
  }

  @Override
  public Subscription subscribe(EventQuery query, EventListener listener) {
    return delegate.subscribe(query, listener);
  }

  @Override
  public String hostName() {
    return delegate.hostName();
  }

  @Override
  public EngineClock clock() {
    return delegate.clock();
  }

  @Override
  public void advanceClock(Duration duration) {
    delegate.advanceClock(duration);
  }

  // ---- inside a container -------------------------------------------------------------------

  @Override
  public ExecResult exec(String containerRef, List<String> command) {
    return delegate.exec(containerRef, command);
  }

  @Override
  public String createExec(String containerRef, dev.cnm.api.ExecSpec spec) {
    return delegate.createExec(containerRef, spec);
  }

  @Override
  public ExecResult startExec(String execId) {
    return delegate.startExec(execId);
  }

  @Override
  public List<IpAddress> resolve(String containerRef, String name) {
    return delegate.resolve(containerRef, name);
  }

  @Override
  public String toString() {
    return "RecordingEngine(" + delegate + ")";
  }

  // ---- images -------------------------------------------------------------------------------

  /**
   * {@return the delegate's images} Their pulls, tags and removals are recorded as the engine's
   * {@code image} events.
   */
  @Override
  public dev.cnm.api.image.ImageService images() {
    return delegate.images();
  }
}
