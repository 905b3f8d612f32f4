package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.process.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Containers' configuration and networking: create (with the daemon's checks of the network mode,
 * restart policy, health check and stop signal), the networking of a start ({@link
 * #startNetworking}) and of an exit ({@link #teardown}), remove, rename, and network connect and
 * disconnect, each with Docker's messages and events. The process side of the lifecycle (start,
 * exit, restart policies, signals, stop) is {@link Lifecycle}'s, which calls these; {@link
 * #running} and {@link #exited} are the transitions both use (only a restore sets a saved state
 * directly). Endpoints are {@link Sandboxes}' work, the gateway endpoint {@link Gateways}', links
 * and {@code /etc/hosts} {@link ServiceDiscovery}'s. Called by {@link DefaultEngine} under its
 * lock; a failed operation leaves the engine as it was.
 */
final class Containers {
  private static final String NETWORKING_FAILED = "failed to set up container networking";

  private final EngineServices services;
  private final NetworkTable networks;
  private final ContainerTable containers;
  private final Sandboxes sandboxes;
  private final Gateways gateways;
  private final ServiceDiscovery discovery;
  private final Images images;
  private final EventLog events;
  /**
   * The last image a container was created from, the reference it was found by, and the image
   * store's version then: a {@code run} loop names one image again and again, which spares its
   * parsing while the store has not changed.
   */
  @GuardedBy("lock")
  private String lastImageRef;
  @GuardedBy("lock")
  private ImageRecord lastImage;
  @GuardedBy("lock")
  private long lastImageVersion = -1;

  /** Network modes of recent creates, shared by later equal ones ({@link #withSharedMode}). */
  @GuardedBy("lock")
  private final NetworkMode[] sharedModes = new NetworkMode[64];
  /** Specs without their names of recent creates, shared by later equal ones ({@link #sharedSpec}). */
  @GuardedBy("lock")
  private final ContainerSpec[] sharedSpecs = new ContainerSpec[64];
  /** The last spec {@link #sharedSpec} was given, and what it answered. */
  @GuardedBy("lock")
  private ContainerSpec lastGiven;
  @GuardedBy("lock")
  private ContainerSpec lastShared;

  Containers(EngineServices services, NetworkTable networks, ContainerTable containers, Sandboxes sandboxes,
      Gateways gateways, ServiceDiscovery discovery, Images images, EventLog events) {
    this.services = services;
    this.images = images;
    this.networks = networks;
    this.containers = containers;
    this.sandboxes = sandboxes;
    this.gateways = gateways;
    this.discovery = discovery;
    this.events = events;
  }

  // ---- create -------------------------------------------------------------------------------

  /** {@code docker create}. */
  ContainerInfo create(ContainerSpec spec) {
    return createRecord(spec).info();
  }

  /** {@code docker create}: the record, with its {@code create} event. */
  ContainerRecord createRecord(ContainerSpec given) {
    ContainerSpec spec = withSharedMode(given);
    NetworkMode mode = spec.networkMode();
    validateProcess(spec);
    validateNetworkMode(spec, mode);
    String id = newContainerId();
    Undo undo = new Undo();
    try {
      // The daemon finds the image before it reserves the name: a missing image is a 404 the
      // docker CLI answers with a pull, whatever the name.
      ImageRecord imageRecord = image(spec.image(), undo);
      ImageConfig image = imageRecord.config;
      EndpointSettings.validateCreate(spec.endpoints(), this::findQuietly);
      String name = spec.name().map(ContainerTable::validName)
          .orElseGet(() -> NameGenerator.freeName(services.random, containers::isNameFree, id));
      containers.reserve(name, id);
      undo.push(() -> containers.release(name));
      // moby's newContainer: a host-mode container without --hostname has the host's
      String hostname = spec.hostname().orElse(mode.isHost() ? services.host.hostName() : Ids.shortId(id));
      // --entrypoint replaces the image's ENTRYPOINT and drops its CMD (moby daemon/create.go).
      List<String> command = !spec.command().isEmpty() ? spec.command()
          : spec.entrypoint().isPresent() ? List.of() : imageRecord.cmd;
      ContainerRecord c = new ContainerRecord(id, name, sharedSpec(spec), spec.name().orElse(null), hostname,
          mergeEnv(imageRecord.env, spec.env()),
          command, exposedPorts(image, spec), services.clock.instant());
      c.entrypoint = spec.entrypoint().orElse(image.entrypoint());
      c.imageId = imageRecord.id;
      c.imageConfig = image;
      c.healthcheck = healthcheck(image, spec);
      c.stopSignal = spec.stopSignal().or(image::stopSignal).orElse(null);
      attachInitialNetworks(c, spec, mode);
      discovery.registerLinks(c, containers, undo);
      containers.add(c);
      undo.commit();
      images.publishEvents(); // the pull of a missing image, before the container's create
      events.container(c, "create");
      return c;
    } catch (RuntimeException e) {
      undo.rollback(e);
      throw e;
    }
  }

