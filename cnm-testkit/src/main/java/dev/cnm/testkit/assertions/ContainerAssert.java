package dev.cnm.testkit.assertions;

import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link ContainerInfo}; failures show the container's status, endpoints and
 * published ports.
 *
 * <pre>{@code
 * assertThat(web).isRunning().hasAddressIn("172.18.0.0/16").publishes(80).on(8080);
 * assertThat(docker).hasContainer("web").canReach("db", 5432).cannotReach("cache", 6379);
 * }</pre>
 */
public final class ContainerAssert extends AbstractAssert<ContainerAssert, ContainerInfo> {
  /** The engine the container was found in, for the checks that ask the model; null when given a bare snapshot. */
  private final Engine engine;

  ContainerAssert(ContainerInfo actual) {
    this(actual, null);
  }

  ContainerAssert(ContainerInfo actual, Engine engine) {
    super(actual, ContainerAssert.class);
    this.engine = engine;
  }

  /**
   * Checks that the container has this status.
   *
   * @param status the expected status
   * @return this assertion
   */
  public ContainerAssert hasStatus(ContainerStatus status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage("Expecting status %s but was:%n%s", status, Describe.container(actual));
    }
    return this;
  }

  /**
   * Checks that the container is running.
   *
   * @return this assertion
   */
  public ContainerAssert isRunning() {
    return hasStatus(ContainerStatus.RUNNING);
  }

  /**
   * Checks that the container has this name.
   *
   * @param name the expected name, without Docker's leading slash
   * @return this assertion
   */
  public ContainerAssert hasName(String name) {
    isNotNull();
    if (!actual.name().equals(name)) {
      failWithMessage("Expecting name %s but was:%n%s", name, Describe.container(actual));
    }
    return this;
  }

  /**
   * Checks that the container is attached to {@code network} and has an endpoint there (it is
   * running); continues with the endpoint.
   *
   * @param network the network's name
   * @return assertions on the container's endpoint on {@code network}
   */
  public EndpointAssert isConnectedTo(String network) {
    isNotNull();
    AttachedNetwork att = actual.networks().get(network);
    if (att == null || att.endpoint().isEmpty()) {
      failWithMessage("Expecting an endpoint on %s but was:%n%s", network, Describe.container(actual));
    }
    return new EndpointAssert(att.endpoint().orElseThrow());
  }

  /**
   * Checks that the container is not attached to {@code network}.
   *
   * @param network the network's name
   * @return this assertion
   */
  public ContainerAssert isNotConnectedTo(String network) {
    isNotNull();
    if (actual.networks().containsKey(network)) {
      failWithMessage("Expecting no attachment to %s but was:%n%s", network, Describe.container(actual));
    }
    return this;
  }

  /**
   * Checks that one of the container's endpoints has an address inside {@code subnet}.
   *
   * @param subnet a CIDR prefix, such as {@code 172.18.0.0/16}
   * @return this assertion
   */
  public ContainerAssert hasAddressIn(String subnet) {
    isNotNull();
    Subnet s = Subnet.parse(subnet);
    boolean found = actual.networks().values().stream().map(AttachedNetwork::endpoint).flatMap(Optional::stream)
        .anyMatch((EndpointInfo e) -> EndpointAssert.in(e.ipv4Address(), s) || EndpointAssert.in(e.ipv6Address(), s));
    if (!found) {
      failWithMessage("Expecting an address in %s but was:%n%s", subnet, Describe.container(actual));
    }
    return this;
  }

  /**
   * Checks that the container publishes its TCP port {@code containerPort}; say where with
   * {@link PublishAssert#on}.
   *
   * @param containerPort the container's TCP port
   * @return assertions on where the port is published
   */
  public PublishAssert publishes(int containerPort) {
    return publishes(ExposedPort.tcp(containerPort));
  }

  /**
   * Checks that the container publishes {@code port} ({@code "53/udp"}); say where with
   * {@link PublishAssert#on}.
   *
   * @param port the container port with its protocol, such as {@code "53/udp"}
   * @return assertions on where the port is published
   */
  public PublishAssert publishes(String port) {
    return publishes(ExposedPort.parse(port));
  }

  private PublishAssert publishes(ExposedPort port) {
    isNotNull();
    if (actual.ports().stream().noneMatch(p -> p.containerPort().equals(port))) {
      failWithMessage("Expecting %s to be published but was:%n%s", port, Describe.container(actual));
    }
    return new PublishAssert(this, actual, port);
  }

  /**
   * Checks that the container publishes no port.
   *
   * @return this assertion
   */
  public ContainerAssert hasNoPublishedPorts() {
    isNotNull();
    if (!actual.ports().isEmpty()) {
      failWithMessage("Expecting no published port but was:%n%s", Describe.container(actual));
    }
    return this;
  }

  /**
   * From this container, {@code target} (a name it resolves, through {@code /etc/hosts} or the
   * embedded DNS, or an address) answers on TCP port {@code port}, as the model decides: the
   * engine's own {@code ping} ({@link Engine#exec}) must get through (a common network, ICC,
   * internal networks, isolation between networks), and the container holding the address must
   * listen on the port, which in the model means it exposes it (image {@code EXPOSE}, {@code
   * --expose}, or a container port of {@code -p}). An address that is not a container's (a
   * gateway, an external address) is only pinged. When not reachable, the failure gives the
   * model's reason: not on a common network, ICC disabled, only internal networks, not running,
   * not listening on the port.
   *
   * <p>Needs the engine: start from {@code assertThat(engine).hasContainer("web")}.
   *
   * <pre>{@code
   * assertThat(docker).hasContainer("web").canReach("db", 5432);
   * }</pre>
   *
   * @param target a name the container resolves, or an address
   * @param port the TCP port
   * @return this assertion
   */
  public ContainerAssert canReach(String target, int port) {
    return canReach(target, ExposedPort.tcp(port).toString());
  }

  /**
   * {@link #canReach(String, int)} for a port with its protocol ({@code "53/udp"}).
   *
   * @param target a name the container resolves, or an address
   * @param port the port with its protocol, such as {@code "53/udp"}
   * @return this assertion
   */
  public ContainerAssert canReach(String target, String port) {
    Reachability r = reach(target, port);
    if (!r.reachable) {
      failWithMessage("Expecting %s to reach %s on %s but %s%n%s", actual.name(), target, ExposedPort.parse(port),
          r.explanation, Describe.container(engine.findContainer(actual.id()).orElse(actual)));
    }
    return this;
  }

  /**
   * The opposite of {@link #canReach(String, int)}: {@code target} does not answer on TCP {@code
   * port} from this container; the failure tells how it is reached.
   *
   * <pre>{@code
   * assertThat(docker).hasContainer("web").cannotReach("db", 5432);
   * }</pre>
   *
   * @param target a name the container resolves, or an address
   * @param port the TCP port
   * @return this assertion
   */
  public ContainerAssert cannotReach(String target, int port) {
    return cannotReach(target, ExposedPort.tcp(port).toString());
  }

  /**
   * {@link #cannotReach(String, int)} for a port with its protocol ({@code "53/udp"}).
   *
   * @param target a name the container resolves, or an address
   * @param port the port with its protocol, such as {@code "53/udp"}
   * @return this assertion
   */
  public ContainerAssert cannotReach(String target, String port) {
    Reachability r = reach(target, port);
    if (r.reachable) {
      failWithMessage("Expecting %s not to reach %s on %s but it does: %s", actual.name(), target,
          ExposedPort.parse(port), r.explanation);
    }
    return this;
  }

  /**
   * The name does not resolve inside this (running) container through its embedded DNS ({@link
   * Engine#resolve}); the failure shows the records it resolved to.
   *
   * <pre>{@code
   * assertThat(docker).hasContainer("web").doesNotResolve("db");
   * }</pre>
   *
   * @param name the name to look up
   * @return this assertion
   */
  public ContainerAssert doesNotResolve(String name) {
    needEngine("doesNotResolve");
    java.util.List<dev.cnm.api.net.IpAddress> answers;
    try {
      answers = engine.resolve(actual.id(), name);
    } catch (CnmException e) {
      failWithMessage("Expecting %s not to resolve from %s but %s", name, actual.name(), e.getMessage());
      return this;
    }
    if (!answers.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (dev.cnm.api.net.IpAddress a : answers) {
        sb.append("\n  ").append(a).append(": ").append(Reachability.owner(engine, a)
            .map(ep -> engine.container(ep.containerId()).name() + " on " + ep.networkName() + ", dns names " + ep.dnsNames())
            .orElse("not a container of this engine"));
      }
      failWithMessage("Expecting %s not to resolve from %s but it resolved to:%s", name, actual.name(), sb);
    }
    return this;
  }

  private Reachability reach(String target, String port) {
    isNotNull();
    needEngine("canReach");
    return Reachability.of(engine, actual.id(), java.util.Objects.requireNonNull(target, "target"),
        ExposedPort.parse(port));
  }

  private void needEngine(String check) {
    if (engine == null) {
      failWithMessage("%s asks the model: start from assertThat(engine).hasContainer(\"%s\"), not from a container snapshot",
          check, actual.name());
    }
  }
}
