package dev.cnm.testkit.assertions;

import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.EndpointInfo;
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
 * }</pre>
 */
public final class ContainerAssert extends AbstractAssert<ContainerAssert, ContainerInfo> {
  ContainerAssert(ContainerInfo actual) {
    super(actual, ContainerAssert.class);
  }

  /** The container has this status. */
  public ContainerAssert hasStatus(ContainerStatus status) {
    isNotNull();
    if (actual.status() != status) {
      failWithMessage("Expecting status %s but was:%n%s", status, Describe.container(actual));
    }
    return this;
  }

  /** The container is running. */
  public ContainerAssert isRunning() {
    return hasStatus(ContainerStatus.RUNNING);
  }

  /** The container has this name. */
  public ContainerAssert hasName(String name) {
    isNotNull();
    if (!actual.name().equals(name)) {
      failWithMessage("Expecting name %s but was:%n%s", name, Describe.container(actual));
    }
    return this;
  }

  /**
   * The container is attached to {@code network} and has an endpoint there (it is running);
   * continues with the endpoint.
   */
  public EndpointAssert isConnectedTo(String network) {
    isNotNull();
    AttachedNetwork att = actual.networks().get(network);
    if (att == null || att.endpoint().isEmpty()) {
      failWithMessage("Expecting an endpoint on %s but was:%n%s", network, Describe.container(actual));
    }
    return new EndpointAssert(att.endpoint().orElseThrow());
  }

  /** The container is not attached to {@code network}. */
  public ContainerAssert isNotConnectedTo(String network) {
    isNotNull();
    if (actual.networks().containsKey(network)) {
      failWithMessage("Expecting no attachment to %s but was:%n%s", network, Describe.container(actual));
    }
    return this;
  }

  /** One of the container's endpoints has an address inside {@code subnet}. */
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

  /** The container publishes its TCP port {@code containerPort}; say where with {@link PublishAssert#on}. */
  public PublishAssert publishes(int containerPort) {
    return publishes(ExposedPort.tcp(containerPort));
  }

  /** The container publishes {@code port} ({@code "53/udp"}); say where with {@link PublishAssert#on}. */
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

  /** The container publishes no port. */
  public ContainerAssert hasNoPublishedPorts() {
    isNotNull();
    if (!actual.ports().isEmpty()) {
      failWithMessage("Expecting no published port but was:%n%s", Describe.container(actual));
    }
    return this;
  }
}