  /**
   * {@code spec} with its network mode replaced by an equal one an earlier container kept, if any:
   * a spec parsed or built per container carries its own mode and text (72 bytes), which the
   * record keeps for its life. A small direct-mapped table, so it never grows.
   */
  @GuardedBy("lock")
  private ContainerSpec withSharedMode(ContainerSpec spec) {
    NetworkMode mode = spec.networkMode();
    int slot = mode.hashCode() & (sharedModes.length - 1);
    NetworkMode known = sharedModes[slot];
    if (known == mode) {
      return spec;
    }
    if (mode.equals(known)) {
      return ContainerSpec.builder().from(spec).networkMode(known).build();
    }
    sharedModes[slot] = mode;
    return spec;
  }

  /**
   * {@code spec} without its name, or an equal one an earlier container kept: replicas differ only
   * in their names, and each would keep its own 96-byte spec for its life. A small direct-mapped
   * table, so it never grows.
   */
  @GuardedBy("lock")
  private ContainerSpec sharedSpec(ContainerSpec spec) {
    if (spec == lastGiven) {
      return lastShared; // the same spec object again (a loop of creates): no copy, no hash
    }
    ContainerSpec shared = sharedUnnamed(ContainerRecord.unnamed(spec));
    lastGiven = spec;
    lastShared = shared;
    return shared;
  }

  @GuardedBy("lock")
  private ContainerSpec sharedUnnamed(ContainerSpec unnamed) {
    int slot = unnamed.hashCode() & (sharedSpecs.length - 1);
    ContainerSpec known = sharedSpecs[slot];
    if (unnamed.equals(known)) {
      return known;
    }
    sharedSpecs[slot] = unnamed;
    return unnamed;
  }

  /** The network {@code ref} names, or empty also when it is ambiguous (moby ignores that error here). */
  private Optional<NetworkRecord> findQuietly(String ref) {
    try {
      return networks.find(ref);
    } catch (CnmException e) {
      return Optional.empty();
    }
  }

  /**
   * The daemon's checks of how the process runs ({@code verifyContainerSettings}): the stop signal,
   * the health check, the restart policy, and {@code --rm} with a restart policy.
   */
  private static void validateProcess(ContainerSpec spec) {
    if (spec.autoRemove() && !spec.restartPolicy().isNone()) {
      throw new InvalidParameterException("can't create 'AutoRemove' container with restart policy");
    }
    spec.stopSignal().ifPresent(Signal::parse);
    spec.healthcheck().ifPresent(Healthcheck::validate);
  }

  /** The image's health check with the container's flags merged in; null when there is none. */
  private static Healthcheck healthcheck(ImageConfig image, ContainerSpec spec) {
    if (spec.healthcheck().isEmpty()) {
      return image.healthcheck().orElse(null);
    }
    return image.healthcheck().map(h -> h.mergedWith(spec.healthcheck().get())).orElse(spec.healthcheck().get());
  }

  /** The image a new container of {@code ref} uses ({@link Images#forCreate}), remembered while the store is unchanged. */
  private ImageRecord image(String ref, Undo undo) {
    ImageTable table = images.table();
    if (ref.equals(lastImageRef) && lastImageVersion == table.version()) {
      return lastImage;
    }
    ImageRecord image = images.forCreate(ref, undo);
    lastImage = image;
    lastImageRef = ref;
    lastImageVersion = table.version();
    return image;
  }

