package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.RestartPolicy;
import dev.cnm.api.StopOptions;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.event.Event;
import dev.cnm.api.event.EventQuery;
import dev.cnm.api.event.EventType;
import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.port.PortSpec;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.NetworkDriverProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Random sequences of run / kill / stop / start / rm / crash / clock advances over random
 * programs (built-in commands, shell scripts with sleeps, servers, interactive shells) and restart
 * policies: a container that is not running holds no endpoint, address or host port, the host's
 * port table holds exactly the running containers' ports, and the events tell the same story as
 * the states: every {@code die} ends a run, every run that ended has its {@code die}, the last
 * {@code die} carries the exit code inspect shows.
 */
class ProcessProperties {
  private static final List<String> NAMES = List.of("c1", "c2", "c3", "c4");
  private static final List<List<String>> COMMANDS = List.of(
      List.of("echo", "hi"),
      List.of("false"),
      List.of("sleep", "3"),
      List.of("sleep", "1000"),
      List.of("sh", "-c", "echo a; sleep 2 && exit 3"),
      List.of("sh", "-c", "sleep 1; false || echo recovered"),
      List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"),
      List.of("sh", "-c", "echo x | grep x"),
      List.of("nginx", "-g", "daemon off;"),
      List.of("redis-server"),
      List.of("getent", "hosts", "c1"),
      List.of("ping", "-c", "3", "localhost"),
      List.of());
  private static final List<RestartPolicy> POLICIES = List.of(RestartPolicy.no(), RestartPolicy.no(),
      RestartPolicy.always(), RestartPolicy.onFailure(2), RestartPolicy.unlessStopped());

  /** The engine, the bridge driver the host ports go through, and what the events said. */
  static final class World {
    final Engine engine;
    final TestDrivers.Bridge bridge;
    final List<Event> events = new ArrayList<>();
    /** By container id, from the events: whether it runs. */
    final Map<String, Boolean> running = new HashMap<>();
    final Map<String, String> lastExit = new HashMap<>();
    int seen;

    World(long seed) {
      TestDrivers.Bridge[] bridge = new TestDrivers.Bridge[1];
      this.engine = Cnm.builder().seed(seed)
          .driver(NetworkDriverProvider.of("bridge", ctx -> bridge[0] = new TestDrivers.Bridge(ctx)))
          .driver(NetworkDriverProvider.of("host", ctx -> new TestDrivers.Special("host")))
          .driver(NetworkDriverProvider.of("null", ctx -> new TestDrivers.Special("null")))
          .build();
      this.bridge = bridge[0];
      engine.subscribe(EventQuery.all(), events::add);
    }

    @Override
    public String toString() {
      return engine.containers().stream().map(c -> c.name() + ":" + c.status()).collect(Collectors.joining(" "));
    }
  }

  @Property(tries = 60)
  void exits_release_everything_and_events_match_the_states(@ForAll("chains") ActionChain<World> chain) {
    World w = chain.withInvariant(ProcessProperties::invariants).run();
    for (ContainerInfo c : w.engine.containers()) {
      w.engine.removeContainer(c.id(), true);
    }
    invariants(w);
    assertThat(w.bridge.context.hostPorts().allocatedPorts()).isEmpty();
    assertThat(w.running).isEmpty();
  }

