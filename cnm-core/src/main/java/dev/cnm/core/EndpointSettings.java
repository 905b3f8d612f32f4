package dev.cnm.core;

import dev.cnm.api.EndpointSpec;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon's checks of a container's endpoint settings (moby {@code validateEndpointSettings},
 * {@code validateNetworkingConfig}, Engine 25+): a static address only on a user-defined network,
 * and only inside a subnet the user configured for it. Errors are gathered and joined as moby's
 * {@code multierror.Join} joins them.
 */
final class EndpointSettings {
  static final String UNSUPPORTED_NETWORK_AND_IP =
      "user specified IP address is supported on user defined networks only";
  static final String NO_USER_SUBNET =
      "user specified IP address is supported only when connecting to networks with user configured subnets";

  private EndpointSettings() {}

  /**
   * {@code docker create}'s check of every endpoint setting, keyed as given: a network that does
   * not exist yet is checked for its name only (it may be created before the container starts).
   *
   * @throws InvalidParameterException {@code invalid config for network dev: invalid endpoint
   *     settings:\n...}
   */
  static void validateCreate(Map<String, EndpointSpec> endpoints, Function<String, Optional<NetworkRecord>> find) {
    List<String> errors = new ArrayList<>();
    for (Map.Entry<String, EndpointSpec> e : endpoints.entrySet()) {
      List<String> bad = errors(e.getKey(), find.apply(e.getKey()), e.getValue());
      if (!bad.isEmpty()) {
        errors.add("invalid config for network " + e.getKey() + ": invalid endpoint settings:\n" + join(bad));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidParameterException(join(errors));
    }
  }

  /**
   * The check at connect and start ({@code updateNetworkConfig}), on the network found.
   *
   * @throws InvalidParameterException {@code invalid endpoint settings:\n...}
   */
  static void validate(NetworkRecord n, EndpointSpec spec) {
    List<String> bad = errors(n.name, Optional.of(n), spec);
    if (!bad.isEmpty()) {
      throw new InvalidParameterException("invalid endpoint settings:\n" + join(bad));
    }
  }

  private static List<String> errors(String name, Optional<NetworkRecord> n, EndpointSpec spec) {
    if (spec.ipv4Address().isEmpty() && spec.ipv6Address().isEmpty()) {
      return List.of();
    }
    List<String> errors = new ArrayList<>();
    // moby decides "user-defined" on the name as written, as its NetworkMode does.
    if (!NetworkMode.network(name).isUserDefined()) {
      errors.add(UNSUPPORTED_NETWORK_AND_IP);
    }
    if (n.isPresent()) {
      List<Subnet> configured = configuredSubnets(n.get());
      spec.ipv4Address().flatMap(ip -> inRange(ip, configured)).ifPresent(errors::add);
      spec.ipv6Address().flatMap(ip -> inRange(ip, configured)).ifPresent(errors::add);
    }
    return errors;
  }

  /**
   * The subnets the network was configured with: the user's {@code --subnet}s; the daemon creates
   * its default bridge with its subnet configured ({@code --bip}, else the one it picked).
   */
  private static List<Subnet> configuredSubnets(NetworkRecord n) {
    if (n.predefined) {
      List<Subnet> pools = new ArrayList<>();
      n.v4Pools.forEach(p -> pools.add(p.pool));
      n.v6Pools.forEach(p -> pools.add(p.pool));
      return pools;
    }
    return n.spec.ipamConfigs().stream().map(IpamPoolSpec::subnet).flatMap(Optional::stream).toList();
  }

  /**
   * moby's {@code validateEndpointIPAddress}: an address must lie in one of the subnets the user
   * configured for its family ({@code IpamConf.Contains} looks at the subnet, not the ip-range).
   */
  private static Optional<String> inRange(IpAddress ip, List<Subnet> configured) {
    boolean anyStatic = false;
    for (Subnet s : configured) {
      if (s.isV6() == ip.isV6()) {
        anyStatic = true;
        if (s.contains(ip)) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(anyStatic ? "no configured subnet or ip-range contain the IP address " + ip : NO_USER_SUBNET);
  }

  /** moby's {@code multierror.Join}: one error as it is, several as a {@code * } list. */
  static String join(List<String> errors) {
    if (errors.size() == 1) {
      return errors.get(0).strip();
    }
    StringBuilder b = new StringBuilder();
    for (String e : errors) {
      b.append(b.length() == 0 ? "* " : "\n* ").append(e.replace("\n", "\n\t"));
    }
    return b.toString();
  }
}
