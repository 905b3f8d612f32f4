package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import dev.cnm.core.Cnm;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.testkit.EngineSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The kit used on cnm itself: random operations on one engine whose every driver and IPAM driver
 * is wrapped by a {@link FaultInjector}; each step may make one SPI call of its operation fail.
 * Whenever an operation fails (injected fault or Docker's own refusal), the engine's whole state,
 * the host's ports, rules and interfaces, and what the drivers hold must be exactly as before.
 */
class EngineFaultProperties {
  private static final List<String> NETWORKS = List.of("front", "back", "data");
  private static final List<String> CONTAINERS = List.of("web", "db", "cache", "worker");

  /**
   * The calls a fault is injected into: every acquiring call, and the driver's deleteNetwork
   * (a refusal Docker reports). Not the releases on removal paths (deleteEndpoint, leave, revoke,
   * releasePool, releaseAddress): Docker logs their failures and goes on, while cnm's engine
   * currently lets e.g. a failed releaseAddress escape from removeNetwork after the driver
   * already deleted the network (see the report of the testkit branch).
   */
  static final Predicate<SpiCall> FAULTABLE = c -> List.of("createNetwork", "deleteNetwork", "createEndpoint",
      "join", "programExternalConnectivity", "requestPool", "requestAddress").contains(c.method());

  /** The engine under test with its injector, and how many steps failed (to show the property bites). */
  static final class World {
    final FaultInjector faults = FaultInjector.create();
    final Engine engine = Cnm.builder().seed(7)
        .driver(faults.wrap(new BridgeDriverProvider()))
        .driver(faults.wrap(new HostDriverProvider()))
        .driver(faults.wrap(new NullDriverProvider()))
        .ipamDriver(faults.wrap(DefaultIpamDriver.create()))
        .build();
    int failed;
    int injected;

    /** Runs {@code op} with the {@code faultAt}th SPI call failing (0: none); checks the failure changed nothing. */
    void step(Op op, int faultAt) {
      EngineSnapshot before = EngineSnapshot.of(engine, faults);
      boolean existed = op.creates != null && engine.findContainer(op.creates).isPresent();
      faults.clearCalls();
      if (faultAt > 0) {
        faults.failNth(FAULTABLE, faultAt);
      }
      try {
        op.body.accept(engine);
      } catch (CnmException e) {
        failed++;
        if (faults.calls().stream().anyMatch(SpiCall::injected)) {
          injected++;
        }
        faults.clearFaults();
        if (op.creates != null && !existed && engine.findContainer(op.creates).isPresent()) {
          // docker run is create then start: when start fails, Docker keeps the created container
          // (and so does cnm); removing it must then give back exactly the state before the run.
          assertThat(engine.container(op.creates).status()).isEqualTo(ContainerStatus.CREATED);
          engine.removeContainer(op.creates, true);
        }
        EngineSnapshot after = EngineSnapshot.of(engine, faults);
        assertThat(after.differences(before))
            .as("failed with %s after SPI calls %s", e, faults.calls())
            .isEmpty();
      } finally {
        faults.clearFaults();
      }
    }
  }

  @Property(tries = 40)
  void everyFailedOperation_leavesTheEngineAndTheHostExactlyAsBefore(@ForAll("chains") ActionChain<World> chain) {
    World end = chain.run();
    Statistics.label("an injected fault failed an operation").collect(end.injected > 0);
    Statistics.label("operations failed").collect(end.failed == 0 ? "none" : end.failed < 4 ? "1-3" : "4+");
    Statistics.label("an injected fault failed an operation").coverage(c -> c.check(true).percentage(p -> p > 50));
  }

  @Provide
  Arbitrary<ActionChain<World>> chains() {
    return ActionChain.<World>startWith(World::new)
        .withAction(3, step("create network", createNetwork()))
        .withAction(1, step("remove network", Arbitraries.of(NETWORKS).map(n -> op("rm network " + n, e -> e.removeNetwork(n)))))
        .withAction(4, step("run", run()))
        .withAction(3, step("connect", connect()))
        .withAction(2, step("disconnect", Combinators.combine(Arbitraries.of(NETWORKS), Arbitraries.of(CONTAINERS), Arbitraries.of(true, false))
            .as((n, c, f) -> op("disconnect " + n + " " + c + (f ? " -f" : ""), e -> e.disconnect(n, c, f)))))
        .withAction(2, step("lifecycle", lifecycle()))
        .withAction(1, step("remove container", Combinators.combine(Arbitraries.of(CONTAINERS), Arbitraries.of(true, false))
            .as((c, f) -> op("rm " + (f ? "-f " : "") + c, e -> e.removeContainer(c, f)))))
        .withAction(1, step("rename", Combinators.combine(Arbitraries.of(CONTAINERS), Arbitraries.of(CONTAINERS))
            .as((c, n) -> op("rename " + c + " " + n, e -> e.rename(c, n)))))
        .withAction(1, step("prune", Arbitraries.just(op("network prune", Engine::pruneNetworks))))
        .withMaxTransformations(25);
  }

  /** A named engine operation. */
  static final class Op {
    final String description;
    final Consumer<Engine> body;
    final String creates; // the container a failed run may leave created, or null

    Op(String description, Consumer<Engine> body, String creates) {
      this.description = description;
      this.body = body;
      this.creates = creates;
    }
  }

  static Op op(String description, Consumer<Engine> body) {
    return new Op(description, body, null);
  }

  static Action.Independent<World> step(String name, Arbitrary<Op> ops) {
    Arbitrary<Integer> faultAt = Arbitraries.integers().between(-1, 4).map(i -> Math.max(i, 0));
    return () -> Combinators.combine(ops, faultAt)
        .as((o, f) -> Transformer.mutate(o.description + (f == 0 ? "" : " (fault at SPI call " + f + ")"),
            (World w) -> w.step(o, f)));
  }

  static Arbitrary<Op> createNetwork() {
    Arbitrary<String> subnet = Arbitraries.of("", "10.1.0.0/24", "10.1.0.0/16", "10.2.0.0/24");
    Arbitrary<String> driver = Arbitraries.of("bridge", "bridge", "null");
    return Combinators.combine(Arbitraries.of(NETWORKS), subnet, driver).as((n, s, d) -> {
      NetworkSpec.Builder b = NetworkSpec.builder();
      b.name(n);
      if (!s.isEmpty()) {
        b.addIpamConfigs(IpamPoolSpec.ofSubnet(Subnet.parse(s)));
      }
      if (d.equals("null")) {
        b.ipamDriver("null");
      }
      NetworkSpec spec = b.build();
      return op("network create " + (s.isEmpty() ? "" : "--subnet " + s + " ") + (d.equals("null") ? "--ipam-driver null " : "") + n,
          e -> e.createNetwork(spec));
    });
  }

  static Arbitrary<Op> run() {
    Arbitrary<String> mode = Arbitraries.of("bridge", "none", "host", "front", "back", "data");
    Arbitrary<String> ports = Arbitraries.of("", "", "8080:80", "80", "127.0.0.1:9000:9000/udp");
    Arbitrary<Boolean> start = Arbitraries.of(true, false);
    return Combinators.combine(Arbitraries.of(CONTAINERS), mode, ports, start).as((c, m, p, s) -> {
      ContainerSpec.Builder b = ContainerSpec.builder();
      b.image("nginx").name(c).networkMode(NetworkMode.parse(m));
      if (!p.isEmpty()) {
        b.portBindings(PortSpec.parse(p));
      }
      ContainerSpec spec = b.build();
      String text = (s ? "run" : "create") + " --network " + m + (p.isEmpty() ? "" : " -p " + p) + " --name " + c;
      return s ? new Op(text, e -> e.run(spec), c) : op(text, e -> e.createContainer(spec));
    });
  }

  static Arbitrary<Op> connect() {
    Arbitrary<String> ip = Arbitraries.of("", "", "10.1.0.9", "10.2.0.9");
    return Combinators.combine(Arbitraries.of(NETWORKS), Arbitraries.of(CONTAINERS), ip).as((n, c, a) -> {
      EndpointSpec.Builder b = EndpointSpec.builder();
      b.addAliases(c + "-alias");
      if (!a.isEmpty()) {
        b.ipv4Address(dev.cnm.api.net.IpAddress.parse(a));
      }
      EndpointSpec spec = b.build();
      return op("network connect " + (a.isEmpty() ? "" : "--ip " + a + " ") + n + " " + c, e -> e.connect(n, c, spec));
    });
  }

  static Arbitrary<Op> lifecycle() {
    List<Op> ops = new ArrayList<>();
    for (String c : CONTAINERS) {
      ops.add(op("start " + c, e -> e.start(c)));
      ops.add(op("stop " + c, e -> e.stop(c)));
      // Not restart: it is stop then start, and Docker leaves the container stopped when start fails.
    }
    return Arbitraries.of(ops);
  }
}
