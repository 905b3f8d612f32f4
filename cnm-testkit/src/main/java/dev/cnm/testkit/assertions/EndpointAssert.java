package dev.cnm.testkit.assertions;

import dev.cnm.api.EndpointInfo;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link EndpointInfo}; failures show the endpoint's addresses and names.
 *
 * <pre>{@code
 * assertThat(web).isConnectedTo("dev").hasAddressIn("172.18.0.0/16").hasAlias("frontend");
 * }</pre>
 */
public final class EndpointAssert extends AbstractAssert<EndpointAssert, EndpointInfo> {
  EndpointAssert(EndpointInfo actual) {
    super(actual, EndpointAssert.class);
  }

  /**
   * Checks that the endpoint's IPv4 or IPv6 address is {@code address} (without prefix length).
   *
   * @param address the expected address, such as {@code 172.18.0.2}
   * @return this assertion
   */
  public EndpointAssert hasAddress(String address) {
    isNotNull();
    IpAddress a = IpAddress.parse(address);
    if (!addressIs(actual.ipv4Address(), a) && !addressIs(actual.ipv6Address(), a)) {
      failWithMessage("Expecting address %s but was:%n%s", address, Describe.endpoint(actual));
    }
    return this;
  }

  /**
   * Checks that the endpoint has an address inside {@code subnet}.
   *
   * @param subnet a CIDR prefix, such as {@code 172.18.0.0/16}
   * @return this assertion
   */
  public EndpointAssert hasAddressIn(String subnet) {
    isNotNull();
    Subnet s = Subnet.parse(subnet);
    if (!in(actual.ipv4Address(), s) && !in(actual.ipv6Address(), s)) {
      failWithMessage("Expecting an address in %s but was:%n%s", subnet, Describe.endpoint(actual));
    }
    return this;
  }

  /**
   * Checks the endpoint's MAC address.
   *
   * @param mac the expected MAC address, such as {@code 02:42:ac:12:00:02}
   * @return this assertion
   */
  public EndpointAssert hasMacAddress(String mac) {
    isNotNull();
    if (!actual.macAddress().equals(Optional.of(MacAddress.parse(mac)))) {
      failWithMessage("Expecting MAC %s but was:%n%s", mac, Describe.endpoint(actual));
    }
    return this;
  }

  /**
   * Checks the endpoint's IPv4 gateway.
   *
   * @param gateway the expected gateway, such as {@code 172.18.0.1}
   * @return this assertion
   */
  public EndpointAssert hasGateway(String gateway) {
    isNotNull();
    if (!actual.gateway().equals(Optional.of(IpAddress.parse(gateway)))) {
      failWithMessage("Expecting gateway %s but was:%n%s", gateway, Describe.endpoint(actual));
    }
    return this;
  }

  /**
   * Checks that the endpoint has this alias (as the user gave it).
   *
   * @param alias the alias as the user gave it
   * @return this assertion
   */
  public EndpointAssert hasAlias(String alias) {
    isNotNull();
    if (!actual.aliases().contains(alias)) {
      failWithMessage("Expecting alias %s but was:%n%s", alias, Describe.endpoint(actual));
    }
    return this;
  }

  /**
   * Checks that the endpoint answers to this DNS name on its network.
   *
   * @param name the DNS name
   * @return this assertion
   */
  public EndpointAssert hasDnsName(String name) {
    isNotNull();
    if (!actual.dnsNames().contains(name)) {
      failWithMessage("Expecting DNS name %s but was:%n%s", name, Describe.endpoint(actual));
    }
    return this;
  }

  static boolean addressIs(Optional<Subnet> s, IpAddress a) {
    return s.isPresent() && s.get().address().equals(a);
  }

  static boolean in(Optional<Subnet> s, Subnet subnet) {
    return s.isPresent() && subnet.contains(s.get().address());
  }
}
