package dev.cnm.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.BuildResult;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ImageHistoryItem;
import dev.cnm.api.image.ImageService;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.image.PullResult;
import dev.cnm.api.net.IpAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine's single API, as Jimfs' {@code JimfsFileStore} is for its file system: it owns the
 * lock and the tables (networks, containers, images), and every operation takes the lock, brings the cluster's global
 * networks in ({@link #syncStore}, one store read per operation), and hands over to the class
 * whose job it is: {@link Networks} for networks, {@link Containers} for the container lifecycle,
 * {@link Images} and {@link ImageBuilder} for images,
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
  @GuardedBy("lock")
  private final ImageTable imageTable = new ImageTable();
  private final Images imageOps;
  private final ImageBuilder imageBuilder;
  private final ImageService imageService = new EngineImages();
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
    this.imageOps = new Images(services, imageTable, containers);
    this.imageBuilder = new ImageBuilder(services, imageTable, imageOps);
    this.containerOps = new Containers(services, networks, containers, sandboxes, gateways, discovery, imageOps);
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
      EngineExport.writeImages(root, imageTable);
    }
  }

  /** Recreates the networks and containers of a state document in this engine, built without any. */
  void restoreState(JsonNode root) {
    synchronized (lock) {
      syncStore();
      EngineRestore.restoreImages(root, imageTable);
      new EngineRestore(services, networks, containers, networkOps, sandboxes, gateways, discovery, imageTable)
          .restore(root);
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
      synchronized (lock) {
        syncStore();
        return atomically(() -> imageOps.pull(reference, false, progress));
      }
    }

    @Override
    public PullResult pullAllTags(String repository, Consumer<ProgressMessage> progress) {
      requireNonNull(repository, "repository");
      requireNonNull(progress, "progress");
      synchronized (lock) {
        syncStore();
        return atomically(() -> imageOps.pull(repository, true, progress));
      }
    }

    @Override
    public Image image(String ref) {
      requireNonNull(ref, "ref");
      synchronized (lock) {
        syncStore();
        return imageOps.image(ref);
      }
    }

    @Override
    public Optional<Image> findImage(String ref) {
      requireNonNull(ref, "ref");
      synchronized (lock) {
        syncStore();
        return imageOps.find(ref);
      }
    }

    @Override
    public List<Image> images() {
      synchronized (lock) {
        syncStore();
        return imageOps.list();
      }
    }

    @Override
    public Image tag(String source, String target) {
      requireNonNull(source, "source");
      requireNonNull(target, "target");
      synchronized (lock) {
        syncStore();
        return atomically(() -> imageOps.tag(source, target));
      }
    }

    @Override
    public List<ImageDeleteItem> remove(String ref, boolean force, boolean noPrune) {
      requireNonNull(ref, "ref");
      synchronized (lock) {
        syncStore();
        return atomically(() -> List.copyOf(imageOps.remove(ref, force, !noPrune)));
      }
    }

    @Override
    public BuildResult build(BuildRequest request, Consumer<ProgressMessage> progress) {
      requireNonNull(request, "request");
      requireNonNull(progress, "progress");
      synchronized (lock) {
        syncStore();
        return atomically(() -> imageBuilder.build(request, progress));
      }
    }

    @Override
    public List<ImageHistoryItem> history(String ref) {
      requireNonNull(ref, "ref");
      synchronized (lock) {
        syncStore();
        return imageOps.history(ref);
      }
    }

    /** Runs an image operation; when it fails, the image store is put back as it was. */
    @GuardedBy("lock")
    private <T> T atomically(Supplier<T> op) {
      ImageTable.Snapshot before = imageTable.snapshot();
      try {
        return op.get();
      } catch (RuntimeException e) {
        imageTable.restore(before);
        throw e;
      }
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
}
