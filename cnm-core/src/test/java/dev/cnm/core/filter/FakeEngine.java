package dev.cnm.core.filter;

import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.DisconnectOption;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.Scope;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PublishedPort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link Engine} that only holds snapshots, for the filters' own tests (core's tests cannot use
 * the real drivers): networks and containers are built as values, removal takes them out, and a
 * name in {@link #busy} refuses removal, as a network a container started on meanwhile does.
 */
final class FakeEngine implements Engine {
  final List<NetworkInfo> networks = new ArrayList<>();
  final List<ContainerInfo> containers = new ArrayList<>();
  final Set<String> busy = new HashSet<>();

  FakeEngine(Instant start) {
    for (String name : List.of("bridge", "host", "none")) {
      networks.add(builder(name, start, Map.of(), false).predefined(true)
          .driver(name.equals("none") ? "null" : name).build());
    }
  }

  static String id(String name) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A bridge network; {@code inUse} gives it an endpoint of a running container. */
  private static NetworkInfo.Builder builder(String name, Instant created, Map<String, String> labels, boolean inUse) {
    NetworkInfo.Builder b = NetworkInfo.builder().id(id("net:" + name)).name(name).driver("bridge")
        .scope(Scope.LOCAL).created(created).enableIpv4(true).enableIpv6(false).ipamDriver("default")
        .internal(false).attachable(false).ingress(false).labels(labels).predefined(false);
    if (inUse) {
      b.addEndpoint(EndpointInfo.builder().id(id("ep:" + name)).name("c").containerId(id("c"))
          .networkId(id("net:" + name)).networkName(name).interfaceName("eth0").build());
    }
    return b;
  }

  NetworkInfo addNetwork(String name, Instant created, Map<String, String> labels, boolean inUse) {
    NetworkInfo n = builder(name, created, labels, inUse).build();
    networks.add(n);
    return n;
  }

  /** A container on {@code nets} (by name), publishing {@code published} ({@code hostPort:port/proto}). */
  ContainerInfo addContainer(String name, String image, ContainerStatus status, Instant created,
      Map<String, String> labels, List<String> nets, List<String> exposed, List<String> published) {
    ContainerInfo.Builder b = ContainerInfo.builder().id(id("c:" + name)).name(name).image(image)
        .hostname(name).domainname("").status(status).created(created).labels(labels)
        .spec(ContainerSpec.of(image)).networkMode(NetworkMode.parse(nets.isEmpty() ? "bridge" : nets.get(0)));
    if (status != ContainerStatus.CREATED) {
      b.startedAt(created.plusMillis(10));
    }
    for (String n : nets) {
      b.putNetwork(n, AttachedNetwork.builder().networkName(n).networkId(id("net:" + n))
          .settings(EndpointSpec.builder().build()).build());
    }
    for (String e : exposed) {
      b.addExposedPort(ExposedPort.parse(e));
    }
    if (status == ContainerStatus.RUNNING) {
      for (String p : published) {
        int colon = p.indexOf(':');
        ExposedPort port = ExposedPort.parse(p.substring(colon + 1));
        b.addPort(PublishedPort.of(port, IpAddress.parse("0.0.0.0"), Integer.parseInt(p.substring(0, colon))));
      }
    }
    ContainerInfo c = b.build();
    containers.add(c);
    return c;
  }

  @Override
  public List<NetworkInfo> networks() {
    return List.copyOf(networks);
  }

  @Override
  public List<ContainerInfo> containers() {
    return List.copyOf(containers);
  }

  @Override
  public void removeNetwork(String ref) {
    NetworkInfo n = networks.stream().filter(x -> x.id().equals(ref)).findFirst()
        .orElseThrow(() -> new NotFoundException("network " + ref + " not found"));
    if (busy.contains(n.name())) {
      throw new ForbiddenException("error while removing network: network " + n.name() + " has active endpoints");
    }
    networks.remove(n);
  }

  @Override
  public void removeContainer(String ref, RemoveOption... options) {
    ContainerInfo c = containers.stream().filter(x -> x.id().equals(ref)).findFirst()
        .orElseThrow(() -> new NotFoundException("No such container: " + ref));
    if (busy.contains(c.name())) {
      throw new ConflictException("container is running");
    }
    containers.remove(c);
  }

  // ---- what the filters never call -----------------------------------------------------------

  @Override
  public NetworkInfo createNetwork(NetworkSpec spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public NetworkInfo network(String ref) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<NetworkInfo> findNetwork(String ref) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<String> pruneNetworks() {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo disconnect(String networkRef, String containerRef, DisconnectOption... options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo createContainer(ContainerSpec spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo start(String ref) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo run(ContainerSpec spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo stop(String ref) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo restart(String ref) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo rename(String ref, String newName) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo container(String ref) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<ContainerInfo> findContainer(String ref) {
    return containers.stream().filter(c -> c.name().equals(ref) || c.id().equals(ref)).findFirst();
  }

  /** No image: the containers here are snapshots with stand-in image ids. */
  @Override
  public dev.cnm.api.image.ImageService images() {
    return new dev.cnm.api.image.ImageService() {
      @Override
      public dev.cnm.api.image.PullResult pull(String reference,
          java.util.function.Consumer<dev.cnm.api.image.ProgressMessage> progress) {
        throw new UnsupportedOperationException("no registry");
      }

      @Override
      public dev.cnm.api.image.PullResult pullAllTags(String repository,
          java.util.function.Consumer<dev.cnm.api.image.ProgressMessage> progress) {
        throw new UnsupportedOperationException("no registry");
      }

      @Override
      public dev.cnm.api.image.Image image(String ref) {
        throw new dev.cnm.api.error.NotFoundException("No such image: " + ref);
      }

      @Override
      public java.util.Optional<dev.cnm.api.image.Image> findImage(String ref) {
        return java.util.Optional.empty();
      }

      @Override
      public List<dev.cnm.api.image.Image> images() {
        return List.of();
      }

      @Override
      public dev.cnm.api.image.Image tag(String source, String target) {
        throw new dev.cnm.api.error.NotFoundException("No such image: " + source);
      }

      @Override
      public List<dev.cnm.api.image.ImageDeleteItem> remove(String ref, boolean force, boolean noPrune) {
        throw new dev.cnm.api.error.NotFoundException("No such image: " + ref);
      }

      @Override
      public dev.cnm.api.image.BuildResult build(dev.cnm.api.image.BuildRequest request,
          java.util.function.Consumer<dev.cnm.api.image.ProgressMessage> progress) {
        throw new UnsupportedOperationException("no builder");
      }

      @Override
      public List<dev.cnm.api.image.ImageHistoryItem> history(String ref) {
        throw new dev.cnm.api.error.NotFoundException("No such image: " + ref);
      }
    };
  }

  @Override
  public ExecResult exec(String containerRef, List<String> command) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String createExec(String containerRef, dev.cnm.api.ExecSpec spec) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ExecResult startExec(String execId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<IpAddress> resolve(String containerRef, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo stop(String ref, dev.cnm.api.StopOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo restart(String ref, dev.cnm.api.StopOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo kill(String ref, String signal) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<dev.cnm.api.process.LogEntry> logs(String ref, dev.cnm.api.process.LogOptions options) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.cnm.api.process.Subscription followLogs(String ref, dev.cnm.api.process.LogOptions options,
      dev.cnm.api.process.LogListener listener) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.cnm.api.process.Subscription attach(String ref, dev.cnm.api.process.LogListener listener) {
    throw new UnsupportedOperationException();
  }

  @Override
  public java.util.concurrent.CompletableFuture<dev.cnm.api.process.WaitResult> waitFor(String ref,
      dev.cnm.api.process.WaitCondition condition) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.cnm.api.process.WaitResult await(String ref, dev.cnm.api.process.WaitCondition condition) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ContainerInfo crash(String ref, int exitCode, boolean oomKilled) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<dev.cnm.api.event.Event> events(dev.cnm.api.event.EventQuery query) {
    throw new UnsupportedOperationException();
  }

  @Override
  public dev.cnm.api.process.Subscription subscribe(dev.cnm.api.event.EventQuery query,
      dev.cnm.api.event.EventListener listener) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String hostName() {
    return "localhost";
  }

  @Override
  public dev.cnm.api.process.EngineClock clock() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void advanceClock(java.time.Duration duration) {
    throw new UnsupportedOperationException();
  }
}
