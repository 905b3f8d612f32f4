package dev.cnm.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A container publishing a large port range ({@code -p 20001-30000:20001-30000}) through the real
 * bridge driver, with the host services the driver sees counted: the work must be a fixed number
 * of allocator calls and rule operations per port, and everything must be given back on removal.
 * How long each operation takes is measured by {@code PortRangeBenchmarks} (cnm-benchmarks).
 */
class PortRangePublishingTest {
  private static final int PORTS = 10_000;

  private final AtomicLong allocatorCalls = new AtomicLong();
  private final AtomicLong ruleCalls = new AtomicLong();
  private final AtomicReference<DriverContext> real = new AtomicReference<>();

  private Engine engine() {
    BridgeDriverProvider bridge = new BridgeDriverProvider();
    return Cnm.builder().seed(3)
        .driver(NetworkDriverProvider.of("bridge", ctx -> {
          real.set(ctx);
          return bridge.create(counting(ctx));
        }))
        .driver(new HostDriverProvider()).driver(new NullDriverProvider())
        .build();
  }

  private DriverContext counting(DriverContext ctx) {
    HostPortAllocator ports = proxy(HostPortAllocator.class, ctx.hostPorts(), allocatorCalls);
    HostRules rules = proxy(HostRules.class, ctx.rules(), ruleCalls);
    return proxy(DriverContext.class, ctx, null, ports, rules);
  }

  private static <T> T proxy(Class<T> type, T target, AtomicLong calls) {
    return proxy(type, target, calls, null, null);
  }

  /** A delegating proxy that counts calls, and for a context hands out the counting services. */
  private static <T> T proxy(Class<T> type, T target, AtomicLong calls, HostPortAllocator ports, HostRules rules) {
    InvocationHandler h = (p, m, args) -> {
      if (ports != null && m.getName().equals("hostPorts") && m.getParameterCount() == 0) {
        return ports;
      }
      if (rules != null && m.getName().equals("rules") && m.getParameterCount() == 0) {
        return rules;
      }
      if (calls != null && m.getDeclaringClass() != Object.class) {
        calls.incrementAndGet();
      }
      try {
        return m.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
  }

  @Test
  void publishing_ten_thousand_ports_costs_a_fixed_number_of_allocator_and_rule_operations_per_port() {
    Engine docker = engine();
    String before = real.get().rules().save();
    long rulesBefore = ruleCalls.get();
    long allocBefore = allocatorCalls.get();

    ContainerInfo c = docker.run(ContainerSpec.builder().image("alpine").name("wide").tty(true)
        .portBindings(PortSpec.parse("20001-30000:20001-30000")).build());

    // One booking per binding (0.0.0.0 and :: in one call); per port three rules, each tested first.
    assertThat(allocatorCalls.get() - allocBefore).isLessThanOrEqualTo(PORTS + 10);
    assertThat(ruleCalls.get() - rulesBefore).isLessThanOrEqualTo(6L * PORTS + 50);
    assertThat(real.get().hostPorts().allocatedPorts()).hasSize(2 * PORTS);
    assertThat(real.get().hostPorts().isAllocated(dev.cnm.api.net.IpAddress.ANY_V4,
        dev.cnm.api.port.PortProtocol.TCP, 25000)).isTrue();
    assertThat(real.get().rules().save()).contains("--dport 30000 -j DNAT --to-destination "
        + c.endpoint("bridge").orElseThrow().ipv4Address().orElseThrow().address() + ":30000");

    long rulesPublished = ruleCalls.get();
    long allocPublished = allocatorCalls.get();
    docker.removeContainer("wide", true);

    // Two releases per binding (one per address), three deletes per port.
    assertThat(allocatorCalls.get() - allocPublished).isLessThanOrEqualTo(2L * PORTS + 10);
    assertThat(ruleCalls.get() - rulesPublished).isLessThanOrEqualTo(3L * PORTS + 50);
    assertThat(real.get().hostPorts().allocatedPorts()).isEmpty();
    assertThat(real.get().rules().save()).isEqualTo(before);
  }
}
