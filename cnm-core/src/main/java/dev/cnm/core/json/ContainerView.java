package dev.cnm.core.json;

import static dev.cnm.core.json.Nodes.array;
import static dev.cnm.core.json.Nodes.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.HealthCheckResult;
import dev.cnm.api.HealthState;
import dev.cnm.api.HealthStatus;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code ContainerJSON} (moby {@code container.InspectResponse}, API 1.50) and the {@code
 * container.Summary} list item. Field order is the Go struct order; see the comments on each
 * method for the values Docker 28 gives fields the model does not track.
 */
final class ContainerView {
  private static final String CONTAINERS_DIR = "/var/lib/docker/containers/";
  private static final String NETNS_DIR = "/var/run/docker/netns/";
  private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

  /** Docker 28's default {@code HostConfig.MaskedPaths} (moby {@code oci/defaults.go}). */
  private static final List<String> MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/interrupts",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  private static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private ContainerView() {}

  // ---- GET /containers/{id}/json --------------------------------------------------------------

  static ObjectNode inspect(ContainerInfo c, ContainerJsonInput in) {
    boolean started = c.startedAt().isPresent();
    ObjectNode o = object();
    o.put("Id", c.id());
    o.put("Created", DockerTime.format(c.created()));
    List<String> program = program(c);
    o.put("Path", program.isEmpty() ? "" : program.get(0));
    o.set("Args", Nodes.strings(program.isEmpty() ? List.of() : program.subList(1, program.size())));
    o.set("State", state(c));
    o.put("Image", imageId(c, in));
    // The daemon sets these paths when the container first starts.
    String dir = CONTAINERS_DIR + c.id() + "/";
    o.put("ResolvConfPath", started ? dir + "resolv.conf" : "");
    o.put("HostnamePath", started ? dir + "hostname" : "");
    o.put("HostsPath", started ? dir + "hosts" : "");
    o.put("LogPath", started ? dir + c.id() + "-json.log" : "");
    o.put("Name", "/" + c.name());
    o.put("RestartCount", c.restartCount());
    o.put("Driver", "overlay2");
    o.put("Platform", "linux");
    o.put("MountLabel", "");
    o.put("ProcessLabel", "");
    o.put("AppArmorProfile", "docker-default");
    o.set("ExecIDs", NullNode.instance);
    o.set("HostConfig", hostConfig(c, in));
    // The model has no image layers: the driver's data is nil, as the reference document shows.
    o.set("GraphDriver", object().putNull("Data").put("Name", "overlay2"));
    o.set("Mounts", array());
    o.set("Config", config(c, in));
    o.set("NetworkSettings", networkSettings(c, in));
    return o;
  }

  /**
   * {@code State}: a restarting container is {@code Running} and {@code Restarting} at once, with
   * no process ({@code Pid} 0), as moby's {@code SetRestarting} leaves it; {@code Health} only once
   * a container with a health check has started.
   */
  private static ObjectNode state(ContainerInfo c) {
    ObjectNode s = object();
    s.put("Status", c.status().toString());
    s.put("Running", c.isRunning() || c.isRestarting());
    s.put("Paused", false);
    s.put("Restarting", c.isRestarting());
    s.put("OOMKilled", c.oomKilled());
    s.put("Dead", false);
    s.put("Pid", c.isRunning() ? pid(c) : 0);
    s.put("ExitCode", c.exitCode());
    s.put("Error", c.error());
    s.put("StartedAt", DockerTime.format(c.startedAt()));
    s.put("FinishedAt", DockerTime.format(c.finishedAt()));
    c.health().ifPresent(h -> s.set("Health", health(h)));
    return s;
  }

  /** {@code State.Health}: {@code Status}, {@code FailingStreak}, {@code Log} (oldest first). */
  static ObjectNode health(HealthState h) {
    ObjectNode o = object();
    o.put("Status", h.status().toString());
    o.put("FailingStreak", h.failingStreak());
    ArrayNode log = array();
    for (HealthCheckResult r : h.log()) {
      log.add(object().put("Start", DockerTime.format(r.start())).put("End", DockerTime.format(r.end()))
          .put("ExitCode", r.exitCode()).put("Output", r.output()));
    }
    o.set("Log", log);
    return o;
  }

