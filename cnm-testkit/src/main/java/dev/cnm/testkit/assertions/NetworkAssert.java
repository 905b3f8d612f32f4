package dev.cnm.testkit.assertions;

import dev.cnm.api.EndpointInfo;
import dev.cnm.api.IpamPoolInfo;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link NetworkInfo}; failures show the network's IPAM and endpoints.
 *
 * <pre>{@code
 * assertThat(docker.network("dev")).hasDriver("bridge").hasSubnet("172.18.0.0/16").hasGateway("172.18.0.1");
 * }</pre>
 */
public final class NetworkAssert extends AbstractAssert<NetworkAssert, NetworkInfo> {
  NetworkAssert(NetworkInfo actual) {
    super(actual, NetworkAssert.class);
  }

  /**
   * Checks that the network has this name.
   *
   * @param name the expected name
   * @return this assertion
   */
  public NetworkAssert hasName(String name) {
    isNotNull();
    if (!actual.name().equals(name)) {
      failWithMessage("Expecting network name to be %s but was:%n%s", name, Describe.network(actual));
    }
    return this;
  }

  /**
   * Checks that the network uses this driver.
   *
   * @param driver the expected driver type, such as {@code bridge}
   * @return this assertion
   */
  public NetworkAssert hasDriver(String driver) {
    isNotNull();
    if (!actual.driver().equals(driver)) {
      failWithMessage("Expecting driver %s but was:%n%s", driver, Describe.network(actual));
    }
    return this;
  }

  /**
   * Checks that one of the network's IPAM pools has this subnet ({@code 172.18.0.0/16}).
   *
   * @param subnet the expected subnet, such as {@code 172.18.0.0/16}
   * @return this assertion
   */
  public NetworkAssert hasSubnet(String subnet) {
    isNotNull();
    Subnet s = Subnet.parse(subnet);
    if (actual.ipamConfigs().stream().noneMatch(p -> p.subnet().equals(s))) {
      failWithMessage("Expecting subnet %s but was:%n%s", subnet, Describe.network(actual));
    }
    return this;
  }

  /**
   * Checks that one of the network's IPAM pools has this gateway.
   *
   * @param gateway the expected gateway, such as {@code 172.18.0.1}
   * @return this assertion
   */
  public NetworkAssert hasGateway(String gateway) {
    isNotNull();
    IpAddress g = IpAddress.parse(gateway);
    if (actual.ipamConfigs().stream().map(IpamPoolInfo::gateway).noneMatch(o -> o.equals(Optional.of(g)))) {
      failWithMessage("Expecting gateway %s but was:%n%s", gateway, Describe.network(actual));
    }
    return this;
  }

  /**
   * Checks that the network has this label.
   *
   * @param key the label's name
   * @param value the label's expected value
   * @return this assertion
   */
  public NetworkAssert hasLabel(String key, String value) {
    isNotNull();
    if (!value.equals(actual.labels().get(key))) {
      failWithMessage("Expecting label %s=%s but labels were %s", key, value, actual.labels());
    }
    return this;
  }

  /**
   * Checks that the network has this driver option.
   *
   * @param key the option's name
   * @param value the option's expected value
   * @return this assertion
   */
  public NetworkAssert hasOption(String key, String value) {
    isNotNull();
    if (!value.equals(actual.options().get(key))) {
      failWithMessage("Expecting option %s=%s but options were %s", key, value, actual.options());
    }
    return this;
  }

  /**
   * Checks that the network has an endpoint for the container named (or with the id)
   * {@code container}; continues with it.
   *
   * @param container the container's name or id
   * @return assertions on the endpoint
   */
  public EndpointAssert hasEndpointFor(String container) {
    isNotNull();
    Optional<EndpointInfo> e = actual.endpoints().stream()
        .filter(x -> x.name().equals(container) || x.containerId().startsWith(container)).findFirst();
    if (e.isEmpty()) {
      failWithMessage("Expecting an endpoint for %s but was:%n%s", container, Describe.network(actual));
    }
    return new EndpointAssert(e.orElseThrow());
  }

  /**
   * Checks that the network has no endpoint.
   *
   * @return this assertion
   */
  public NetworkAssert hasNoEndpoints() {
    isNotNull();
    if (!actual.endpoints().isEmpty()) {
      failWithMessage("Expecting no endpoint but was:%n%s", Describe.network(actual));
    }
    return this;
  }
}
