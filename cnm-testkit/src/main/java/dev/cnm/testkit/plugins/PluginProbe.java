package dev.cnm.testkit.plugins;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolInfo;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.PluginCall;
import dev.cnm.plugins.RemoteNetworkDriver;
import dev.cnm.plugins.RemotePlugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs Docker's call sequence against a plugin through a real engine, as a Docker host would: the
 * activation, {@code docker network create} (with the plugin as network driver, IPAM driver or
 * both, as it implements), {@code docker run -p 8080:80} on that network (create endpoint, join,
 * program external connectivity), the calls only inspect, cluster discovery and swarm managers
 * make ({@code EndpointOperInfo}, {@code DiscoverNew}/{@code DiscoverDelete}, {@code
 * AllocateNetwork}/{@code FreeNetwork}; informational), then {@code docker stop}, {@code docker
 * rm} and {@code docker network rm}. Each step reports every call with its JSON and what Docker
 * does with the answer.
 *
 * <pre>{@code
 * ProbeReport report = PluginProbe.run("weave", PluginAddress.parse("unix:///run/docker/plugins/weave.sock"),
 *     Duration.ofSeconds(10), Duration.ofSeconds(5));
 * System.out.print(report.render());
 * }</pre>
 */
public final class PluginProbe {
  /** The network the probe creates. */
  public static final String NETWORK = "probe-net";
  /** The container the probe runs. */
  public static final String CONTAINER = "probe-1";

  private final String name;
  private final RemotePlugins plugins;
  private final Engine engine;
  private final List<PluginCall> calls = new ArrayList<>();
  private final List<ProbeStep> steps = new ArrayList<>();

  private PluginProbe(String name, PluginAddress address, Duration callTimeout, Duration retryWindow) {
    this.name = name;
    this.plugins = RemotePlugins.builder().noDirectories().register(name, address).callTimeout(callTimeout)
        .retryWindow(retryWindow).listener(this::record).build();
    this.engine = Cnm.builder().seed(1).plugins(plugins).build();
  }

  /**
   * Runs the sequence with 10 s per call and 5 s of connection retries.
   *
   * @param name the name networks use the plugin by ({@code -d NAME})
   * @param address where the plugin listens
   * @return the report: each step, its calls and what Docker does with their answers
   */
  public static ProbeReport run(String name, PluginAddress address) {
    return run(name, address, Duration.ofSeconds(10), Duration.ofSeconds(5));
  }

  /**
   * Runs the sequence against plugin {@code name} at {@code address}.
   *
   * @param name the name networks use the plugin by ({@code -d NAME})
   * @param address where the plugin listens
   * @param callTimeout the bound on each attempt of a call; zero for none
   * @param retryWindow how long a call whose connection fails is retried; zero for no retry
   * @return the report: each step, its calls and what Docker does with their answers
   */
  public static ProbeReport run(String name, PluginAddress address, Duration callTimeout, Duration retryWindow) {
    PluginProbe p = new PluginProbe(requireNonNull(name, "name"), requireNonNull(address, "address"),
        requireNonNull(callTimeout, "callTimeout"), requireNonNull(retryWindow, "retryWindow"));
    return new ProbeReport(name, address.toString(), p.steps());
  }

  private synchronized void record(PluginCall call) {
    calls.add(call);
  }

  private synchronized List<PluginCall> drain() {
    List<PluginCall> c = List.copyOf(calls);
    calls.clear();
    return c;
  }

  /** Runs one step; the outcome is what {@code body} says, or Docker's error line. */
  private boolean step(String command, boolean required, Supplier<String> body) {
    String outcome;
    boolean ok;
    try {
      outcome = body.get();
      ok = true;
    } catch (CnmException e) {
      outcome = "Error response from daemon: " + e.getMessage()
          + (required ? "" : " (Docker makes this call only in a swarm or for inspect; not needed on one host)");
      ok = !required;
    }
    steps.add(new ProbeStep(command, drain(), ok, outcome));
    return ok;
  }