  /** {@code Config.Healthcheck}: durations in nanoseconds; zero values left out. */
  private static ObjectNode healthcheck(Healthcheck h) {
    ObjectNode o = object();
    if (!h.test().isEmpty()) {
      o.set("Test", Nodes.strings(h.test()));
    }
    h.interval().filter(d -> !d.isZero()).ifPresent(d -> o.put("Interval", d.toNanos()));
    h.timeout().filter(d -> !d.isZero()).ifPresent(d -> o.put("Timeout", d.toNanos()));
    h.startPeriod().filter(d -> !d.isZero()).ifPresent(d -> o.put("StartPeriod", d.toNanos()));
    h.startInterval().filter(d -> !d.isZero()).ifPresent(d -> o.put("StartInterval", d.toNanos()));
    if (h.retries() != 0) {
      o.put("Retries", h.retries());
    }
    return o;
  }

  /**
   * {@code HostConfig} of a container made by {@code docker run -d} on Docker 28 with cgroup v2
   * and runc: every field, the ones the model does not track at Docker's defaults.
   */
  private static ObjectNode hostConfig(ContainerInfo c, ContainerJsonInput in) {
    ObjectNode h = object();
    h.putNull("Binds");
    h.put("ContainerIDFile", "");
    h.set("LogConfig", object().put("Type", "json-file").set("Config", object()));
    h.put("NetworkMode", c.networkMode().toString());
    h.set("PortBindings", Nodes.sortedObject(portBindings(c, in), ContainerView::bindings));
    h.set("RestartPolicy", object().put("Name", c.spec().restartPolicy().mode().toString())
        .put("MaximumRetryCount", c.spec().restartPolicy().maximumRetryCount()));
    h.put("AutoRemove", c.spec().autoRemove());
    h.put("VolumeDriver", "");
    h.putNull("VolumesFrom");
    h.set("ConsoleSize", array().add(0).add(0));
    h.putNull("CapAdd");
    h.putNull("CapDrop");
    h.put("CgroupnsMode", "private");
    h.set("Dns", Nodes.strings(c.spec().dns()));
    h.set("DnsOptions", array());
    h.set("DnsSearch", array());
    h.set("ExtraHosts", Nodes.stringsOrNull(c.spec().extraHosts()));
    h.putNull("GroupAdd");
    h.put("IpcMode", "private");
    h.put("Cgroup", "");
    h.set("Links", Nodes.stringsOrNull(hostConfigLinks(c, in)));
    h.put("OomScoreAdj", 0);
    h.put("PidMode", "");
    h.put("Privileged", false);
    h.put("PublishAllPorts", in.publishAllPorts() || c.spec().publishAllPorts());
    h.put("ReadonlyRootfs", false);
    h.putNull("SecurityOpt");
    h.put("UTSMode", "");
    h.put("UsernsMode", "");
    h.put("ShmSize", 67108864L);
    h.put("Runtime", "runc");
    h.put("Isolation", "");
    // container.Resources, embedded.
    h.put("CpuShares", 0);
    h.put("Memory", 0);
    h.put("NanoCpus", 0);
    h.put("CgroupParent", "");
    h.put("BlkioWeight", 0);
    h.set("BlkioWeightDevice", array());
    h.set("BlkioDeviceReadBps", array());
    h.set("BlkioDeviceWriteBps", array());
    h.set("BlkioDeviceReadIOps", array());
    h.set("BlkioDeviceWriteIOps", array());
    h.put("CpuPeriod", 0);
    h.put("CpuQuota", 0);
    h.put("CpuRealtimePeriod", 0);
    h.put("CpuRealtimeRuntime", 0);
    h.put("CpusetCpus", "");
    h.put("CpusetMems", "");
    h.set("Devices", array());
    h.putNull("DeviceCgroupRules");
    h.putNull("DeviceRequests");
    h.put("MemoryReservation", 0);
    h.put("MemorySwap", 0);
    h.putNull("MemorySwappiness");
    h.putNull("OomKillDisable");
    h.putNull("PidsLimit");
    h.set("Ulimits", array());
    h.put("CpuCount", 0);
    h.put("CpuPercent", 0);
    h.put("IOMaximumIOps", 0);
    h.put("IOMaximumBandwidth", 0);
    h.set("MaskedPaths", Nodes.strings(MASKED_PATHS));
    h.set("ReadonlyPaths", Nodes.strings(READONLY_PATHS));
    return h;
  }