  /**
   * moby's {@code merge} of the environment: the container's entries, then the image's whose
   * name the container does not set.
   */
  static List<String> mergeEnv(List<String> image, List<String> container) {
    if (container.isEmpty()) {
      return List.copyOf(image); // share the image's list instead of a copy per container
    }
    List<String> merged = new ArrayList<>(container);
    java.util.Set<String> keys = new java.util.HashSet<>();
    container.forEach(e -> keys.add(envKey(e)));
    for (String e : image) {
      if (!keys.contains(envKey(e))) {
        merged.add(e);
      }
    }
    return List.copyOf(merged);
  }

  private static String envKey(String entry) {
    int eq = entry.indexOf('=');
    return eq < 0 ? entry : entry.substring(0, eq);
  }

  private static List<ExposedPort> exposedPorts(ImageConfig image, ContainerSpec spec) {
    if (image.exposedPorts().isEmpty() && spec.exposedPorts().isEmpty() && spec.portBindings().isEmpty()) {
      return List.of();
    }
    TreeSet<ExposedPort> ports = new TreeSet<>(image.exposedPorts());
    ports.addAll(spec.exposedPorts());
    spec.portBindings().forEach(b -> ports.add(b.containerPort()));
    return List.copyOf(ports);
  }

  private String newContainerId() {
    while (true) {
      String id = Ids.newId(services.random);
      if (containers.isIdFree(id)) {
        return id;
      }
    }
  }

  /** The daemon's create-time checks of the network mode ({@code runconfig} validation). */
  private static void validateNetworkMode(ContainerSpec spec, NetworkMode mode) {
    boolean mac = spec.endpoints().values().stream().anyMatch(e -> e.macAddress().isPresent());
    if (mode.isContainer()) {
      if (spec.hostname().isPresent()) {
        throw new InvalidParameterException("conflicting options: hostname and the network mode");
      }
      if (!spec.links().isEmpty()) {
        throw new InvalidParameterException("conflicting options: container type network can't be used with links. "
            + "This would result in undefined behavior");
      }
      if (!spec.dns().isEmpty()) {
        throw new InvalidParameterException("conflicting options: dns and the network mode");
      }
      if (!spec.extraHosts().isEmpty()) {
        throw new InvalidParameterException("conflicting options: custom host-to-IP mapping and the network mode");
      }
    }
    if (mode.isContainer() && mac) {
      throw new InvalidParameterException("conflicting options: mac-address and the network mode");
    }
    if (mode.isContainer() && (!spec.portBindings().isEmpty() || spec.publishAllPorts())) {
      throw new InvalidParameterException("conflicting options: port publishing and the container type network mode");
    }
    if (mode.isContainer() && !spec.exposedPorts().isEmpty()) {
      throw new InvalidParameterException("conflicting options: port exposing and the container type network mode");
    }
    if (mode.isHost() && mac) {
      throw new InvalidParameterException("conflicting options: mac-address and the network mode");
    }
    if (mode.isHost() && !spec.links().isEmpty()) {
      throw new InvalidParameterException("conflicting options: host type networking can't be used with links. "
          + "This would result in undefined behavior");
    }
  }

