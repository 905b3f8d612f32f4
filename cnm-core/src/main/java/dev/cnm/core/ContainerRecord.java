package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.process.WaitResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;

/** A container's state inside the engine; guarded by the engine's lock. */
final class ContainerRecord {
  final String id;
  @GuardedBy("lock")
  String name;
  /**
   * The spec as given but for its name ({@link #spec()} has it): containers created from equal
   * specs but for the name (replicas, the benchmark's population) share one (96 bytes).
   */
  final ContainerSpec spec;
  /** The name the spec gave, as given (with a leading slash if it had one); null for none. */
  private final String specName;
  /**
   * {@code Config.Hostname} (a {@code container:} mode container takes its target's at start); null
   * for Docker's default, the short id, made again when asked for ({@link #hostname()}): a
   * 56-byte string fewer per container.
   */
  @GuardedBy("lock")
  private String hostname;
  final List<String> env;
  final List<String> command;
  /** The image's entrypoint, set at creation (and by a restore). */
  @GuardedBy("lock")
  List<String> entrypoint = List.of();
  /** The id of the image it was created from ({@code .Image}), set at creation (and by a restore). */
  @GuardedBy("lock")
  String imageId = "";
  /**
   * The configuration of that image when the container was created: its labels, working
   * directory, user, stop signal, health check and volumes apply to the container (moby's {@code
   * merge}), even after the image is gone.
   */
  @GuardedBy("lock")
  ImageConfig imageConfig = ImageConfig.empty();
  /** Creation time as seconds and nanoseconds (not an {@link Instant}: a smaller record). */
  private final long createdSecond;
  private final int createdNano;
  /** The image's exposed ports, {@code --expose} and the container ports of {@code -p}, sorted. */
  final List<ExposedPort> exposedPorts;
  @GuardedBy("lock")
  ContainerStatus status = ContainerStatus.CREATED;
  /** Start and finish times as seconds and nanoseconds; a nanosecond of -1 means never. */
  @GuardedBy("lock")
  private long startedSecond;
  @GuardedBy("lock")
  private int startedNano = -1;
  @GuardedBy("lock")
  private long finishedSecond;
  @GuardedBy("lock")
  private int finishedNano = -1;
  @GuardedBy("lock")
  int exitCode;
  /** Networks configured, keyed by network name, in connection order. */
  @GuardedBy("lock")
  final Map<String, Attachment> attachments = new SmallMap<>(); // most have one
  /** The next container in its {@link ContainerTable} id-prefix bucket. */
  @GuardedBy("lock")
  ContainerRecord nextInBucket;
  /** The neighbours in its {@link ContainerTable}'s creation order (null at the ends). */
  @GuardedBy("lock")
  ContainerRecord previousCreated;
  @GuardedBy("lock")
  ContainerRecord nextCreated;
  /** Present while running. */
  @GuardedBy("lock")
  SandboxRecord sandbox;
  /** For {@code container:} mode while running: the container whose sandbox is shared. */
  @GuardedBy("lock")
  ContainerRecord sharedWith;
  /**
   * For {@code container:} mode: the shared container stopped while this one ran, so the namespace
   * it shares has lost every interface but loopback (Docker leaves the sharer running in it).
   */
  @GuardedBy("lock")
  boolean networkGone;
  /** Whether a container in {@code container:} mode ever shared this one's sandbox (never reset). */
  @GuardedBy("lock")
  boolean everShared;
  /**
   * Started with no link variables in its own namespace: its process environment is {@code PATH},
   * {@code HOSTNAME}, its own and {@code HOME}, derived on demand rather than kept (see {@link
   * ServiceDiscovery#processEnv}).
   */
  @GuardedBy("lock")
  boolean plainEnv;

  // ---- the process (see Lifecycle) ----------------------------------------------------------

  /** The health check in effect: the image's merged with the container's; null for none. */
  @GuardedBy("lock")
  Healthcheck healthcheck;
  /** The stop signal in effect ({@code Config.StopSignal}): the container's, else the image's; null for none. */
  @GuardedBy("lock")
  String stopSignal;
  /** The running process; null when not running. */
  @GuardedBy("lock")
  ProcessRecord process;
  /** The health state; null until a start with a health check. */
  @GuardedBy("lock")
  HealthRecord health;
  /**
   * The scheduled actions of this container, also in the engine's {@link Timeline}; null until
   * the first one (a container that just runs never has one, and this record is kept per
   * container: see {@link #timers()}).
   */
  @GuardedBy("lock")
  private List<Timer> timers;
  /** Its output; null until the first line or the first reader (see {@link #logs()}). */
  @GuardedBy("lock")
  private LogBuffer logs;
  @GuardedBy("lock")
  int restartCount;
  @GuardedBy("lock")
  boolean oomKilled;
  @GuardedBy("lock")
  String error = "";
  @GuardedBy("lock")
  int pid;
  /** moby {@code HasBeenManuallyStopped}: a kill or stop since the last start (unless-stopped). */
  @GuardedBy("lock")
  boolean manuallyStopped;
  /** moby {@code HasBeenManuallyRestarted}: a restart is stopping it, so {@code --rm} must not remove it. */
  @GuardedBy("lock")
  boolean manuallyRestarted;
  /** A forced remove is killing it: its exit must not remove it a second time ({@code --rm}). */
  @GuardedBy("lock")
  boolean removing;
  /** moby's restart manager was cancelled ({@code ExitOnNext}): the next exit does not restart. */
  @GuardedBy("lock")
  boolean restartCanceled;
  /** moby's restart manager's current back-off in milliseconds; 0 before the first restart. */
  @GuardedBy("lock")
  int restartBackoffMillis; // at most a minute
  /** Callers waiting for the next exit or the removal; null while none (one field, not two). */
  @GuardedBy("lock")
  private Waiters waiters;

