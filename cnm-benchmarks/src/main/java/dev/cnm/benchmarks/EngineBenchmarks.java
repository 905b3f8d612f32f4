package dev.cnm.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.core.Cnm;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.Template;
import dev.cnm.core.template.TemplateFunctions;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine-level benchmarks: a fresh engine, {@code run} + {@code rm} at a given population,
 * rendering {@code inspect} JSON and executing a compiled {@code --format} template.
 *
 * <pre>{@code
 * bin/bench EngineBenchmarks.runRm -p containers=1000
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmarks {

  /** A fresh engine with Docker's defaults, drivers registered explicitly (seeded). */
  @Benchmark
  public Engine freshEngine() {
    return Engines.fresh(1);
  }

  /**
   * A fresh engine as {@code Cnm.newEngine()} makes it: drivers found with ServiceLoader, random
   * ids from a SecureRandom-seeded source.
   */
  @Benchmark
  public Engine freshEngineServiceLoader() {
    return Cnm.newEngine();
  }

  /** An engine already holding {@code containers} running containers, 1 000 per user network. */
  @State(Scope.Benchmark)
  public static class Populated {
    @Param({"1000", "100000", "1000000"})
    int containers;

    Engine engine;
    ContainerSpec probe;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Engines.populated(containers);
      probe = Engines.onNetwork("probe");
    }
  }

  /**
   * {@code docker run -dt --name probe --network bench0 alpine} then {@code docker rm -f probe}:
   * sandbox, endpoint, address, DNS name, then all released again.
   */
  @Benchmark
  // AlwaysPreTouch: with 12 GiB and no collection during a measurement, every allocation would
  // otherwise land on a page never touched before, and the page faults (not cnm) set the pace.
  @Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
  @Warmup(iterations = 10, time = 1)
  public ContainerInfo runRm(Populated s) {
    ContainerInfo c;
    try {
      c = s.engine.run(s.probe);
    } catch (SystemException e) {
      // libnetwork's three tries at a free random veth name (veth + 7 hex digits) all collide
      // about once in 10^6 runs with a million containers' interfaces on the host. As in Docker,
      // the failed start leaves the container created; an orchestrator removes it and retries.
      s.engine.removeContainer(s.probe.name().orElseThrow(), true);
      c = s.engine.run(s.probe);
    }
    s.engine.removeContainer(c.id(), true);
    return c;
  }

  /**
   * One user network ({@code flat} driver, {@code 10.0.0.0/18}) of 10 000 running containers
   * {@code d0..d9999}; the resolver is {@code d0}.
   */
  @State(Scope.Benchmark)
  public static class Named {
    static final int CONTAINERS = 10_000;
    Engine engine;
    String resolver;
    String[] names = new String[256];
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Engines.dnsNetwork(CONTAINERS);
      resolver = "d0";
      java.util.SplittableRandom random = new java.util.SplittableRandom(1);
      for (int i = 0; i < names.length; i++) {
        names[i] = "d" + random.nextInt(CONTAINERS);
      }
      if (engine.resolve(resolver, names[0]).size() != 1) {
        throw new AssertionError(names[0] + " does not resolve");
      }
    }
  }

  /**
   * The embedded DNS answer for a container name on a network of 10 000 containers ({@code
   * nslookup d1234} inside {@code d0}); names picked at random (seed 1).
   */
  @Benchmark
  public java.util.List<dev.cnm.api.net.IpAddress> resolve(Named s) {
    return s.engine.resolve(s.resolver, s.names[s.next++ & 255]);
  }

  /** One running container on a user network with a published port, and its inspect tree. */
  @State(Scope.Benchmark)
  public static class Inspected {
    Engine engine;
    ContainerInfo container;
    JsonNode document;
    Template format;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Engines.fresh(1);
      engine.createNetwork(NetworkSpec.of("dev"));
      container = engine.run(ContainerSpec.builder().image("nginx").name("web")
          .networkMode(NetworkMode.network("dev"))
          .addPortBindings(PortBinding.of(ExposedPort.tcp(80), 8080))
          .build());
      document = DockerJson.container(container);
      format = Template.parse("{{.Name}} {{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}"
          + "{{json .Config.Labels}} {{.State.Status}}", TemplateFunctions.docker());
    }
  }

  /** {@code docker inspect web}: the container's JSON document, written to a string. */
  @Benchmark
  public String inspectJson(Inspected s) {
    return DockerJson.toJson(DockerJson.container(s.container));
  }

  /** {@code docker network inspect dev}: the network's JSON document, written to a string. */
  @Benchmark
  public String networkInspectJson(Inspected s) {
    return DockerJson.toJson(DockerJson.network(s.engine.network("dev")));
  }

  /** Executing a compiled {@code --format} template over the inspect document. */
  @Benchmark
  public String formatTemplate(Inspected s) {
    return s.format.execute(s.document);
  }
}
