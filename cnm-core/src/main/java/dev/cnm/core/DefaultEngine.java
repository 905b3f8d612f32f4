package dev.cnm.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The engine's single API, as Jimfs' {@code JimfsFileStore} is for its file system: it owns the
 * lock and the two tables, and every operation takes the lock, brings the cluster's global
 * networks in ({@link #syncStore}, one store read per operation), and hands over to the class
 * whose job it is: {@link Networks} for networks, {@link Containers} for the container lifecycle,
 * {@link ServiceDiscovery} for what a container sees, {@link EngineExport} and {@link
 * EngineRestore} for the state document. Readers get immutable values built under the lock.
 *
 * <p>{@code @GuardedBy("lock")} anywhere in this package names this class's {@link #lock}: the
 * records ({@link NetworkRecord}, {@link ContainerRecord}, ...), the tables and the components
 * are reached only through this class, under it.
 */
final class DefaultEngine implements Engine {
  private final Object lock = new Object();
  private final EngineServices services;
  @GuardedBy("lock")
  private final NetworkTable networks = new NetworkTable();
  @GuardedBy("lock")
  private final ContainerTable containers = new ContainerTable();
  private final Networks networkOps;
  private final Sandboxes sandboxes;
  private final Gateways gateways;
  private final ServiceDiscovery discovery;
  private final Containers containerOps;

  /** An engine with Docker's predefined networks, or (for a restore) with none yet. */
  DefaultEngine(EngineServices services, boolean predefinedNetworks) {
    this.services = services;
    this.networkOps = new Networks(services, networks);
    this.sandboxes = new Sandboxes(services);
    this.gateways = new Gateways(networks, networkOps, sandboxes);
    this.discovery = new ServiceDiscovery(services);
    this.containerOps = new Containers(services, networks, containers, sandboxes, gateways, discovery);
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
      services.global.sync(networks);
    }
  }

  // ---- the state document (EngineState) -------------------------------------------------------

  /** Writes this engine's networks and containers into {@code root}. */
  void exportState(ObjectNode root) {
    synchronized (lock) {
      syncStore();
      EngineExport.write(root, networks.all(), containers.all());
    }
  }

  /** Recreates the networks and containers of a state document in this engine, built without any. */
  void restoreState(JsonNode root) {
    synchronized (lock) {
      syncStore();
      new EngineRestore(services, networks, containers, networkOps, sandboxes, gateways, discovery).restore(root);
    }
  }

  // ---- networks -------------------------------------------------------------------------------

  @Override
  public NetworkInfo createNetwork(NetworkSpec spec) {
    synchronized (lock) {
      syncStore();
      return networkOps.create(spec);
    }
  }

  @Override
  public NetworkInfo network(String ref) {
    synchronized (lock) {
      syncStore();
      return networks.require(ref).info();
    }
  }

  @Override
  public Optional<NetworkInfo> findNetwork(String ref) {
    synchronized (lock) {
      syncStore();
      return networks.find(ref).map(NetworkRecord::info);
    }
  }

  @Override
  public List<NetworkInfo> networks() {
    synchronized (lock) {
      syncStore();
      return networks.all().stream().map(NetworkRecord::info).collect(Collectors.toUnmodifiableList());
    }
  }

  @Override
  public void removeNetwork(String ref) {
    synchronized (lock) {
      syncStore();
      networkOps.remove(networks.require(ref));
    }
  }

  @Override
  public List<String> pruneNetworks() {
    synchronized (lock) {
      syncStore();
      return networkOps.prune();
    }
  }

  @Override
  public ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec) {
    synchronized (lock) {
      syncStore();
      return containerOps.connect(networkRef, containerRef, spec);
    }
  }

  @Override
  public ContainerInfo disconnect(String networkRef, String containerRef, boolean force) {
    synchronized (lock) {
      syncStore();
      return containerOps.disconnect(networkRef, containerRef, force);
    }
  }

  // ---- containers -----------------------------------------------------------------------------

  @Override
  public ContainerInfo createContainer(ContainerSpec spec) {
    synchronized (lock) {
      syncStore();
      return containerOps.create(spec);
    }
  }

  @Override
  public ContainerInfo run(ContainerSpec spec) {
    synchronized (lock) {
      syncStore();
      return containerOps.run(spec);
    }
  }

  @Override
  public ContainerInfo start(String ref) {
    synchronized (lock) {
      syncStore();
      return containerOps.start(ref);
    }
  }

  @Override
  public ContainerInfo stop(String ref) {
    synchronized (lock) {
      syncStore();
      return containerOps.stop(ref);
    }
  }

  @Override
  public ContainerInfo restart(String ref) {
    synchronized (lock) {
      syncStore();
      return containerOps.restart(ref);
    }
  }

  @Override
  public void removeContainer(String ref, boolean force) {
    synchronized (lock) {
      syncStore();
      containerOps.remove(ref, force);
    }
  }

  @Override
  public ContainerInfo rename(String ref, String newName) {
    synchronized (lock) {
      syncStore();
      return containerOps.rename(ref, newName);
    }
  }

  @Override
  public ContainerInfo container(String ref) {
    synchronized (lock) {
      syncStore();
      return containers.require(ref).info();
    }
  }

  @Override
  public Optional<ContainerInfo> findContainer(String ref) {
    synchronized (lock) {
      syncStore();
      return containers.find(ref).map(ContainerRecord::info);
    }
  }

  @Override
  public List<ContainerInfo> containers() {
    synchronized (lock) {
      syncStore();
      return containers.all().stream().map(ContainerRecord::info).collect(Collectors.toUnmodifiableList());
    }
  }

  // ---- inside a container ---------------------------------------------------------------------

  @Override
  public ExecResult exec(String containerRef, List<String> command) {
    synchronized (lock) {
      syncStore();
      return discovery.exec(containers.require(containerRef), List.copyOf(command), networks);
    }
  }

  @Override
  public List<IpAddress> resolve(String containerRef, String name) {
    synchronized (lock) {
      syncStore();
      return discovery.resolve(containers.require(containerRef), name, networks);
    }
  }

  // ---- processes (the implementation follows in the next commits) ------------------------------

  @Override
  public ContainerInfo stop(String ref, StopOptions options) {
    throw new UnsupportedOperationException("stop with options");
  }

  @Override
  public ContainerInfo restart(String ref, StopOptions options) {
    throw new UnsupportedOperationException("restart with options");
  }

  @Override
  public ContainerInfo kill(String ref, String signal) {
    throw new UnsupportedOperationException("kill");
  }

  @Override
  public List<LogEntry> logs(String ref, LogOptions options) {
    throw new UnsupportedOperationException("logs");
  }

  @Override
  public Subscription followLogs(String ref, LogOptions options, LogListener listener) {
    throw new UnsupportedOperationException("followLogs");
  }

  @Override
  public CompletableFuture<WaitResult> waitFor(String ref, WaitCondition condition) {
    throw new UnsupportedOperationException("waitFor");
  }

  @Override
  public WaitResult await(String ref, WaitCondition condition) {
    throw new UnsupportedOperationException("await");
  }

  @Override
  public ContainerInfo crash(String ref, int exitCode, boolean oomKilled) {
    throw new UnsupportedOperationException("crash");
  }

  @Override
  public List<Event> events(EventQuery query) {
    throw new UnsupportedOperationException("events");
  }

  @Override
  public Subscription subscribe(EventQuery query, EventListener listener) {
    throw new UnsupportedOperationException("subscribe");
  }

  @Override
  public EngineClock clock() {
    throw new UnsupportedOperationException("clock");
  }

  @Override
  public void advanceClock(Duration duration) {
    throw new UnsupportedOperationException("advanceClock");
  }
}