  /**
   * {@code HostConfig.Links}: the daemon rebuilds it from the registered children as {@code
   * <child name>:<link path>}, e.g. {@code /web:/lnk/w}; only containers on the default bridge
   * have such links.
   */
  static List<String> hostConfigLinks(ContainerInfo c, ContainerJsonInput in) {
    if (!in.hostConfigLinks().isEmpty()) {
      return in.hostConfigLinks();
    }
    if (!c.networkMode().isBridge()) {
      return List.of();
    }
    List<String> links = new ArrayList<>();
    for (String link : c.spec().links()) {
      int colon = link.indexOf(':');
      String child = colon < 0 ? link : link.substring(0, colon);
      String alias = colon < 0 ? link : link.substring(colon + 1);
      links.add("/" + strip(child) + ":/" + c.name() + "/" + strip(alias));
    }
    return links;
  }

  private static String strip(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  private static ObjectNode config(ContainerInfo c, ContainerJsonInput in) {
    ObjectNode o = object();
    o.put("Hostname", c.hostname());
    o.put("Domainname", c.domainname());
    o.put("User", c.user());
    o.put("AttachStdin", false);
    o.put("AttachStdout", false);
    o.put("AttachStderr", false);
    List<String> exposedPorts = exposedPorts(c, in);
    if (!exposedPorts.isEmpty()) { // omitempty
      ObjectNode exposed = object();
      Nodes.sortedKeys(new TreeSet<>(exposedPorts)).forEach(p -> exposed.set(p, object()));
      o.set("ExposedPorts", exposed);
    }
    o.put("Tty", c.spec().tty());
    o.put("OpenStdin", c.spec().openStdin());
    o.put("StdinOnce", false);
    o.set("Env", Nodes.stringsOrNull(c.env()));
    o.set("Cmd", Nodes.stringsOrNull(c.command()));
    c.healthcheck().ifPresent(h -> o.set("Healthcheck", healthcheck(h)));
    o.put("Image", c.image());
    if (c.volumes().isEmpty()) {
      o.putNull("Volumes");
    } else {
      ObjectNode volumes = object();
      Nodes.sortedKeys(c.volumes()).forEach(v -> volumes.set(v, object()));
      o.set("Volumes", volumes);
    }
    o.put("WorkingDir", c.workingDir());
    o.set("Entrypoint", Nodes.stringsOrNull(c.entrypoint()));
    o.putNull("OnBuild");
    o.set("Labels", Nodes.stringMap(c.labels()));
    c.stopSignal().ifPresent(sig -> o.put("StopSignal", sig));
    c.spec().stopTimeout().ifPresent(t -> o.put("StopTimeout", t));
    return o;
  }

  /**
   * {@code NetworkSettings}: the base fields, the legacy top-level fields (filled only from
   * {@code Networks.bridge}), and {@code Networks}. {@code Ports} is {@code {}} unless the
   * container runs. The sandbox id and key stay after a stop, as the daemon keeps them.
   */
  private static ObjectNode networkSettings(ContainerInfo c, ContainerJsonInput in) {
    ObjectNode networks = networks(c);
    String sandboxId = sandboxId(c);
    ObjectNode s = object();
    s.put("Bridge", "");
    s.put("SandboxID", sandboxId);
    s.put("SandboxKey", sandboxId.isEmpty() ? "" : NETNS_DIR + sandboxId.substring(0, 12));
    s.set("Ports", ports(c, in));
    s.put("HairpinMode", false);
    s.put("LinkLocalIPv6Address", "");
    s.put("LinkLocalIPv6PrefixLen", 0);
    s.putNull("SecondaryIPAddresses");
    s.putNull("SecondaryIPv6Addresses");
    JsonNode bridge = networks.get("bridge");
    s.put("EndpointID", text(bridge, "EndpointID"));
    s.put("Gateway", text(bridge, "Gateway"));
    s.put("GlobalIPv6Address", text(bridge, "GlobalIPv6Address"));
    s.put("GlobalIPv6PrefixLen", bridge == null ? 0 : bridge.get("GlobalIPv6PrefixLen").intValue());
    s.put("IPAddress", text(bridge, "IPAddress"));
    s.put("IPPrefixLen", bridge == null ? 0 : bridge.get("IPPrefixLen").intValue());
    s.put("IPv6Gateway", text(bridge, "IPv6Gateway"));
    s.put("MacAddress", text(bridge, "MacAddress"));
    s.set("Networks", networks);
    return s;
  }

  private static String text(JsonNode n, String field) {
    return n == null ? "" : n.get(field).textValue();
  }

  /** Exposed-only ports map to {@code null}, published ones to their bindings. */
  private static ObjectNode ports(ContainerInfo c, ContainerJsonInput in) {
    ObjectNode ports = object();
    if (!c.isRunning() || c.networkMode().isHost()) {
      // moby's getPortMapInfo reads the endpoints' driver data, which the host driver has none of
      return ports;
    }
    Map<String, JsonNode> byKey = new TreeMap<>(Nodes.GO_KEY_ORDER);
    exposedPorts(c, in).forEach(p -> byKey.put(p, NullNode.instance));
    publishedPorts(c, in).forEach((p, b) -> byKey.put(p, bindings(b)));
    byKey.forEach(ports::set);
    return ports;
  }

  // ---- ports: the snapshot's, unless the input overrides them ---------------------------------

  static List<String> exposedPorts(ContainerInfo c, ContainerJsonInput in) {
    if (!in.exposedPorts().isEmpty()) {
      return in.exposedPorts();
    }
    List<String> keys = new ArrayList<>();
    c.exposedPorts().forEach(p -> keys.add(p.toString()));
    return keys;
  }

  /** {@code HostConfig.PortBindings}: the {@code -p} requests by container port, in order. */
  static Map<String, List<HostBinding>> portBindings(ContainerInfo c, ContainerJsonInput in) {
    if (!in.portBindings().isEmpty()) {
      return in.portBindings();
    }
    Map<String, List<HostBinding>> byKey = new LinkedHashMap<>();
    for (PortBinding b : c.spec().portBindings()) {
      byKey.computeIfAbsent(b.containerPort().toString(), k -> new ArrayList<>())
          .add(HostBinding.of(b.hostIpText(), b.hostPortText()));
    }
    return byKey;
  }

  /** {@code NetworkSettings.Ports} bindings: what was bound, by container port, in order. */
  static Map<String, List<HostBinding>> publishedPorts(ContainerInfo c, ContainerJsonInput in) {
    if (!in.publishedPorts().isEmpty()) {
      return in.publishedPorts();
    }
    Map<String, List<HostBinding>> byKey = new LinkedHashMap<>();
    for (PublishedPort p : c.ports()) {
      byKey.computeIfAbsent(p.containerPort().toString(), k -> new ArrayList<>())
          .add(HostBinding.of(p.hostIp().toString(), Integer.toString(p.hostPort())));
    }
    return byKey;
  }

  private static JsonNode bindings(List<HostBinding> bindings) {
    ArrayNode a = array();
    bindings.forEach(b -> a.add(object().put("HostIp", b.hostIp()).put("HostPort", b.hostPort())));
    return a;
  }

  static ObjectNode networks(ContainerInfo c) {
    return Nodes.sortedObject(c.networks(), a -> endpointSettings(c, a));
  }

  /**
   * {@code EndpointSettings}. A running container shows its endpoint. A stopped one keeps what
   * it asked for ({@code IPAMConfig}, {@code Links}, {@code Aliases}, {@code DriverOpts}), the
   * {@code NetworkID} and {@code DNSNames} of its last run, and loses the operational data
   * (moby {@code cleanOperationalData}). A container never started shows only its request.
   */
  private static ObjectNode endpointSettings(ContainerInfo c, AttachedNetwork a) {
    EndpointSpec spec = a.settings();
    Optional<EndpointInfo> ep = c.isRunning() ? a.endpoint() : Optional.empty();
    boolean started = c.startedAt().isPresent();
    boolean userDefined = !PREDEFINED.contains(a.networkName());
    ObjectNode o = object();
    if (spec.ipv4Address().isPresent() || spec.ipv6Address().isPresent() || !spec.linkLocalIps().isEmpty()) {
      ObjectNode ipam = object(); // every field omitempty
      spec.ipv4Address().ifPresent(ip -> ipam.put("IPv4Address", ip.toString()));
      spec.ipv6Address().ifPresent(ip -> ipam.put("IPv6Address", ip.toString()));
      if (!spec.linkLocalIps().isEmpty()) {
        ArrayNode ll = ipam.putArray("LinkLocalIPs");
        spec.linkLocalIps().forEach(ip -> ll.add(ip.toString()));
      }
      o.set("IPAMConfig", ipam);
    } else {
      o.putNull("IPAMConfig");
    }
    o.set("Links", Nodes.stringsOrNull(spec.links()));
    o.set("Aliases", Nodes.stringsOrNull(spec.aliases()));
    o.put(
        "MacAddress",
        ep.isPresent()
            ? ep.get().macAddress().map(Object::toString).orElse("")
            : spec.macAddress().map(Object::toString).orElse(""));
    o.set("DriverOpts", Nodes.stringMapOrNull(spec.driverOptions()));
    o.put("GwPriority", spec.gwPriority());
    o.put("NetworkID", started || ep.isPresent() ? a.networkId() : "");
    o.put("EndpointID", ep.map(EndpointInfo::id).orElse(""));
    o.put("Gateway", ep.flatMap(EndpointInfo::gateway).map(Object::toString).orElse(""));
    o.put("IPAddress", ep.flatMap(EndpointInfo::ipv4Address).map(s -> s.address().toString()).orElse(""));
    o.put("IPPrefixLen", ep.flatMap(EndpointInfo::ipv4Address).map(s -> s.prefixLength()).orElse(0));
    o.put("IPv6Gateway", ep.flatMap(EndpointInfo::ipv6Gateway).map(Object::toString).orElse(""));
    o.put(
        "GlobalIPv6Address",
        ep.flatMap(EndpointInfo::ipv6Address).map(s -> s.address().toString()).orElse(""));
    o.put("GlobalIPv6PrefixLen", ep.flatMap(EndpointInfo::ipv6Address).map(s -> s.prefixLength()).orElse(0));
    if (!userDefined || !(started || ep.isPresent())) {
      o.putNull("DNSNames");
    } else if (ep.isPresent() && !ep.get().dnsNames().isEmpty()) {
      o.set("DNSNames", Nodes.strings(ep.get().dnsNames()));
    } else {
      o.set("DNSNames", Nodes.strings(dnsNames(c, spec)));
    }
    return o;
  }

  /** Docker's {@code buildEndpointDNSNames}: name, aliases, short id, hostname, deduplicated. */
  static List<String> dnsNames(ContainerInfo c, EndpointSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    names.add(c.name());
    names.addAll(spec.aliases());
    names.add(c.shortId());
    names.add(c.hostname());
    return List.copyOf(names);
  }

  // ---- GET /containers/json items -------------------------------------------------------------

  /**
   * {@code container.Summary}: Id, Names, Image, ImageID, Command, Created, Ports, Labels, State,
   * Status, HostConfig, NetworkSettings, Mounts ({@code SizeRw}, {@code SizeRootFs} and the
   * image manifest descriptor are omitted when unset).
   */
  static ObjectNode summary(ContainerInfo c, ContainerJsonInput in, Instant now) {
    ObjectNode o = object();
    o.put("Id", c.id());
    List<String> names = new ArrayList<>();
    names.add("/" + c.name());
    names.addAll(in.linkNames());
    o.set("Names", Nodes.strings(names));
    o.put("Image", c.image());
    o.put("ImageID", imageId(c, in));
    o.put("Command", command(program(c)));
    o.put("Created", c.created().getEpochSecond());
    o.set("Ports", summaryPorts(c, in));
    o.set("Labels", Nodes.stringMap(c.labels()));
    o.put("State", c.status().toString());
    o.put("Status", status(c, now));
    o.set("HostConfig", object().put("NetworkMode", c.networkMode().toString()));
    o.set("NetworkSettings", object().set("Networks", networks(c)));
    o.set("Mounts", array());
    return o;
  }

  /** Path and args joined by spaces; an argument holding a space is put in single quotes. */
  /** What the container runs: its entrypoint, then its command ({@code Path} and {@code Args}). */
  static List<String> program(ContainerInfo c) {
    if (c.entrypoint().isEmpty()) {
      return c.command();
    }
    List<String> all = new java.util.ArrayList<>(c.entrypoint());
    all.addAll(c.command());
    return all;
  }

  static String command(List<String> command) {
    if (command.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(command.get(0));
    for (String arg : command.subList(1, command.size())) {
      out.append(' ');
      out.append(arg.contains(" ") ? "'" + arg + "'" : arg);
    }
    return out.toString();
  }

  /** One {@code Port} per binding, one without public side per exposed-only port. */
  private static ArrayNode summaryPorts(ContainerInfo c, ContainerJsonInput in) {
    ArrayNode out = array();
    ObjectNode ports = ports(c, in);
    ports.fields().forEachRemaining(e -> {
      String key = e.getKey();
      int slash = key.indexOf('/');
      int privatePort = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
      String proto = slash < 0 ? "tcp" : key.substring(slash + 1);
      if (e.getValue().isNull() || e.getValue().isEmpty()) {
        out.add(object().put("PrivatePort", privatePort).put("Type", proto));
        return;
      }
      for (JsonNode b : e.getValue()) {
        ObjectNode p = object();
        String ip = b.get("HostIp").textValue();
        if (!ip.isEmpty()) {
          p.put("IP", ip);
        }
        p.put("PrivatePort", privatePort);
        String hostPort = b.get("HostPort").textValue();
        int publicPort = hostPort.isEmpty() ? 0 : Integer.parseInt(hostPort);
        if (publicPort != 0) {
          p.put("PublicPort", publicPort);
        }
        p.put("Type", proto);
        out.add(p);
      }
    });
    return out;
  }

  /** moby {@code State.String()} for the states the model has. */
  static String status(ContainerInfo c, Instant now) {
    if (c.status() == ContainerStatus.RESTARTING) {
      return "Restarting (" + c.exitCode() + ") "
          + HumanDuration.format(Duration.between(c.finishedAt().orElse(now), now)) + " ago";
    }
    if (c.status() == ContainerStatus.RUNNING) {
      String up = "Up " + HumanDuration.format(Duration.between(c.startedAt().orElse(now), now));
      return c.health().map(h -> up + " (" + (h.status() == HealthStatus.STARTING ? "health: starting"
          : h.status().toString()) + ")").orElse(up);
    }
    if (c.startedAt().isEmpty()) {
      return "Created";
    }
    if (c.finishedAt().isEmpty()) {
      return "";
    }
    return "Exited ("
        + c.exitCode()
        + ") "
        + HumanDuration.format(Duration.between(c.finishedAt().get(), now))
        + " ago";
  }

  // ---- deterministic stand-ins for what a real daemon draws at random ------------------------

  /**
   * The snapshot's pid; for a snapshot built without one, the engine's stand-in: a pid in [1000,
   * 65535] derived from the container id and the start time.
   */
  private static int pid(ContainerInfo c) {
    if (c.pid() != 0) {
      return c.pid();
    }
    return standInPid("pid:" + c.id() + ":" + c.startedAt().map(Instant::toString).orElse(""));
  }

  /** A process id in [1000, 65536) derived from {@code seed}: cnm runs no process to take one from. */
  static int standInPid(String seed) {
    String h = Nodes.sha256Hex(seed);
    return 1000 + Integer.parseInt(h.substring(0, 6), 16) % 64536;
  }

  /** The input's image id, else the container's, else (a snapshot without one) the stand-in. */
  static String imageId(ContainerInfo c, ContainerJsonInput in) {
    return in.imageId().orElseGet(() -> c.imageId().isEmpty() ? DockerJson.imageId(c.image()) : c.imageId());
  }

  /** A new sandbox per start: derived from the container id and the start time. */
  private static String sandboxId(ContainerInfo c) {
    return c.startedAt().map(t -> Nodes.sha256Hex("sandbox:" + c.id() + ":" + t)).orElse("");
  }

}