  private void attachInitialNetworks(ContainerRecord c, ContainerSpec spec, NetworkMode mode) {
    if (mode.isContainer()) {
      return;
    }
    String first = mode.networkName();
    Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
    endpoints.put(first, spec.endpoints().getOrDefault(first,
        spec.endpoints().getOrDefault("default", EndpointSpec.empty())));
    spec.endpoints().forEach((k, v) -> {
      if (!k.equals("default") && !NetworkMode.network(k).networkName().equals(first)) {
        endpoints.put(k, v);
      }
    });
    for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
      Optional<NetworkRecord> n = networks.find(e.getKey());
      boolean userDefined = n.map(NetworkRecord::isUserDefined)
          .orElse(NetworkMode.network(e.getKey()).isUserDefined());
      checkAliases(userDefined, e.getValue());
      String name = n.map(r -> r.name).orElse(NetworkMode.network(e.getKey()).networkName());
      c.attachments.put(name, new Attachment(name, n.map(r -> r.id).orElse(""), e.getValue()));
    }
  }

  private static void checkAliases(boolean userDefined, EndpointSpec spec) {
    if (!userDefined && !spec.aliases().isEmpty()) {
      throw new InvalidParameterException("network-scoped aliases are only supported for user-defined networks");
    }
  }

  // ---- start and exit: the networking ---------------------------------------------------------

  /**
   * Gives the container its sandbox and an endpoint on each network it is attached to, or (in
   * {@code container:} mode) its target's sandbox, and makes it running ({@link #running}); a
   * failure undoes every join and is wrapped as Docker wraps it. Records the {@code connect}
   * events; the {@code start} event is the caller's.
   */
  void startNetworking(ContainerRecord c) {
    if (c.mode().isContainer()) {
      // The daemon resolves the shared namespace before it allocates any network: no wrapping
      // (moby daemon/container_operations.go getNetworkedContainer).
      ContainerRecord target = containers.require(c.mode().target());
      if (target == c) {
        throw new InvalidParameterException("cannot join own network namespace");
      }
      if (target.isRestarting()) {
        // moby: Running and Restarting both hold while a restart waits, so this comes first here.
        throw new ConflictException("cannot join network namespace of container: Container " + c.mode().target()
            + " is restarting, wait until the container is running");
      }
      if (!target.isRunning()) {
        throw new ConflictException("cannot join network namespace of a non running container: container "
            + target.name + " is " + target.status);
      }
    }
    discovery.checkLinks(c);
    Undo undo = new Undo();
    try {
      if (c.mode().isContainer()) {
        ContainerRecord target = containers.require(c.mode().target());
        c.sharedWith = target;
        target.everShared = true;
        undo.push(() -> c.sharedWith = null);
        // moby's initializeNetworking: the container takes its target's Config.Hostname
        String own = c.hostname();
        c.hostname(target.hostname());
        undo.push(() -> c.hostname(own));
      } else {
        SandboxRecord sb = new SandboxRecord(Ids.newIdBits(services.random));
        c.sandbox = sb;
        undo.push(() -> c.sandbox = null);
        for (Map.Entry<String, Attachment> e : new ArrayList<>(c.attachments.entrySet())) {
          Attachment a = e.getValue();
          NetworkRecord n = a.networkId.isEmpty() ? networks.require(a.networkName) : findById(a.networkId);
          if (a.networkId.isEmpty()) {
            Attachment resolved = new Attachment(n.name, n.id, a.settings);
            c.attachments.put(e.getKey(), resolved);
            undo.push(() -> c.attachments.put(e.getKey(), a));
          }
          EndpointSettings.validate(n, a.settings);
          sandboxes.join(c, sb, n, JoinPlan.endpoint(a.settings, discovery.joinOptions(c, n, containers.all())), undo);
        }
        gateways.settle(c, undo);
      }
      running(c);
      undo.commit();
      discovery.started(c, containers.all());
    } catch (CnmException e) {
      undo.rollback(e);
      throw e.wrap(NETWORKING_FAILED);
    } catch (RuntimeException e) {
      undo.rollback(e);
      throw e;
    }
    if (c.sandbox != null) {
      for (EndpointRecord ep : c.sandbox.endpoints()) {
        if (!ep.isGatewayBridge()) {
          events.network("connect", ep.network.id, ep.network.name, ep.network.driver.type(), c.id);
        }
      }
    }
  }

  private NetworkRecord findById(String id) {
    NetworkRecord n = networks.byExactId(id);
    if (n == null) {
      throw NetworkTable.notFound(id);
    }
    return n;
  }

  /**
   * Tears the sandbox down (ports, then endpoints in reverse join order) when the process exited;
   * never fails. Records the {@code disconnect} events (in join order, as dockerd's {@code
   * releaseNetwork} walks the networks); the state is the caller's to set.
   */
  void teardown(ContainerRecord c) {
    if (c.sandbox != null) {
      SandboxRecord sb = c.sandbox;
      List<EndpointRecord> eps = new ArrayList<>(sb.endpoints());
      gateways.release(sb);
      for (int i = eps.size() - 1; i >= 0; i--) {
        sandboxes.leave(sb, eps.get(i));
      }
      c.sandbox = null;
      orphanSharers(c);
      for (EndpointRecord ep : eps) {
        if (!ep.isGatewayBridge()) {
          events.network("disconnect", ep.network.id, ep.network.name, ep.network.driver.type(), c.id);
        }
      }
    }
    c.sharedWith = null;
    c.networkGone = false;
  }

  /**
   * The transition to running: the start time, the exit code, error and out-of-memory mark of the
   * previous run cleared, and a process id.
   */
  private void running(ContainerRecord c) {
    c.status = ContainerStatus.RUNNING;
    Instant started = services.clock.instant();
    c.startedAt(Optional.of(started));
    c.exitCode = 0;
    c.error = "";
    c.oomKilled = false;
    c.pid = pid(c.id, started);
  }

  /**
   * The transition out of running: exited, or restarting when the restart policy restarts it, with
   * the finish time and the exit code.
   */
  void exited(ContainerRecord c, int exitCode, boolean restarting) {
    c.status = restarting ? ContainerStatus.RESTARTING : ContainerStatus.EXITED;
    c.finishedAt(Optional.of(services.clock.instant()));
    c.exitCode = exitCode;
    c.pid = 0;
  }

  /**
   * A stand-in process id in [1000, 65535], from the container id and the start time: deterministic
   * under a seed, new at every start, and drawn without the engine's random source, whose sequence
   * gives ids, names and MACs. A SplitMix64 finaliser: cheap, since every start takes one.
   */
  static int pid(String id, Instant started) {
    long h = id.hashCode() * 0x9E3779B97F4A7C15L ^ started.getEpochSecond() * 0xBF58476D1CE4E5B9L ^ started.getNano();
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    return 1000 + (int) Math.floorMod(h, 64536L);
  }

  /**
   * The running containers in {@code container:} mode on {@code c} (and on them, in turn) keep
   * running in a network namespace Docker has emptied: they are left with loopback only, no
   * endpoint, no ports, and a restart of {@code c} does not give them its new sandbox. Restarting
   * them joins {@code c}'s namespace again (or fails while {@code c} is stopped).
   */
  private void orphanSharers(ContainerRecord c) {
    if (!c.everShared) {
      return; // nobody ever joined its namespace: no need to pass over every container
    }
    for (ContainerRecord s : containers.all()) {
      if (s.isRunning() && s.sharedWith == c && !s.networkGone) {
        s.networkGone = true;
        orphanSharers(s);
      }
    }
  }

  // ---- remove, rename -----------------------------------------------------------------------

  /**
   * Takes a stopped container out of the engine: its links, its name, its record; records the
   * {@code destroy} event. Waiters and timers are the caller's.
   */
  void removeRecord(ContainerRecord c) {
    forgetRecord(c);
    events.container(c, "destroy");
  }

  /** {@link #removeRecord} without its event: a container whose creation is undone. */
  void forgetRecord(ContainerRecord c) {
    discovery.removed(c, containers);
    containers.release(c.name);
    containers.remove(c);
  }

  /** {@code docker rename}: the name, the link paths and the DNS names on user-defined networks move. */
  ContainerInfo rename(String ref, String newName) {
    if (ref.isEmpty() || newName.isEmpty()) {
      throw new InvalidParameterException("Neither old nor new names may be empty");
    }
    ContainerRecord c = containers.require(ref);
    String wanted = newName.startsWith("/") ? newName.substring(1) : newName;
    if (wanted.equals(c.name)) {
      throw new InvalidParameterException("Renaming a container with the same name as its current name");
    }
    String valid;
    try {
      valid = ContainerTable.validName(newName); // strips the one leading slash Docker allows
      containers.reserve(valid, c.id);
    } catch (CnmException e) {
      throw e.wrap("Error when allocating new name");
    }
    String oldName = c.name;
    containers.release(c.name);
    c.name = valid;
    discovery.renamed(c, oldName, containers);
    if (c.sandbox != null) {
      for (EndpointRecord ep : c.sandbox.endpoints()) {
        if (!ep.isGatewayBridge()) {
          ep.network.unindexDnsNames(ep);
          ep.dnsNames(Sandboxes.dnsNames(c, ep.network, ep.settings));
          ep.network.indexDnsNames(ep);
          if (ep.network.inStore) {
            updateStoredEndpoint(ep); // the other hosts resolve the new name
          }
        }
      }
    }
    events.container(c, "rename", Map.of("oldName", "/" + oldName));
    return c.info();
  }

  /** Rewrites a renamed endpoint's record in the cluster store; the local rename stands if that fails. */
  private void updateStoredEndpoint(EndpointRecord ep) {
    try {
      services.global.updateEndpoint(ep.network, ep);
    } catch (CnmException e) {
      // Docker's rename does not fail on the network side either (it logs); the next rename or
      // restart writes the record again.
    }
  }

  // ---- connect, disconnect ------------------------------------------------------------------

  /**
   * {@code docker network connect}: a stopped container only stores the settings (an unknown
   * network fails at start); a running one gets its endpoint now.
   */
  ContainerInfo connect(String networkRef, String containerRef, EndpointSpec spec) {
    ContainerRecord c = containers.require(containerRef);
    if (c.mode().isContainer()) {
      throw new ForbiddenException(
          "container sharing network namespace with another container or host cannot be connected to any other network");
    }
    Optional<NetworkRecord> found = networks.find(networkRef);
    if (c.mode().isHost() || found.map(n -> n.driver.type().equals("host")).orElse(false)) {
      throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
    }
    if (c.mode().isNone() || found.map(n -> n.driver.type().equals("null")).orElse(false)) {
      throw new ForbiddenException(
          "container cannot be connected to multiple networks with one of the networks in private (none) mode");
    }
    if (!c.isRunning()) {
      String name = found.map(n -> n.name).orElse(networkRef);
      checkAliases(found.map(n -> n.isUserDefined()).orElse(true), spec);
      found.ifPresent(n -> EndpointSettings.validate(n, spec));
      c.attachments.put(name, new Attachment(name, found.map(n -> n.id).orElse(""), spec));
      return c.info();
    }
    NetworkRecord n = found.orElseThrow(() -> NetworkTable.notFound(networkRef));
    checkAliases(n.isUserDefined(), spec);
    EndpointSettings.validate(n, spec);
    if (c.endpointOn(n.id).isPresent()) {
      throw new ForbiddenException("endpoint with name " + c.name + " already exists in network " + n.name);
    }
    Undo undo = new Undo();
    try {
      Attachment previous = c.attachments.put(n.name, new Attachment(n.name, n.id, spec));
      undo.push(() -> restore(c.attachments, n.name, previous));
      sandboxes.join(c, c.sandbox, n, JoinPlan.endpoint(spec, discovery.joinOptions(c, n, containers.all())), undo);
      gateways.settle(c, undo);
      undo.commit();
    } catch (RuntimeException e) {
      undo.rollback(e);
      throw e;
    }
    events.network("connect", n.id, n.name, n.driver.type(), c.id);
    return c.info();
  }

  private static void restore(Map<String, Attachment> map, String key, Attachment previous) {
    if (previous == null) {
      map.remove(key);
    } else {
      map.put(key, previous);
    }
  }

  /**
   * {@code docker network disconnect}: a stopped container forgets the settings; a running one
   * leaves the network now.
   */
  ContainerInfo disconnect(String networkRef, String containerRef, boolean force) {
    ContainerRecord c = containers.require(containerRef);
    Optional<NetworkRecord> found = networks.find(networkRef);
    if (c.mode().isHost() || found.map(n -> n.driver.type().equals("host")).orElse(false)) {
      throw new ForbiddenException("container cannot be disconnected from host network or connected to host network");
    }
    if (!c.isRunning()) {
      String key = found.map(n -> n.name).orElse(networkRef);
      if (c.attachments.remove(key) == null) {
        throw new SystemException("container " + c.id + " is not connected to the network " + networkRef);
      }
      return c.info();
    }
    NetworkRecord n = found.orElseThrow(() -> NetworkTable.notFound(networkRef));
    Optional<EndpointRecord> ep = c.endpointOn(n.id);
    if (ep.isEmpty()) {
      throw new SystemException("container " + c.id + " is not connected to network " + n.name);
    }
    c.attachments.remove(n.name);
    gateways.leave(c, ep.get());
    events.network("disconnect", n.id, n.name, n.driver.type(), c.id);
    return c.info();
  }
}
