package dev.cnm.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Engine;
import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.core.EngineState;
import dev.cnm.testkit.events.RecordingEngine;
import dev.cnm.testkit.faults.FaultInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything observable about an engine at one moment, for "this failed operation changed
 * nothing" checks: its whole state ({@link EngineState#export}: networks, containers, endpoints,
 * addresses, MACs, host ports of running containers, processes), and, when a {@link
 * FaultInjector} wraps its drivers, the host's port table, firewall rules and interfaces and what
 * the drivers and IPAM drivers hold. Left out: the engine's clock and its event history, which
 * move on with every operation, failed or not, and are a log rather than state.
 *
 * <pre>{@code
 * EngineSnapshot before = EngineSnapshot.of(engine, faults);
 * assertThatThrownBy(() -> engine.connect("dev", "web", EndpointSpec.empty()));
 * assertThat(EngineSnapshot.of(engine, faults)).isEqualTo(before); // CnmAssertions: prints what changed
 * }</pre>
 *
 * <p>A failed comparison names what changed, path by path ({@link #differences}), not two dumps
 * of the whole state.
 */
public final class EngineSnapshot {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String state;
  private final List<String> hostPorts;
  private final String rules;
  private final List<String> interfaces;
  private final List<String> held;

  private EngineSnapshot(String state, List<String> hostPorts, String rules, List<String> interfaces, List<String> held) {
    this.state = state;
    this.hostPorts = hostPorts;
    this.rules = rules;
    this.interfaces = interfaces;
    this.held = held;
  }

  /**
   * {@return the engine's exported state only (a {@link RecordingEngine} is seen through)}
   *
   * @param engine the engine, or a {@link RecordingEngine} around it
   */
  public static EngineSnapshot of(Engine engine) {
    return new EngineSnapshot(export(engine), List.of(), "", List.of(), List.of());
  }

  /**
   * {@return the engine's exported state, plus the host tables of the context the injector's
   * wrapped drivers were created with (any of them: cnm gives all drivers one host) and what they
   * hold}
   *
   * @param engine the engine, or a {@link RecordingEngine} around it
   * @param faults the injector that wraps the engine's drivers
   */
  public static EngineSnapshot of(Engine engine, FaultInjector faults) {
    requireNonNull(faults, "faults");
    Optional<DriverContext> context = faults.context("bridge");
    List<String> ports = new ArrayList<>();
    List<String> ifaces = new ArrayList<>();
    String rules = "";
    if (context.isPresent()) {
      for (AllocatedPort p : context.get().hostPorts().allocatedPorts()) {
        ports.add(p.toString());
      }
      for (HostInterface i : context.get().interfaces().list()) {
        ifaces.add(i.name() + " " + i.kind() + " mtu " + i.mtu() + " " + i.addresses()
            + i.master().map(m -> " master " + m).orElse("") + i.peer().map(m -> " peer " + m).orElse(""));
      }
      rules = context.get().rules().save();
    }
    return new EngineSnapshot(export(engine), List.copyOf(ports), rules, List.copyOf(ifaces), faults.held());
  }

  private static String export(Engine engine) {
    requireNonNull(engine, "engine");
    Engine e = engine instanceof RecordingEngine ? ((RecordingEngine) engine).delegate() : engine;
    try {
      JsonNode doc = MAPPER.readTree(EngineState.export(e));
      if (doc instanceof ObjectNode) {
        // The host's id in its cluster is its identity, not state an operation changes; two
        // worlds built alike differ in it.
        ((ObjectNode) doc).remove(List.of("clock", "timerSeq", "events", "hostId"));
      }
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** {@return the engine's state as {@link EngineState#export} writes it (JSON)} */
  public String state() {
    return state;
  }

  /** {@return the host's allocated ports ({@code 0.0.0.0:8080/tcp}), sorted} */
  public List<String> hostPorts() {
    return hostPorts;
  }

  /** {@return the host's firewall rules as {@code iptables-save} prints them} */
  public String rules() {
    return rules;
  }

  /**
   * {@return the host's network interfaces (name, kind, MTU, addresses, master, peer; not the
   * index, which never goes back)}
   */
  public List<String> interfaces() {
    return interfaces;
  }

  /** {@return what the wrapped drivers hold ({@link FaultInjector#held()})} */
  public List<String> held() {
    return held;
  }

  /**
   * {@return what changed from {@code before} to this snapshot, one short line per change and
   * part; empty when equal} The engine state is compared as a JSON tree, so a line names the
   * path that was added, removed or changed, with the values ({@code engine state: changed
   * containers[web].endpoints[dev].ipv4: "172.18.0.2" -> "172.18.0.3"}); array elements are named
   * by their name or short id. Host ports, interfaces and held resources are compared as lists
   * ({@code host ports: added 0.0.0.0:8080/tcp}), rules line by line ({@code rules: added -A
   * DOCKER ...}).
   *
   * <pre>{@code
   * EngineSnapshot after = EngineSnapshot.of(engine, faults);
   * after.differences(before).forEach(System.out::println);
   * }</pre>
   *
   * @param before the snapshot to compare with, taken earlier
   */
  public List<String> differences(EngineSnapshot before) {
    requireNonNull(before, "before");
    List<String> d = new ArrayList<>();
    if (!state.equals(before.state)) {
      List<String> changes = JsonDiff.diff(tree(before.state), tree(state));
      if (changes.isEmpty()) {
        d.add("engine state: the same tree, written differently");
      }
      changes.forEach(c -> d.add("engine state: " + c));
    }
    lines(d, "host ports", before.hostPorts, hostPorts);
    if (!rules.equals(before.rules)) {
      lines(d, "rules", List.of(before.rules.split("\n")), List.of(rules.split("\n")));
    }
    lines(d, "interfaces", before.interfaces, interfaces);
    lines(d, "held by drivers", before.held, held);
    return d;
  }

  /**
   * Adds {@code part: removed x} and {@code part: added y} lines for the entries of {@code now}
   * and {@code was} that the other lacks (counted, so a duplicate that appears shows too).
   */
  private static void lines(List<String> d, String part, List<String> was, List<String> now) {
    if (was.equals(now)) {
      return;
    }
    Map<String, Integer> left = counts(now);
    for (String w : was) {
      if (left.merge(w, -1, Integer::sum) < 0) {
        d.add(part + ": removed " + w);
      }
    }
    Map<String, Integer> right = counts(was);
    for (String n : now) {
      if (right.merge(n, -1, Integer::sum) < 0) {
        d.add(part + ": added " + n);
      }
    }
    if (counts(was).equals(counts(now))) {
      d.add(part + ": the same entries in another order: " + now);
    }
  }

  private static Map<String, Integer> counts(List<String> items) {
    Map<String, Integer> c = new HashMap<>();
    items.forEach(i -> c.merge(i, 1, Integer::sum));
    return c;
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("EngineState.export wrote no JSON", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EngineSnapshot && differences((EngineSnapshot) o).isEmpty();
  }

  @Override
  public int hashCode() {
    return state.hashCode() * 31 + held.hashCode();
  }

  /**
   * A short summary (the network and container names, the counts of the rest), not the state:
   * {@link #differences} says what changed, and {@code CnmAssertions.assertThat(snapshot)} prints
   * it when an equality check fails.
   */
  @Override
  public String toString() {
    JsonNode t = tree(state);
    List<String> networks = new ArrayList<>();
    t.path("networks").forEach(n -> networks.add(n.path("spec").path("name").asText()));
    List<String> containers = new ArrayList<>();
    t.path("containers").forEach(c -> containers.add(c.path("name").asText()));
    return "EngineSnapshot{networks=" + networks + ", containers=" + containers + ", hostPorts=" + hostPorts
        + ", rules=" + (rules.isEmpty() ? 0 : rules.split("\n").length) + " lines, interfaces=" + interfaces.size()
        + ", held=" + held.size() + "}";
  }
}
