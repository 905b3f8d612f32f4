package dev.cnm.testkit;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Engine;
import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.core.EngineState;
import dev.cnm.testkit.events.RecordingEngine;
import dev.cnm.testkit.faults.FaultInjector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
 * assertThat(EngineSnapshot.of(engine, faults)).isEqualTo(before);
 * }</pre>
 */
public final class EngineSnapshot {
  private static final ObjectMapper JSON = new ObjectMapper();
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
      JsonNode doc = JSON.readTree(EngineState.export(e));
      if (doc instanceof ObjectNode) {
        ((ObjectNode) doc).remove(List.of("clock", "timerSeq", "events"));
      }
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
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
   * {@return the parts that differ from {@code other}, one line each naming the part; empty when
   * equal}
   *
   * @param other the snapshot to compare with
   */
  public List<String> differences(EngineSnapshot other) {
    List<String> d = new ArrayList<>();
    if (!state.equals(other.state)) {
      d.add("engine state:\n  was " + other.state + "\n  now " + state);
    }
    if (!hostPorts.equals(other.hostPorts)) {
      d.add("host ports: was " + other.hostPorts + ", now " + hostPorts);
    }
    if (!rules.equals(other.rules)) {
      d.add("rules:\n--- was\n" + other.rules + "--- now\n" + rules);
    }
    if (!interfaces.equals(other.interfaces)) {
      d.add("interfaces: was " + other.interfaces + ", now " + interfaces);
    }
    if (!held.equals(other.held)) {
      d.add("held by drivers: was " + other.held + ", now " + held);
    }
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EngineSnapshot && differences((EngineSnapshot) o).isEmpty();
  }

  @Override
  public int hashCode() {
    return state.hashCode() * 31 + held.hashCode();
  }

  @Override
  public String toString() {
    return "EngineSnapshot{held=" + held + ", hostPorts=" + hostPorts + ", state=" + state + "}";
  }
}
