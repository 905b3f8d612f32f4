package dev.cnm.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.ClusterHost;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.DisconnectOption;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.StopOptions;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventListener;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.BuildResult;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ImageHistoryItem;
import dev.cnm.api.image.ImageService;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.image.PullResult;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.process.ClockMode;
import dev.cnm.api.process.EngineClock;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogListener;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.Subscription;
import dev.cnm.api.process.WaitCondition;
import dev.cnm.api.process.WaitResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine's single API, as Jimfs' {@code JimfsFileStore} is for its file system: it owns the
 * lock and the tables (networks, containers, images), and every operation takes the lock, brings
 * the cluster's global networks in ({@link #syncStore}, one store read per operation; none for the
 * removal of a container, {@link #settleStore}, nor for a run on networks the engine knows, {@link
 * #run}), runs the
 * scheduled actions that are due ({@link #catchUp}), and hands over to the class whose job it is:
 * {@link Networks} for networks, {@link Containers} for containers' configuration and networking,
 * {@link Lifecycle} for their processes (start, exit, signals, stop, restart policies, waits),
 * {@link Images} and {@link ImageBuilder} for images, {@link ServiceDiscovery} for what a
 * container sees, {@link EngineExport} and {@link EngineRestore} for the state document. Before it
 * returns, it runs what became due meanwhile (a process's first steps), and once the lock is
 * released the events and log entries reach their listeners ({@link Deliveries}). Readers get
 * immutable values built under the lock.
 *
 * <p>{@code @GuardedBy("lock")} anywhere in this package names this class's {@link #lock}: the
 * records ({@link NetworkRecord}, {@link ContainerRecord}, ...), the tables and the components
 * are reached only through this class, under it.
 */
final class DefaultEngine implements Engine {
  /** The longest a blocking wait sleeps before it looks at the time line again. */
  private static final long POLL_MILLIS = 100;

  private final Object lock = new Object();
  private final EngineServices services;
  private final EngineTime time;
  @GuardedBy("lock")
  private final NetworkTable networks = new NetworkTable();
  @GuardedBy("lock")
  private final ContainerTable containers = new ContainerTable();
  @GuardedBy("lock")
  private final Timeline timeline = new Timeline();
  private final Deliveries deliveries = new Deliveries();
  private final EventLog events;
  private final ImageTable imageTable = new ImageTable();
  private final Images imageOps;
  private final ImageBuilder imageBuilder;
  private final ImageService imageService = new EngineImages();
  private final Networks networkOps;
  private final Sandboxes sandboxes;
  private final Gateways gateways;
  private final ServiceDiscovery discovery;
  private final Containers containerOps;
  private final Processes processes;
  private final Lifecycle lifecycle;
  private final Clock clock = new Clock();

  /** An engine with Docker's predefined networks, or (for a restore) with none yet. */
  DefaultEngine(EngineServices services, boolean predefinedNetworks) {
    this.services = services;
    this.time = services.time;
    this.events = new EventLog(time, deliveries);
    this.networkOps = new Networks(services, networks, events);
    this.sandboxes = new Sandboxes(services);
    this.gateways = new Gateways(networks, networkOps, sandboxes);
    this.discovery = new ServiceDiscovery(services);
    this.imageOps = new Images(services, imageTable, containers, events);
    this.imageBuilder = new ImageBuilder(services, imageTable, imageOps);
    this.containerOps = new Containers(services, networks, containers, sandboxes, gateways, discovery, imageOps,
        events);
    this.processes = new Processes(services, services.programs, discovery, networks, timeline, deliveries);
    Execs execs = new Execs(services, events);
    HealthMonitor health = new HealthMonitor(services, timeline, processes, events, execs);
    this.lifecycle = new Lifecycle(services, containers, containerOps, processes, health, execs, events, timeline,
        deliveries);
    synchronized (lock) {
      syncStore();
      if (predefinedNetworks) {
        networkOps.createPredefined();
      }
    }
  }

  /**
   * Brings the cluster's global networks into the network table ({@link GlobalNetworks#sync}); a
   * no-op for an engine without a store. The first step of every operation, so that an operation
   * sees one view of the cluster throughout.
   */
  @GuardedBy("lock")
  private void syncStore() {
    if (services.global != null) {
      services.global.syncAndRegister(networks);
    }
  }

  /**
   * The first step of an operation that changes only this host's own records in the store ({@link
   * #removeContainer}): {@link GlobalNetworks#settle} instead of a read of the whole store. Such an
   * operation's answer does not depend on what other hosts wrote: its transactions compare the mod
   * revisions of keys this host wrote, and a key another host changed meanwhile (a forced
   * disconnect) makes them fall back to the checks they make anyway. A network, endpoint or host
   * another engine wrote is seen by the next operation that reads the store.
   */
  @GuardedBy("lock")
  private void settleStore() {
    if (services.global != null) {
      services.global.settle(networks);
    }
  }

  /**
   * Whether every network {@code spec} names is in the engine's table under that exact name, so
   * that its run can join them without a read of the store.
   */
  @GuardedBy("lock")
  private boolean knowsNetworksOf(ContainerSpec spec) {
    NetworkMode mode = spec.networkMode();
    if (mode.isUserDefined() && networks.byName(mode.networkName()).isEmpty()) {
      return false;
    }
    for (String name : spec.endpoints().keySet()) {
      if (networks.byName(name).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The host id is final: the engine registers under it at its next operation. */
  void settleIdentity() {
    synchronized (lock) {
      if (services.global != null) {
        services.global.settleIdentity();
      }
    }
  }

  /**
   * Runs every scheduled action due by now, in order, each at its due instant. Actions they
   * schedule for later instants wait for the next operation (or a clock advance), so a process
   * that never sleeps cannot hold an operation for ever.
   */
  @GuardedBy("lock")
  private int catchUp() {
    if (timeline.isEmpty()) {
      return 0;
    }
    return runUntil(time.current());
  }

  @GuardedBy("lock")
  private int runUntil(Instant bound) {
    int n = 0;
    Optional<Timer> t;
    while ((t = timeline.pollDue(bound)).isPresent()) {
      time.pin(t.get().due);
      try {
        lifecycle.fire(t.get());
      } finally {
        time.unpin();
      }
      n++;
    }
    return n;
  }

  /**
   * One operation: under the lock, the store sync and the catch-up, the work, and the catch-up of
   * what the work made due; then, outside the lock, the deliveries.
   */
  private <T> T op(Supplier<T> work) {
    try {
      synchronized (lock) {
        return readAndDo(work);
      }
    } finally {
      deliveries.drain();
    }
  }

  /** The locked part of {@link #op}: the store sync and the catch-up around the work. */
  @GuardedBy("lock")
  private <T> T readAndDo(Supplier<T> work) {
    syncStore();
    catchUp();
    T result = work.get();
    catchUp();
    return result;
  }

  private void opVoid(Runnable work) {
    op(() -> {
      work.run();
      return null;
    });
  }

  /** {@link #opVoid} for an operation on this host's own records only; see {@link #settleStore}. */
  private void ownOp(Runnable work) {
    try {
      synchronized (lock) {
        settleStore();
        catchUp();
        work.run();
        catchUp();
      }
    } finally {
      deliveries.drain();
    }
  }

  /**
   * Blocks until {@code f} completes. On a virtual clock, time moves to each scheduled action in
   * turn until it does. On the system clock, the wait sleeps until the next action is due; a clock
   * that does not follow real time (a fixed one, as the CLI's) is moved on by the real time the
   * wait took, so that what falls due meanwhile runs. With nothing scheduled, it waits for another
   * thread.
   */
  private <T> T block(CompletableFuture<T> f) {
    Instant since = null;
    long sinceNanos = 0;
    while (true) {
      Optional<Instant> next;
      Instant now;
      try {
        synchronized (lock) {
          if (since != null && time.mode() == ClockMode.SYSTEM) {
            time.advanceTo(since.plusNanos(System.nanoTime() - sinceNanos));
          }
          catchUp();
          if (f.isDone()) {
            return f.join();
          }
          next = timeline.nextDue();
          if (time.mode() == ClockMode.VIRTUAL && next.isPresent()) {
            runUntil(next.get());
            continue;
          }
          now = time.current();
          if (since == null) {
            since = now;
            sinceNanos = System.nanoTime();
          }
        }
      } finally {
        deliveries.drain();
      }
      long millis = POLL_MILLIS;
      if (next.isPresent()) {
        millis = Math.max(1, Math.min(millis, Duration.between(now, next.get()).toMillis()));
      }
      try {
        return f.get(millis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // look at the time line again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  // ---- the state document (EngineState) -------------------------------------------------------

  /** Writes this engine's networks, containers, images, clock and events into {@code root}. */
  void exportState(ObjectNode root) {
    op(() -> {
      if (services.global != null) {
        root.put("hostId", services.global.hostId()); // the host keeps its name in the cluster
      }
      EngineExport.write(root, networks.all(), containers.all(), time, timeline, events);
      EngineExport.writeImages(root, imageTable);
      return null;
    });
  }

  /** Recreates the networks, containers, clock and events of a state document in this engine, built without any. */
  void restoreState(JsonNode root) {
    synchronized (lock) {
      if (services.global != null) {
        if (root.hasNonNull("hostId") && !services.global.hostIdGiven()) {
          services.global.adoptHostId(root.get("hostId").asText());
        }
        services.global.settleIdentity();
      }
      syncStore();
      EngineRestore.restoreImages(root, imageTable);
      new EngineRestore(services, networks, containers, networkOps, sandboxes, gateways, discovery, imageTable,
          timeline, events)
          .restore(root);
    }
  }

  // ---- networks -------------------------------------------------------------------------------

  @Override
  public NetworkInfo createNetwork(NetworkSpec spec) {
    return op(() -> networkOps.create(spec));
  }

  @Override
  public NetworkInfo network(String ref) {
    return op(() -> networks.require(ref).info(services.global));
  }

  @Override
  public Optional<NetworkInfo> findNetwork(String ref) {
    return op(() -> networks.find(ref).map(n -> n.info(services.global)));
  }

  @Override
  public List<NetworkInfo> networks() {
    return op(() -> networks.all().stream().map(n -> n.info(services.global)).collect(Collectors.toUnmodifiableList()));
  }

  @Override
  public void removeNetwork(String ref) {
    opVoid(() -> networkOps.destroy(networks.require(ref)));
  }

  @Override
  public List<String> pruneNetworks() {
    return op(networkOps::prune);
  }

  @Override
  public ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec) {
    return op(() -> containerOps.connect(networkRef, containerRef, spec));
  }

  @Override
  public Optional<ContainerInfo> forceDisconnect(String networkRef, String ref) {
    return op(() -> {
      if (containers.find(ref).isPresent() || services.global == null) {
        return Optional.of(containerOps.disconnect(networkRef, ref, true));
      }
      NetworkRecord n = networks.require(networkRef);
      if (!n.inStore) {
        return Optional.of(containerOps.disconnect(networkRef, ref, true));
      }
      services.global.forceRemoveEndpoint(n, ref);
      services.global.sync(networks);
      return Optional.<ContainerInfo>empty();
    });
  }

  @Override
  public List<ClusterHost> clusterHosts() {
    synchronized (lock) {
      if (services.global == null) {
        return List.of();
      }
      services.global.sync(networks); // without registering: a refused host may list and fix
      return services.global.hosts(networks);
    }
  }

  @Override
  public ClusterHost removeClusterHost(String name) {
    synchronized (lock) {
      if (services.global == null) {
        throw new NotFoundException("host " + name + " not found in the cluster store");
      }
      services.global.sync(networks);
      ClusterHost removed = services.global.removeHost(name, networks);
      services.global.sync(networks);
      return removed;
    }
  }

  @Override
  public ContainerInfo disconnect(String networkRef, String containerRef, DisconnectOption... options) {
    boolean force = has(options, DisconnectOption.FORCE);
    return op(() -> containerOps.disconnect(networkRef, containerRef, force));
  }

  // ---- containers -----------------------------------------------------------------------------

  @Override
  public ContainerInfo createContainer(ContainerSpec spec) {
    return op(() -> containerOps.create(spec));
  }

  /**
   * {@code docker run}. On an engine in a cluster whose view holds every network the container
   * names, the run reads nothing from the store at its start ({@link GlobalNetworks#beginJoin}):
   * its one round trip is the join's transaction, which takes the lowest free address at its
   * commit and is refused if the network is no longer the one in the view. A refused join undoes
   * the attempt (its container and events) and the run starts again as every other operation does,
   * after a read of the store, so that its answer is the one that read gives. A network the view
   * does not know is looked up in the store before the run answers that it is not found.
   */
  @Override
  public ContainerInfo run(ContainerSpec spec) {
    if (services.global == null) {
      return op(() -> lifecycle.run(spec));
    }
    try {
      synchronized (lock) {
        if (!knowsNetworksOf(spec)) {
          return readAndDo(() -> lifecycle.run(spec));
        }
        services.global.settle(networks);
        catchUp();
        ContainerInfo result;
        boolean failed = true;
        boolean stale = false;
        services.global.beginJoin();
        events.hold();
        try {
          try {
            result = lifecycle.run(spec, services.global::isStale);
            failed = false;
          } finally {
            stale = services.global.endJoin() && failed;
            events.release(stale);
          }
        } catch (RuntimeException e) {
          if (!stale) {
            throw e;
          }
          return readAndDo(() -> lifecycle.run(spec));
        }
        catchUp();
        return result;
      }
    } finally {
      deliveries.drain();
    }
  }

  @Override
  public ContainerInfo start(String ref) {
    return op(() -> lifecycle.start(ref));
  }

  @Override
  public ContainerInfo stop(String ref) {
    return stop(ref, StopOptions.defaults());
  }

  @Override
  public ContainerInfo stop(String ref, StopOptions options) {
    Object done = op(() -> {
      Lifecycle.StopRun run = lifecycle.beginStop(ref, options);
      return settled(run) ? lifecycle.finishStop(run) : run;
    });
    if (done instanceof ContainerInfo) {
      return (ContainerInfo) done;
    }
    Lifecycle.StopRun run = (Lifecycle.StopRun) done;
    block(run.exit());
    return op(() -> lifecycle.finishStop(run));
  }

  /**
   * Whether a stop needs no wait (nothing to stop, or the process exited on the signal), so that it
   * is one operation, with one store read.
   */
  private static boolean settled(Lifecycle.StopRun r) {
    return r.exit() == null || r.exit().isDone();
  }

  @Override
  public ContainerInfo restart(String ref) {
    return restart(ref, StopOptions.defaults());
  }

  @Override
  public ContainerInfo restart(String ref, StopOptions options) {
    Object done = op(() -> {
      Lifecycle.StopRun run = lifecycle.beginRestart(ref, options);
      return settled(run) ? lifecycle.finishRestart(run, ref) : run;
    });
    if (done instanceof ContainerInfo) {
      return (ContainerInfo) done;
    }
    Lifecycle.StopRun run = (Lifecycle.StopRun) done;
    block(run.exit());
    return op(() -> lifecycle.finishRestart(run, ref));
  }

  @Override
  public ContainerInfo kill(String ref, String signal) {
    return op(() -> lifecycle.kill(ref, signal));
  }

  @Override
  public void removeContainer(String ref, RemoveOption... options) {
    boolean force = has(options, RemoveOption.FORCE);
    // Removing a container of this host leaves its endpoints (one transaction each, answered
    // before this returns) and needs no view of the other hosts.
    ownOp(() -> lifecycle.remove(ref, force));
  }

  @Override
  public ContainerInfo rename(String ref, String newName) {
    return op(() -> containerOps.rename(ref, newName));
  }

  @Override
  public ContainerInfo container(String ref) {
    return op(() -> containers.require(ref).info());
  }

  @Override
  public Optional<ContainerInfo> findContainer(String ref) {
    return op(() -> containers.find(ref).map(ContainerRecord::info));
  }

  @Override
  public List<ContainerInfo> containers() {
    return op(() -> containers.all().stream().map(ContainerRecord::info).collect(Collectors.toUnmodifiableList()));
  }

  // ---- processes: logs, waits, tests' control ---------------------------------------------------

  @Override
  public List<LogEntry> logs(String ref, LogOptions options) {
    checkStreams(options);
    return op(() -> containers.require(ref).logs().read(options));
  }

  @Override
  public Subscription followLogs(String ref, LogOptions options, LogListener listener) {
    checkStreams(options);
    return op(() -> {
      ContainerRecord c = containers.require(ref);
      return c.logs().follow(options, listener, c.isRunning(), deliveries);
    });
  }

  @Override
  public Subscription attach(String ref, LogListener listener) {
    return op(() -> containers.require(ref).logs().attach(listener));
  }

  /** moby {@code ContainerLogs}: at least one stream. */
  private static void checkStreams(LogOptions options) {
    if (!options.stdout() && !options.stderr()) {
      throw new InvalidParameterException("You must choose at least one stream");
    }
  }

  @Override
  public CompletableFuture<WaitResult> waitFor(String ref, WaitCondition condition) {
    return op(() -> lifecycle.waitFor(ref, condition));
  }

  @Override
  public WaitResult await(String ref, WaitCondition condition) {
    return block(waitFor(ref, condition));
  }

  @Override
  public ContainerInfo crash(String ref, int exitCode, boolean oomKilled) {
    return op(() -> lifecycle.crash(ref, exitCode, oomKilled));
  }

  // ---- events ---------------------------------------------------------------------------------

  @Override
  public List<Event> events(EventQuery query) {
    return op(() -> events.query(query));
  }

  @Override
  public Subscription subscribe(EventQuery query, EventListener listener) {
    return op(() -> events.subscribe(query, listener, time.current()));
  }

  @Override
  public String hostName() {
    return services.host.hostName();
  }

  // ---- time -----------------------------------------------------------------------------------

  @Override
  public EngineClock clock() {
    return clock;
  }

  @Override
  public void advanceClock(Duration duration) {
    clock.advance(duration);
  }

  /** The engine's {@link EngineClock}: the time line, under the engine's lock. */
  private final class Clock implements EngineClock {
    @Override
    public ClockMode mode() {
      return time.mode();
    }

    /** A reading: after everything that happened before it (a stepping clock steps). */
    @Override
    public Instant now() {
      synchronized (lock) {
        return time.instant();
      }
    }

    @Override
    public void advance(Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("the clock cannot go back: " + duration);
      }
      opVoid(() -> {
        Instant target = time.current().plus(duration);
        runUntil(target);
        time.advanceTo(target);
      });
    }

    @Override
    public Optional<Instant> nextDue() {
      synchronized (lock) {
        return timeline.nextDue();
      }
    }

    @Override
    public Optional<Instant> nextDue(String containerRef) {
      return op(() -> containers.require(containerRef).timers().stream()
          .filter(t -> t.kind != TimerKind.HEALTH).map(t -> t.due).min(Instant::compareTo));
    }

    @Override
    public <T> T await(CompletableFuture<T> future) {
      return block(future);
    }

    @Override
    public int runDue() {
      try {
        synchronized (lock) {
          syncStore();
          return catchUp();
        }
      } finally {
        deliveries.drain();
      }
    }
  }

  // ---- images ---------------------------------------------------------------------------------

  @Override
  public ImageService images() {
    return imageService;
  }

  /**
   * The image service of this engine: every operation takes the engine's lock, as the others do,
   * and leaves the image store as it was when it fails.
   */
  private final class EngineImages implements ImageService {
    @Override
    public PullResult pull(String reference, Consumer<ProgressMessage> progress) {
      requireNonNull(reference, "reference");
      requireNonNull(progress, "progress");
      return op(() -> atomically(() -> imageOps.pull(reference, false, progress)));
    }

    @Override
    public PullResult pullAllTags(String repository, Consumer<ProgressMessage> progress) {
      requireNonNull(repository, "repository");
      requireNonNull(progress, "progress");
      return op(() -> atomically(() -> imageOps.pull(repository, true, progress)));
    }

    @Override
    public Image image(String ref) {
      requireNonNull(ref, "ref");
      return op(() -> imageOps.image(ref));
    }

    @Override
    public Optional<Image> findImage(String ref) {
      requireNonNull(ref, "ref");
      return op(() -> imageOps.find(ref));
    }

    @Override
    public List<Image> images() {
      return op(() -> imageOps.list());
    }

    @Override
    public Image tag(String source, String target) {
      requireNonNull(source, "source");
      requireNonNull(target, "target");
      return op(() -> atomically(() -> imageOps.tag(source, target)));
    }

    @Override
    public List<ImageDeleteItem> remove(String ref, boolean force, boolean noPrune) {
      requireNonNull(ref, "ref");
      return op(() -> atomically(() -> List.copyOf(imageOps.remove(ref, force, !noPrune))));
    }

    @Override
    public BuildResult build(BuildRequest request, Consumer<ProgressMessage> progress) {
      requireNonNull(request, "request");
      requireNonNull(progress, "progress");
      return op(() -> atomically(() -> imageBuilder.build(request, progress)));
    }

    @Override
    public List<ImageHistoryItem> history(String ref) {
      requireNonNull(ref, "ref");
      return op(() -> imageOps.history(ref));
    }

    /**
     * Runs an image operation; when it fails, the image store is put back as it was and its image
     * events are dropped, else they are published.
     */
    @GuardedBy("lock")
    private <T> T atomically(Supplier<T> op) {
      ImageTable.Snapshot before = imageTable.snapshot();
      int eventsBefore = imageOps.pendingEvents();
      T result;
      try {
        result = op.get();
      } catch (RuntimeException e) {
        imageTable.restore(before);
        imageOps.discardEvents(eventsBefore);
        throw e;
      }
      imageOps.publishEvents();
      return result;
    }
  }

  // ---- inside a container ---------------------------------------------------------------------

  @Override
  public ExecResult exec(String containerRef, List<String> command) {
    return op(() -> lifecycle.exec(containerRef, List.copyOf(command)));
  }

  @Override
  public String createExec(String containerRef, dev.cnm.api.ExecSpec spec) {
    return op(() -> lifecycle.createExec(containerRef, spec));
  }

  @Override
  public ExecResult startExec(String execId) {
    return op(() -> lifecycle.startExec(execId));
  }

  @Override
  public List<IpAddress> resolve(String containerRef, String name) {
    return op(() -> discovery.resolve(containers.require(containerRef), name, networks, containers));
  }

  /** Whether {@code options} holds {@code option}; a null array or element is a programming error. */
  private static <E extends Enum<E>> boolean has(E[] options, E option) {
    boolean found = false;
    for (E o : java.util.Objects.requireNonNull(options, "options")) {
      found |= java.util.Objects.requireNonNull(o, "option") == option;
    }
    return found;
  }
}