  @Provide
  Arbitrary<ActionChain<World>> chains() {
    return ActionChain.<World>startWith(() -> new World(41))
        .withAction(3, op("run", Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(COMMANDS),
            Arbitraries.of(POLICIES), Arbitraries.of(false, true), Arbitraries.of("", "", "8080:80", "80"))
            .as(List::<Object>of), (e, a) -> e.run(spec(a))))
        .withAction(2, op("kill", Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of("", "TERM", "INT", "HUP", "9"))
            .as(List::<Object>of), (e, a) -> e.kill((String) a.get(0), (String) a.get(1))))
        .withAction(2, op("stop", Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(0, 1, 10))
            .as(List::<Object>of), (e, a) -> e.stop((String) a.get(0),
                StopOptions.builder().timeout((Integer) a.get(1)).build())))
        .withAction(2, op("start", Arbitraries.of(NAMES).map(List::<Object>of), (e, a) -> e.start((String) a.get(0))))
        .withAction(op("restart", Arbitraries.of(NAMES).map(List::<Object>of), (e, a) -> e.restart((String) a.get(0))))
        .withAction(op("crash", Arbitraries.of(NAMES).map(List::<Object>of), (e, a) -> e.crash((String) a.get(0), 2, false)))
        .withAction(2, op("rm", Combinators.combine(Arbitraries.of(NAMES), Arbitraries.of(true, false))
            .as(List::<Object>of), (e, a) -> e.removeContainer((String) a.get(0), (Boolean) a.get(1))))
        .withAction(3, op("advance", Arbitraries.of(0L, 100L, 1_000L, 2_500L, 15_000L).map(List::<Object>of),
            (e, a) -> e.advanceClock(Duration.ofMillis((Long) a.get(0)))))
        .withMaxTransformations(35);
  }

  private static ContainerSpec spec(List<Object> a) {
    @SuppressWarnings("unchecked")
    List<String> command = (List<String>) a.get(1);
    RestartPolicy policy = (RestartPolicy) a.get(2);
    boolean rm = (Boolean) a.get(3) && policy.isNone();
    ContainerSpec.Builder b = ContainerSpec.builder().name((String) a.get(0))
        .image(command.isEmpty() ? "alpine" : "busybox").command(command).tty(command.isEmpty())
        .restartPolicy(policy).autoRemove(rm);
    String publish = (String) a.get(4);
    if (!publish.isEmpty()) {
      b.portBindings(PortSpec.parse(publish));
    }
    return b.build();
  }

  interface Op {
    void apply(Engine engine, List<Object> arg);
  }

  private static Action.Independent<World> op(String name, Arbitrary<List<Object>> args, Op op) {
    return () -> args.map(arg -> Transformer.mutate(name + " " + arg, (Consumer<World>) w -> {
      try {
        op.apply(w.engine, arg);
      } catch (CnmException e) {
        // refused as dockerd refuses it (a name in use, not running, a port taken...): nothing changed
      }
    }));
  }

  /** Folds the new events into the model, checking that each one is a change of state. */
  private static void fold(World w) {
    for (; w.seen < w.events.size(); w.seen++) {
      Event e = w.events.get(w.seen);
      if (e.type() != EventType.CONTAINER) {
        continue;
      }
      String id = e.actorId();
      switch (e.action()) {
        case "create":
          assertThat(w.running).as("create %s", e.attribute("name")).doesNotContainKey(id);
          w.running.put(id, false);
          break;
        case "start":
          assertThat(w.running.get(id)).as("start of a stopped %s", e.attribute("name")).isFalse();
          w.running.put(id, true);
          break;
        case "die":
          assertThat(w.running.get(id)).as("die of a running %s", e.attribute("name")).isTrue();
          w.running.put(id, false);
          w.lastExit.put(id, e.attribute("exitCode"));
          break;
        case "destroy":
          assertThat(w.running.get(id)).as("destroy of a stopped %s", e.attribute("name")).isFalse();
          w.running.remove(id);
          w.lastExit.remove(id);
          break;
        default:
          break;
      }
    }
  }

  static void invariants(World w) {
    // A seeded clock steps a millisecond per reading, so what the last step's readings made due
    // runs at the next operation: run it all first, then look at one quiet state.
    while (w.engine.clock().runDue() > 0) {
      // again: the actions' own readings may have made more due
    }
    List<ContainerInfo> containers = w.engine.containers();
    fold(w); // after the read: the events of an operation reach listeners once it is over
    Map<String, Boolean> running = new HashMap<>();
    Set<String> ports = new TreeSet<>();
    for (ContainerInfo c : containers) {
      running.put(c.id(), c.isRunning());
      if (!c.isRunning()) {
        assertThat(c.networks().values()).as("%s (%s) holds no endpoint", c.name(), c.status())
            .allSatisfy(n -> assertThat(n.endpoint()).isEmpty());
        assertThat(c.ports()).as("%s (%s) holds no port", c.name(), c.status()).isEmpty();
        assertThat(c.pid()).isZero();
        if (c.finishedAt().isPresent()) {
          assertThat(String.valueOf(c.exitCode())).as("%s's exit code is its last die's", c.name())
              .isEqualTo(w.lastExit.get(c.id()));
        }
      }
      for (PublishedPort p : c.ports()) {
        ports.add(p.hostIp() + ":" + p.hostPort() + "/" + p.containerPort().protocol());
      }
    }
    assertThat(w.running).as("the events' story of who runs").isEqualTo(running);
    for (NetworkInfo n : w.engine.networks()) {
      for (EndpointInfo ep : n.endpoints()) {
        assertThat(running.get(ep.containerId())).as("endpoint %s on %s belongs to a running container", ep.name(),
            n.name()).isTrue();
      }
    }
    Set<String> held = new TreeSet<>();
    for (AllocatedPort p : w.bridge.context.hostPorts().allocatedPorts()) {
      held.add(p.hostIp() + ":" + p.port() + "/" + p.protocol());
    }
    assertThat(held).as("host ports held").isEqualTo(ports);
  }
}