  /** The callers waiting on a container. */
  private static final class Waiters {
    /** For the next exit ({@code not-running}, {@code next-exit}); null while none. */
    List<CompletableFuture<WaitResult>> stop;
    /** For the removal; null while none. */
    List<CompletableFuture<WaitResult>> remove;
  }

  /** {@return the scheduled actions, in the order they were scheduled (read only; empty when none)} */
  List<Timer> timers() {
    return timers == null ? List.of() : Collections.unmodifiableList(timers);
  }

  void addTimer(Timer t) {
    if (timers == null) {
      timers = new ArrayList<>(2);
    }
    timers.add(t);
  }

  void removeTimer(Timer t) {
    if (timers != null && timers.remove(t) && timers.isEmpty()) {
      timers = null; // most containers have a timer only for a moment: no empty list kept
    }
  }

  /** Removes the timers {@code which} accepts, in order. */
  void removeTimersIf(Predicate<Timer> which) {
    if (timers != null && timers.removeIf(which) && timers.isEmpty()) {
      timers = null;
    }
  }

  /** {@return the output buffer, made on first use} */
  LogBuffer logs() {
    if (logs == null) {
      logs = new LogBuffer();
    }
    return logs;
  }

  /** {@return the output buffer, or null when nothing was ever written or read} */
  LogBuffer logsIfAny() {
    return logs;
  }

  void addStopWaiter(CompletableFuture<WaitResult> f) {
    waiters(true).add(f);
  }

  void addRemoveWaiter(CompletableFuture<WaitResult> f) {
    waiters(false).add(f);
  }

  /** {@return the callers waiting for the next exit, no longer registered (empty when none)} */
  List<CompletableFuture<WaitResult>> takeStopWaiters() {
    return takeWaiters(true);
  }

  /** {@return the callers waiting for the removal, no longer registered (empty when none)} */
  List<CompletableFuture<WaitResult>> takeRemoveWaiters() {
    return takeWaiters(false);
  }

  /** The list of stop ({@code true}) or removal waiters, made on first use. */
  private List<CompletableFuture<WaitResult>> waiters(boolean stop) {
    if (waiters == null) {
      waiters = new Waiters();
    }
    if (stop && waiters.stop == null) {
      waiters.stop = new ArrayList<>(1);
    } else if (!stop && waiters.remove == null) {
      waiters.remove = new ArrayList<>(1);
    }
    return stop ? waiters.stop : waiters.remove;
  }

  private List<CompletableFuture<WaitResult>> takeWaiters(boolean stop) {
    List<CompletableFuture<WaitResult>> all = waiters == null ? null : stop ? waiters.stop : waiters.remove;
    if (all == null) {
      return List.of();
    }
    if (stop) {
      waiters.stop = null;
    } else {
      waiters.remove = null;
    }
    if (waiters.stop == null && waiters.remove == null) {
      waiters = null;
    }
    return all;
  }

  /**
   * A container record.
   *
   * @param spec the spec without its name ({@link #unnamed})
   * @param specName the name the spec gave, or null
   */
  ContainerRecord(String id, String name, ContainerSpec spec, String specName, String hostname, List<String> env,
      List<String> command, List<ExposedPort> exposedPorts, Instant created) {
    if (spec.name().isPresent()) {
      throw new IllegalArgumentException("a record keeps its spec without the name");
    }
    this.id = id;
    this.name = name;
    this.spec = spec;
    this.specName = specName;
    hostname(hostname);
    this.env = List.copyOf(env);
    this.command = List.copyOf(command);
    this.exposedPorts = List.copyOf(exposedPorts);
    this.createdSecond = created.getEpochSecond();
    this.createdNano = created.getNano();
  }

  /** {@return {@code spec} without its name} */
  static ContainerSpec unnamed(ContainerSpec spec) {
    return spec.withName(Optional.empty());
  }

  /** {@return the spec the container was created with, its name included} */
  ContainerSpec spec() {
    return specName == null ? spec : spec.withName(Optional.of(specName));
  }

