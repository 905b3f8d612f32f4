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

  /** The network has this name. */
  public NetworkAssert hasName(String name) {
    isNotNull();
    if (!actual.name().equals(name)) {
      failWithMessage("Expecting network name to be %s but was:%n%s", name, Describe.network(actual));
    }
    return this;
  }

  /** The network uses this driver. */
  public NetworkAssert hasDriver(String driver) {
    isNotNull();
    if (!actual.driver().equals(driver)) {
      failWithMessage("Expecting driver %s but was:%n%s", driver, Describe.network(actual));
    }
    return this;
  }

  /** One of the network's IPAM pools has this subnet ({@code 172.18.0.0/16}). */
  public NetworkAssert hasSubnet(String subnet) {
    isNotNull();
    Subnet s = Subnet.parse(subnet);
    if (actual.ipamConfigs().stream().noneMatch(p -> p.subnet().equals(s))) {
      failWithMessage("Expecting subnet %s but was:%n%s", subnet, Describe.network(actual));
    }
    return this;
  }

  /** One of the network's IPAM pools has this gateway. */
  public NetworkAssert hasGateway(String gateway) {
    isNotNull();
    IpAddress g = IpAddress.parse(gateway);
    if (actual.ipamConfigs().stream().map(IpamPoolInfo::gateway).noneMatch(o -> o.equals(Optional.of(g)))) {
      failWithMessage("Expecting gateway %s but was:%n%s", gateway, Describe.network(actual));
    }
    return this;
  }

  /** The network has this label. */
  public NetworkAssert hasLabel(String key, String value) {
    isNotNull();
    if (!value.equals(actual.labels().get(key))) {
      failWithMessage("Expecting label %s=%s but labels were %s", key, value, actual.labels());
    }
    return this;
  }

  /** The network has this driver option. */
  public NetworkAssert hasOption(String key, String value) {
    isNotNull();
    if (!value.equals(actual.options().get(key))) {
      failWithMessage("Expecting option %s=%s but options were %s", key, value, actual.options());
    }
    return this;
  }

  /** The network has an endpoint for the container named (or with the id) {@code container}. */
  public EndpointAssert hasEndpointFor(String container) {
    isNotNull();
    Optional<EndpointInfo> e = actual.endpoints().stream()
        .filter(x -> x.name().equals(container) || x.containerId().startsWith(container)).findFirst();
    if (e.isEmpty()) {
      failWithMessage("Expecting an endpoint for %s but was:%n%s", container, Describe.network(actual));
    }
    return new EndpointAssert(e.orElseThrow());
  }

  /** The network has no endpoint. */
  public NetworkAssert hasNoEndpoints() {
    isNotNull();
    if (!actual.endpoints().isEmpty()) {
      failWithMessage("Expecting no endpoint but was:%n%s", Describe.network(actual));
    }
    return this;
  }
}