  private List<ProbeStep> steps() {
    List<String> implementing = new ArrayList<>();
    boolean activated = step("activate plugin " + name + " (Docker does this when a network first names it)", true,
        () -> {
          implementing.addAll(plugins.activate(name).orElseThrow());
          return "implements " + implementing;
        });
    if (!activated) {
      return steps;
    }
    boolean net = implementing.contains("NetworkDriver");
    boolean ipam = implementing.contains("IpamDriver");
    if (!net && !ipam) {
      steps.add(new ProbeStep("docker network create -d " + name + " " + NETWORK, List.of(), false,
          "the plugin implements neither NetworkDriver nor IpamDriver: Docker cannot use it for networks"));
      return steps;
    }
    NetworkSpec.Builder spec = NetworkSpec.builder().name(NETWORK);
    String create = "docker network create";
    if (net) {
      spec.driver(name);
      create += " -d " + name;
    }
    if (ipam) {
      spec.ipamDriver(name);
      create += " --ipam-driver " + name;
    }
    boolean created = step(create + " " + NETWORK, true, () -> describe(engine.createNetwork(spec.build())));
    if (!created) {
      return steps;
    }
    boolean running = step("docker run -d --name " + CONTAINER + " --network " + NETWORK + " -p 8080:80 nginx", true,
        () -> describe(engine.run(ContainerSpec.builder().image("nginx").name(CONTAINER)
            .networkMode(NetworkMode.network(NETWORK)).portBindings(PortSpec.parse("8080:80")).build())));
    if (running && net) {
      Optional<EndpointInfo> ep = engine.container(CONTAINER).endpoint(NETWORK);
      RemoteNetworkDriver driver = plugins.registeredNetworkDriver(name)
          .orElseGet(() -> plugins.remoteNetworkDriver(name).orElseThrow());
      ep.ifPresent(e -> step("docker inspect " + CONTAINER + " (EndpointOperInfo)", false,
          () -> "the plugin reports " + driver.endpointOperInfo(e.networkId(), e.id())));
      step("a node joins the cluster (DiscoverNew)", false, () -> {
        driver.discoverNew("192.168.1.11", "192.168.1.11", false);
        return "accepted";
      });
      step("the node leaves the cluster (DiscoverDelete)", false, () -> {
        driver.discoverDelete("192.168.1.11", "192.168.1.11", false);
        return "accepted";
      });
      String probeId = "0".repeat(63) + "1";
      step("a swarm manager allocates and frees a network (AllocateNetwork, FreeNetwork)", false, () -> {
        Map<String, String> options = driver.allocateNetwork(probeId, Map.of(), List.of(), List.of());
        driver.freeNetwork(probeId);
        return "allocated with options " + options + ", then freed";
      });
    }
    if (engine.findContainer(CONTAINER).isPresent()) {
      if (running) {
        step("docker stop " + CONTAINER, true, () -> {
          engine.stop(CONTAINER);
          return "stopped: the container's endpoint is gone";
        });
      }
      step("docker rm " + CONTAINER, true, () -> {
        engine.removeContainer(CONTAINER, true);
        return "removed";
      });
    }
    step("docker network rm " + NETWORK, true, () -> {
      engine.removeNetwork(NETWORK);
      return "removed";
    });
    return steps;
  }

  private static String describe(NetworkInfo n) {
    return "network " + n.name() + " " + n.shortId() + ", scope " + n.scope() + ", "
        + n.ipamConfigs().stream().map(PluginProbe::pool).collect(Collectors.joining(", "));
  }

  private static String pool(IpamPoolInfo p) {
    return "subnet " + p.subnet() + p.gateway().map(g -> " gateway " + g).orElse(" no gateway");
  }

  private static String describe(ContainerInfo c) {
    EndpointInfo ep = c.endpoint(NETWORK).orElseThrow();
    return c.name() + " running: " + ep.interfaceName() + " "
        + ep.ipv4Address().map(Object::toString).orElse("no IPv4") + ", MAC "
        + ep.macAddress().map(Object::toString).orElse("none") + ", gateway "
        + ep.gateway().map(Object::toString).orElse("none");
  }
}
