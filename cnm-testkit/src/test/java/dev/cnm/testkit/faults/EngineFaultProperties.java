package dev.cnm.testkit.faults;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.DisconnectOption;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 * is wrapped by a {@link FaultInjector}; each step may make one SPI call of its operation fail,
 * acquiring or releasing. A failed operation must leave the engine, the host's ports, rules and
 * interfaces, and what the drivers hold exactly as before; a failed release must be passed over
 * and leak only what it held ({@link FaultWorld} says exactly what is checked).
 */
class EngineFaultProperties {
  private static final List<String> NETWORKS = List.of("front", "back", "data");
  private static final List<String> CONTAINERS = List.of("web", "db", "cache", "worker");

  /**
   * Over 1000 chains from {@link FaultWorld#single()}, an injected fault failed an operation in
   * 57% and a release fault was passed over in 75%. The coverage floors sit where 100 tries fall
   * below them with a chance under one in a million even at 52% and 70%, so a run with fresh seeds
   * fails them only when the generator stops reaching those cases.
   */
  @Property(tries = 100)
  void every_failed_operation_leaves_the_engine_and_the_host_exactly_as_before(@ForAll("chains") ActionChain<FaultWorld> chain) {
    FaultWorld end = chain.run();
    Statistics.label("an injected fault failed an operation").collect(end.injectedFailures > 0);
    Statistics.label("a release fault was passed over").collect(end.releaseFaults > 0);
    Statistics.label("a failed gateway move after a leave was passed over").collect(end.gatewayMoveFaults > 0);
    Statistics.label("operations failed").collect(end.failed == 0 ? "none" : end.failed < 4 ? "1-3" : "4+");
    Statistics.label("an injected fault failed an operation").coverage(c -> c.check(true).percentage(p -> p > 25));
    Statistics.label("a release fault was passed over").coverage(c -> c.check(true).percentage(p -> p > 45));
  }

  @Provide
  Arbitrary<ActionChain<FaultWorld>> chains() {
    return ActionChain.<FaultWorld>startWith(FaultWorld::single)
        .withAction(3, step("create network", createNetwork(false)))
        .withAction(2, step("remove network", removeNetwork()))
        .withAction(4, step("run", run()))
        .withAction(3, step("connect", connect()))
        .withAction(3, step("disconnect", disconnect()))
        .withAction(3, step("lifecycle", lifecycle()))
        .withAction(3, step("remove container", removeContainer()))
        .withAction(1, step("rename", Combinators.combine(Arbitraries.of(CONTAINERS), Arbitraries.of(CONTAINERS))
            .as((c, n) -> op("rename " + c + " " + n, e -> e.rename(c, n)))))
        .withAction(1, step("prune", Arbitraries.just(op("network prune", Engine::pruneNetworks))))
        .withMaxTransformations(25);
  }

  /** The SPI call to fail: none in one step of four, else one of the first six. */
  static Arbitrary<Integer> faultAt() {
    return Arbitraries.integers().between(-1, 6).map(i -> Math.max(i, 0));
  }

  static Action.Independent<FaultWorld> step(String name, Arbitrary<Op> ops) {
    return () -> Combinators.combine(ops, faultAt())
        .as((o, f) -> Transformer.mutate(o.description + (f == 0 ? "" : " (fault at SPI call " + f + ")"),
            (FaultWorld w) -> w.step(0, o, f)));
  }

  static Arbitrary<Op> removeNetwork() {
    return Arbitraries.of(NETWORKS).map(n -> op("network rm " + n, e -> e.removeNetwork(n)));
  }

  static Arbitrary<Op> disconnect() {
    return Combinators.combine(Arbitraries.of(NETWORKS), Arbitraries.of(CONTAINERS), Arbitraries.of(true, false))
        .as((n, c, f) -> op("network disconnect " + (f ? "-f " : "") + n + " " + c, e -> e.disconnect(n, c, f ? new DisconnectOption[] {DisconnectOption.FORCE} : new DisconnectOption[0])));
  }

  static Arbitrary<Op> removeContainer() {
    return Combinators.combine(Arbitraries.of(CONTAINERS), Arbitraries.of(true, false))
        .as((c, f) -> op("rm " + (f ? "-f " : "") + c, e -> e.removeContainer(c, f ? new RemoveOption[] {RemoveOption.FORCE} : new RemoveOption[0])));
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

  static Arbitrary<Op> createNetwork(boolean overlay) {
    Arbitrary<String> subnet = Arbitraries.of("", "10.1.0.0/24", "10.1.0.0/16", "10.2.0.0/24");
    Arbitrary<String> driver = overlay ? Arbitraries.of("bridge", "overlay", "overlay", "overlay", "null") : Arbitraries.of("bridge", "bridge", "null");
    return Combinators.combine(Arbitraries.of(NETWORKS), subnet, driver).as((n, s, d) -> {
      NetworkSpec.Builder b = NetworkSpec.builder();
      b.name(n);
      if (!s.isEmpty()) {
        b.addIpamConfigs(IpamPoolSpec.ofSubnet(Subnet.parse(s)));
      }
      if (d.equals("null")) {
        b.ipamDriver("null");
      } else if (d.equals("overlay")) {
        b.driver("overlay").attachable(true); // standalone containers join only attachable overlays
      }
      NetworkSpec spec = b.build();
      return op("network create " + (d.equals("overlay") ? "-d overlay --attachable " : "") + (s.isEmpty() ? "" : "--subnet " + s + " ")
          + (d.equals("null") ? "--ipam-driver null " : "") + n, e -> e.createNetwork(spec));
    });
  }

  static Arbitrary<Op> run() {
    return run(List.of("bridge", "none", "host", "front", "back", "data"));
  }

  static Arbitrary<Op> run(List<String> modes) {
    Arbitrary<String> mode = Arbitraries.of(modes);
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
