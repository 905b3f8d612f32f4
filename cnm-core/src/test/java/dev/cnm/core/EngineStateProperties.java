package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.port.PortSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of create / start / stop / connect / disconnect / rename / remove keep every
 * invariant, a failed operation changes nothing, and once everything is removed every pool and
 * port is back to its initial state.
 */
class EngineStateProperties {
  private static final List<String> NETWORKS = List.of("net1", "net2", "net3", "bridge", "host", "none", "nosuch");
  private static final List<String> CONTAINERS = List.of("c1", "c2", "c3", "c4", "c5");

  @Property(tries = 80)
  void operations_keep_invariants(@ForAll("chains") ActionChain<Engine> chain) {
    Engine engine = chain.withInvariant(EngineStateProperties::invariants).run();
    removeEverything(engine);
    assertBackToInitialState(engine);
  }

  @Provide
  Arbitrary<ActionChain<Engine>> chains() {
    return ActionChain.<Engine>startWith(() -> TestDrivers.builder(3).build())
        .withAction(2, op("create network", Arbitraries.of("net1", "net2", "net3"),
            (e, n) -> e.createNetwork(NetworkSpec.of(n))))
        .withAction(op("remove network", Arbitraries.of(NETWORKS), Engine::removeNetwork))
        .withAction(3, op("create container", Arbitraries.of(CONTAINERS).flatMap(c -> Arbitraries.of(NETWORKS)
                .flatMap(n -> Arbitraries.of("", "80", "8080:80", "127.0.0.1:8080:80").map(p -> List.of(c, n, p)))),
            (e, a) -> e.createContainer(spec(a.get(0), a.get(1), a.get(2)))))
        .withAction(3, op("start", Arbitraries.of(CONTAINERS), Engine::start))
        .withAction(2, op("stop", Arbitraries.of(CONTAINERS), Engine::stop))
        .withAction(op("restart", Arbitraries.of(CONTAINERS), Engine::restart))
        .withAction(op("connect", pairs(), (e, p) -> e.connect(p.get(0), p.get(1),
            EndpointSpec.builder().addAlias("alias-" + p.get(1)).build())))
        .withAction(op("disconnect", pairs(), (e, p) -> e.disconnect(p.get(0), p.get(1))))
        .withAction(op("rename", Arbitraries.of(CONTAINERS).flatMap(a -> Arbitraries.of(CONTAINERS).map(b -> List.of(a, b))),
            (e, p) -> e.rename(p.get(0), p.get(1))))
        .withAction(op("remove", Arbitraries.of(CONTAINERS).flatMap(c -> Arbitraries.of(true, false).map(f -> List.of(c, f.toString()))),
            (e, p) -> e.removeContainer(p.get(0), Boolean.parseBoolean(p.get(1))
                ? new RemoveOption[] {RemoveOption.FORCE} : new RemoveOption[0])))
        .withMaxTransformations(40);
  }

  private static Arbitrary<List<String>> pairs() {
    return Arbitraries.of(NETWORKS).flatMap(n -> Arbitraries.of(CONTAINERS).map(c -> List.of(n, c)));
  }

  private static ContainerSpec spec(String name, String network, String publish) {
    ContainerSpec.Builder b = ContainerSpec.builder().image("nginx").name(name).networkMode(NetworkMode.network(network));
    if (!publish.isEmpty()) {
      b.portBindings(PortSpec.parse(publish));
    }
    return b.build();
  }

  interface Op<T> {
    void apply(Engine engine, T arg);
  }

  /** An action that either succeeds or fails with a CnmException leaving every snapshot unchanged. */
  private static <T> Action.Independent<Engine> op(String name, Arbitrary<T> args, Op<T> op) {
    return () -> args.map(arg -> Transformer.mutate(name + " " + arg, (Consumer<Engine>) engine -> {
      List<NetworkInfo> networks = engine.networks();
      List<ContainerInfo> containers = engine.containers();
      try {
        op.apply(engine, arg);
      } catch (CnmException e) {
        assertThat(engine.networks()).as("networks after failed %s: %s", name, e.getMessage()).isEqualTo(networks);
        assertThat(engine.containers()).as("containers after failed %s: %s", name, e.getMessage()).isEqualTo(containers);
      }
    }));
  }

  static void invariants(Engine engine) {
    List<ContainerInfo> containers = engine.containers();
    assertThat(containers.stream().map(ContainerInfo::name)).doesNotHaveDuplicates();
    Map<String, ContainerInfo> byId = containers.stream().collect(Collectors.toMap(ContainerInfo::id, c -> c));
    for (NetworkInfo n : engine.networks()) {
      List<String> addresses = new ArrayList<>();
      for (EndpointInfo ep : n.endpoints()) {
        ContainerInfo owner = byId.get(ep.containerId());
        assertThat(owner).as("endpoint %s has a container", ep.name()).isNotNull();
        assertThat(owner.isRunning()).as("%s runs", owner.name()).isTrue();
        ep.ipv4Address().ifPresent(a -> addresses.add(a.address().toString()));
        n.ipamConfigs().forEach(p -> {
          assertThat(ep.ipv4Address().map(a -> a.address())).isNotEqualTo(p.gateway());
          ep.ipv4Address().ifPresent(a -> assertThat(p.subnet().contains(a.address())).isTrue());
        });
      }
      assertThat(addresses).as("addresses on %s", n.name()).doesNotHaveDuplicates();
    }
    Set<String> hostPorts = new HashSet<>();
    for (ContainerInfo c : containers) {
      if (!c.isRunning()) {
        assertThat(c.networks().values()).allSatisfy(a -> assertThat(a.endpoint()).isEmpty());
        assertThat(c.ports()).isEmpty();
      }
      c.ports().forEach(p -> assertThat(hostPorts.add(p.hostIp() + ":" + p.hostPort() + "/" + p.containerPort().protocol()))
          .as("host port %s bound once", p).isTrue());
    }
  }

  private static void removeEverything(Engine engine) {
    for (ContainerInfo c : engine.containers()) {
      engine.removeContainer(c.id(), RemoveOption.FORCE);
    }
    engine.pruneNetworks();
  }

  /** A fresh engine and the emptied one hand out the same subnets, addresses and ports. */
  private static void assertBackToInitialState(Engine engine) {
    assertThat(engine.networks()).extracting(NetworkInfo::name).containsExactly("none", "host", "bridge");
    assertThat(engine.createNetwork(NetworkSpec.of("probe")).ipamConfigs().get(0).subnet()).hasToString("172.18.0.0/16");
    ContainerInfo probe = engine.run(spec("probe1", "probe", "8080:80"));
    assertThat(probe.endpoint("probe").orElseThrow().ipv4Address().orElseThrow()).hasToString("172.18.0.2/16");
    ContainerInfo onBridge = engine.run(ContainerSpec.builder().image("nginx").name("probe2")
        .portBindings(PortSpec.parse("8081:80")).publishAllPorts(true).build());
    assertThat(onBridge.endpoint("bridge").orElseThrow().ipv4Address().orElseThrow()).hasToString("172.17.0.2/16");
    assertThat(probe.ports()).isNotEmpty();
  }
}
