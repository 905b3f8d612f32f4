package dev.cnm.testkit.assertions;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.ExposedPort;
import org.assertj.core.api.AbstractAssert;

/**
 * The second half of {@code publishes(80).on(8080)}: where a container port is published.
 *
 * <pre>{@code
 * assertThat(web).publishes(80).on(8080);                 // on any host address
 * assertThat(web).publishes("53/udp").on("127.0.0.1", 5353);
 * }</pre>
 */
public final class PublishAssert extends AbstractAssert<PublishAssert, ContainerInfo> {
  private final ContainerAssert container;
  private final ExposedPort port;

  PublishAssert(ContainerAssert container, ContainerInfo actual, ExposedPort port) {
    super(actual, PublishAssert.class);
    this.container = container;
    this.port = port;
  }

  /**
   * Checks that the port is published on host port {@code hostPort} (any host address); back to the
   * container.
   *
   * @param hostPort the expected host port
   * @return assertions on the container
   */
  public ContainerAssert on(int hostPort) {
    if (actual.ports().stream().noneMatch(p -> p.containerPort().equals(port) && p.hostPort() == hostPort)) {
      failWithMessage("Expecting %s published on host port %s but was:%n%s", port, hostPort, Describe.container(actual));
    }
    return container;
  }

  /**
   * Checks that the port is published on {@code hostIp:hostPort}; back to the container.
   *
   * @param hostIp the expected host address, such as {@code 127.0.0.1}
   * @param hostPort the expected host port
   * @return assertions on the container
   */
  public ContainerAssert on(String hostIp, int hostPort) {
    IpAddress ip = IpAddress.parse(hostIp);
    if (actual.ports().stream().noneMatch(p -> p.containerPort().equals(port) && p.hostPort() == hostPort
        && p.hostIp().equals(ip))) {
      failWithMessage("Expecting %s published on %s:%s but was:%n%s", port, hostIp, hostPort, Describe.container(actual));
    }
    return container;
  }
}