  /** {@return {@code Config.Hostname}} */
  String hostname() {
    return hostname != null ? hostname : Ids.shortId(id);
  }

  void hostname(String h) {
    hostname = h.length() == Ids.SHORT_LENGTH && id.startsWith(h) ? null : h;
  }

  /** {@return the network mode, as the spec gives it} */
  NetworkMode mode() {
    return spec.networkMode();
  }

  Instant created() {
    return Instant.ofEpochSecond(createdSecond, createdNano);
  }

  Optional<Instant> startedAt() {
    return startedNano < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(startedSecond, startedNano));
  }

  void startedAt(Optional<Instant> t) {
    startedSecond = t.map(Instant::getEpochSecond).orElse(0L);
    startedNano = t.map(Instant::getNano).orElse(-1);
  }

  Optional<Instant> finishedAt() {
    return finishedNano < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(finishedSecond, finishedNano));
  }

  void finishedAt(Optional<Instant> t) {
    finishedSecond = t.map(Instant::getEpochSecond).orElse(0L);
    finishedNano = t.map(Instant::getNano).orElse(-1);
  }

  /**
   * The bindings to publish: {@code -p} in order, then, with {@code -P}, one ephemeral binding for
   * every exposed port that has none (Docker 28 iterates PortBindings and adds ExposedPorts only
   * for {@code -P}).
   */
  List<PortBinding> effectiveBindings() {
    List<PortBinding> bindings = new ArrayList<>(spec.portBindings());
    if (spec.publishAllPorts()) {
      for (ExposedPort p : exposedPorts) {
        if (spec.portBindings().stream().noneMatch(b -> b.containerPort().equals(p))) {
          bindings.add(PortBinding.ephemeral(p));
        }
      }
    }
    return bindings;
  }

  /** The published ports while running, in {@code docker port} order. */
  List<PublishedPort> publishedPorts() {
    SandboxRecord sb = sandbox != null ? sandbox : sharedWith != null ? sharedWith.sandbox : null;
    if (sb == null || sb.gatewayEndpoint == null || sharedWith != null) {
      return List.of();
    }
    List<PublishedPort> ports = new ArrayList<>(sb.gatewayEndpoint.published);
    Collections.sort(ports);
    return ports;
  }

  /** The container's labels, then the image's others (moby's {@code merge}). */
  Map<String, String> labels() {
    if (imageConfig.labels().isEmpty()) {
      return spec.labels();
    }
    Map<String, String> merged = new LinkedHashMap<>(spec.labels());
    imageConfig.labels().forEach(merged::putIfAbsent);
    return merged;
  }

  boolean isRunning() {
    return status == ContainerStatus.RUNNING;
  }

  boolean isRestarting() {
    return status == ContainerStatus.RESTARTING;
  }

  /** moby {@code State.Running}: running or waiting to be restarted. */
  boolean isRunningOrRestarting() {
    return status == ContainerStatus.RUNNING || status == ContainerStatus.RESTARTING;
  }

  Optional<EndpointRecord> endpointOn(String networkId) {
    if (sandbox == null) {
      return Optional.empty();
    }
    for (EndpointRecord e : sandbox.endpoints()) {
      if (e.network.id.equals(networkId)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  ContainerInfo info() {
    Map<String, AttachedNetwork> networks = new LinkedHashMap<>();
    for (Attachment a : attachments.values()) {
      Optional<EndpointInfo> ep = a.networkId.isEmpty()
          ? Optional.empty()
          : endpointOn(a.networkId).map(EndpointRecord::info);
      networks.put(a.networkName, AttachedNetwork.builder()
          .networkName(a.networkName)
          .networkId(ep.map(EndpointInfo::networkId).orElse(a.networkId))
          .settings(a.settings)
          .endpoint(ep)
          .build());
    }
    return ContainerInfo.builder()
        .id(id)
        .name(name)
        .image(spec.image())
        .imageId(imageId)
        .command(command)
        .entrypoint(entrypoint)
        .env(env)
        .labels(labels())
        .workingDir(imageConfig.workingDir())
        .user(imageConfig.user())
        .volumes(imageConfig.volumes())
        .hostname(hostname())
        .domainname(spec.domainname().orElse(""))
        .status(status)
        .created(created())
        .startedAt(startedAt())
        .finishedAt(finishedAt())
        .exitCode(exitCode)
        .restartCount(restartCount)
        .pid(isRunning() ? pid : 0)
        .oomKilled(oomKilled)
        .error(error)
        .health(health == null ? Optional.empty() : Optional.of(health.state()))
        .healthcheck(Optional.ofNullable(healthcheck))
        .stopSignal(Optional.ofNullable(stopSignal))
        .spec(spec())
        .networkMode(mode())
        .exposedPorts(exposedPorts)
        .ports(publishedPorts())
        .networks(networks)
        .build();
  }
}
