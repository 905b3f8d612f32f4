package dev.cnm.testkit.events;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link Engine} that passes every call to another engine and records, for each operation that
 * succeeds, the events dockerd would emit, in order: {@code network create|connect|disconnect|
 * destroy} and {@code container create|start|die|stop|restart|rename|destroy}. A container that
 * starts or stops connects to or disconnects from its networks, as dockerd's do; a rename carries
 * the old name in {@code oldName}, with Docker's leading slash.
 *
 * <p>The engine itself has no event stream yet; this decorator derives the events from the
 * results of the calls, so it sees only what goes through it. Failed operations record nothing.
 * Not recorded: {@code kill} (cnm sends no signals) and the events of daemon-internal changes.
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

  private RecordingEngine(Engine delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /**
   * Records the events of {@code engine}'s operations made through the returned engine.
   *
   * @param engine the engine the calls go to
   * @return the recording engine
   */
  public static RecordingEngine wrap(Engine engine) {
    return engine instanceof RecordingEngine ? (RecordingEngine) engine : new RecordingEngine(engine);
  }

  /** {@return the engine the calls go to} */
  public Engine delegate() {
    return delegate;
  }

  /** {@return every event recorded so far, oldest first} */
  public synchronized List<EngineEvent> events() {
    return List.copyOf(events);
  }

  /** Forgets the recorded events. */
  public synchronized void clearEvents() {
    events.clear();
  }

  private synchronized void emit(String type, String action, String id, Map<String, String> attributes) {
    events.add(new EngineEvent(type, action, id, attributes));
  }

  private void network(String action, NetworkInfo n, String containerId) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("name", n.name());
    a.put("type", n.driver());
    if (containerId != null) {
      a.put("container", containerId);
    }
    emit("network", action, n.id(), a);
  }

  private void container(String action, ContainerInfo c, Map<String, String> extra) {
    Map<String, String> a = new LinkedHashMap<>(c.labels());
    a.put("image", c.image());
    a.put("name", c.name());
    a.putAll(extra);
    emit("container", action, c.id(), a);
  }

  /** Network connect/disconnect events for the endpoints {@code after} gained or lost since {@code before}. */
  private void endpoints(ContainerInfo before, ContainerInfo after, boolean disconnectsFirst) {
    List<String> lost = new ArrayList<>();
    List<String> gained = new ArrayList<>();
    for (String n : networksWithEndpoint(before)) {
      if (after == null || !networksWithEndpoint(after).contains(n)) {
        lost.add(n);
      }
    }
    if (after != null) {
      for (String n : networksWithEndpoint(after)) {
        if (before == null || !networksWithEndpoint(before).contains(n)) {
          gained.add(n);
        }
      }
    }
    String id = after != null ? after.id() : before.id();
    if (disconnectsFirst) {
      lost.forEach(n -> network("disconnect", networkInfo(before, n), id));
      gained.forEach(n -> network("connect", networkInfo(after, n), id));
    } else {
      gained.forEach(n -> network("connect", networkInfo(after, n), id));
      lost.forEach(n -> network("disconnect", networkInfo(before, n), id));
    }
  }

  private static List<String> networksWithEndpoint(ContainerInfo c) {
    List<String> names = new ArrayList<>();
    if (c != null) {
      c.networks().forEach((name, att) -> {
        if (att.endpoint().isPresent()) {
          names.add(name);
        }
      });
    }
    return names;
  }

  private NetworkInfo networkInfo(ContainerInfo c, String name) {
    String id = c.networks().get(name).networkId();
    return delegate.findNetwork(id).orElseGet(() -> NetworkInfo.builder().id(id).name(name).driver("")
        .scope(dev.cnm.api.Scope.LOCAL).created(java.time.Instant.EPOCH).ipamDriver("default").build());
  }

  // ---- networks -----------------------------------------------------------------------------

  @Override
  public NetworkInfo createNetwork(NetworkSpec spec) {
    NetworkInfo n = delegate.createNetwork(spec);
    network("create", n, null);
    return n;
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
    Optional<NetworkInfo> n = delegate.findNetwork(ref);
    delegate.removeNetwork(ref);
    n.ifPresent(info -> network("destroy", info, null));
  }

  @Override
  public List<String> pruneNetworks() {
    List<NetworkInfo> before = delegate.networks();
    List<String> removed = delegate.pruneNetworks();
    for (NetworkInfo n : before) {
      if (removed.contains(n.name()) && delegate.findNetwork(n.id()).isEmpty()) {
        network("destroy", n, null);
      }
    }
    return removed;
  }

  @Override
  public ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec) {
    ContainerInfo before = delegate.findContainer(containerRef).orElse(null);
    ContainerInfo after = delegate.connect(networkRef, containerRef, spec);
    if (before != null) {
      endpoints(before, after, false);
    }
    return after;
  }

  @Override
  public ContainerInfo disconnect(String networkRef, String containerRef, boolean force) {
    ContainerInfo before = delegate.findContainer(containerRef).orElse(null);
    ContainerInfo after = delegate.disconnect(networkRef, containerRef, force);
    if (before != null) {
      endpoints(before, after, true);
    }
    return after;
  }

  // ---- containers ---------------------------------------------------------------------------

  @Override
  public ContainerInfo createContainer(ContainerSpec spec) {
    ContainerInfo c = delegate.createContainer(spec);
    container("create", c, Map.of());
    return c;
  }

  @Override
  public ContainerInfo start(String ref) {
    ContainerInfo before = delegate.findContainer(ref).orElse(null);
    ContainerInfo after = delegate.start(ref);
    if (before != null && before.status() != ContainerStatus.RUNNING) {
      endpoints(before, after, false);
      container("start", after, Map.of());
    }
    return after;
  }

  @Override
  public ContainerInfo run(ContainerSpec spec) {
    ContainerInfo created = delegate.createContainer(spec);
    container("create", created, Map.of());
    return start(created.id());
  }

  @Override
  public ContainerInfo stop(String ref) {
    ContainerInfo before = delegate.findContainer(ref).orElse(null);
    ContainerInfo after = delegate.stop(ref);
    if (before != null && before.status() == ContainerStatus.RUNNING) {
      container("die", after, Map.of("exitCode", String.valueOf(after.exitCode())));
      endpoints(before, after, true);
      container("stop", after, Map.of());
    }
    return after;
  }

  @Override
  public ContainerInfo restart(String ref) {
    ContainerInfo before = delegate.findContainer(ref).orElse(null);
    ContainerInfo after = delegate.restart(ref);
    if (before != null) {
      if (before.status() == ContainerStatus.RUNNING) {
        container("die", before, Map.of("exitCode", "0"));
        endpoints(before, null, true);
        container("stop", before, Map.of());
      }
      endpoints(null, after, false);
      container("start", after, Map.of());
      container("restart", after, Map.of());
    }
    return after;
  }

  @Override
  public void removeContainer(String ref, boolean force) {
    ContainerInfo before = delegate.findContainer(ref).orElse(null);
    delegate.removeContainer(ref, force);
    if (before != null) {
      if (before.status() == ContainerStatus.RUNNING) {
        container("die", before, Map.of("exitCode", "137"));
        endpoints(before, null, true);
      }
      container("destroy", before, Map.of());
    }
  }

  @Override
  public ContainerInfo rename(String ref, String newName) {
    ContainerInfo before = delegate.findContainer(ref).orElse(null);
    ContainerInfo after = delegate.rename(ref, newName);
    if (before != null) {
      container("rename", after, Map.of("oldName", "/" + before.name()));
    }
    return after;
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

  @Override
  public String toString() {
    return "RecordingEngine(" + delegate + ")";
  }

  /** The delegate's images; records no event (image events are not modelled here). */
  @Override
  public dev.cnm.api.image.ImageService images() {
    return delegate.images();
  }

  /** Runs a command in a container; records no event (exec events are not modelled). */
  @Override
  public dev.cnm.api.ExecResult exec(String containerRef, List<String> command) {
    return delegate.exec(containerRef, command);
  }

  /** Resolves a name as the container would; records no event. */
  @Override
  public List<dev.cnm.api.net.IpAddress> resolve(String containerRef, String name) {
    return delegate.resolve(containerRef, name);
  }
}
