package dev.cnm.benchmarks;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PortSpec;
import java.util.List;
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
 * Publishing a port range on the default bridge (issue 17): {@code docker run -p N-M:N-M alpine}
 * then {@code docker rm -f}, through the engine and the real bridge driver (port allocator,
 * firewall rules on 0.0.0.0 and ::). One op is the run and the removal of one container
 * publishing {@code ports} ports; the sizes show whether the cost per port stays flat.
 * {@code 65535} is {@code -p 1-65535:1-65535}, which Docker allows (the 1 023 limit in
 * docs/BENCHMARKS.md is the Linux bridge's number of attached interfaces, not ports).
 *
 * <pre>{@code
 * bin/bench PortRangeBenchmarks
 * }</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PortRangeBenchmarks {
  /** An engine with Docker's defaults and the parsed bindings of the range. */
  @State(Scope.Thread)
  public static class Range {
    @Param({"1000", "10000", "65535"})
    int ports;

    Engine engine;
    List<PortBinding> bindings;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Engines.fresh(1);
      int first = ports == 65535 ? 1 : 20001;
      int last = first + ports - 1;
      bindings = PortSpec.parse(first + "-" + last + ":" + first + "-" + last);
      if (bindings.size() != ports) {
        throw new AssertionError(bindings.size() + " bindings, expected " + ports);
      }
    }
  }

  /** {@code run -p N-M:N-M} + {@code rm -f}; time per whole op (divide by ports for per port). */
  @Benchmark
  public Engine runPublishRangeRm(Range s) {
    s.engine.run(ContainerSpec.builder().image("alpine").name("wide").portBindings(s.bindings).build());
    s.engine.removeContainer("wide", true);
    return s.engine;
  }
}
