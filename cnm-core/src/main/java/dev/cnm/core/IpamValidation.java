package dev.cnm.core;

import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daemon's up-front check of a network's IPAM configuration (Docker 28, {@code
 * ValidateIPAM} in moby's {@code api/types/network/ipam.go}): every problem of every entry is
 * collected and reported at once, prefixed with {@code invalid network config:} and one problem
 * per line, in moby's order and words.
 */
final class IpamValidation {
  private IpamValidation() {}

  static void validate(NetworkSpec spec) {
    List<String> errors = new ArrayList<>();
    for (IpamPoolSpec pool : spec.ipamConfigs()) {
      Optional<Subnet> subnet = pool.subnet();
      if (subnet.isEmpty()) {
        // moby parses the empty subnet and fails; a pool that asks for nothing is the Java API's
        // way to let the IPAM driver choose
        if (pool.ipRange().isPresent() || pool.gateway().isPresent() || !pool.auxAddresses().isEmpty()) {
          errors.add("invalid subnet : invalid CIDR block notation");
        }
        continue;
      }
      Subnet s = subnet.get();
      if (s.isV6() && !spec.enableIpv6()) {
        continue;
      }
      if (!s.isCanonical()) {
        errors.add("invalid subnet " + s + ": it should be " + s.canonical());
      }
      // moby's messages print the subnet as given (netip.Prefix keeps the host bits)
      pool.ipRange().ifPresent(r -> {
        if (r.isV6() != s.isV6()) {
          errors.add("invalid ip-range " + r + ": parent subnet is an IPv" + (s.isV6() ? "6" : "4") + " block");
          return;
        }
        if (r.prefixLength() < s.prefixLength()) {
          errors.add("invalid ip-range " + r + ": CIDR block is bigger than its parent subnet " + s);
        }
        if (!r.isCanonical()) {
          errors.add("invalid ip-range " + r + ": it should be " + r.canonical());
        }
        if (!s.canonical().overlaps(r.canonical())) {
          errors.add("invalid ip-range " + r + ": parent subnet " + s + " doesn't contain ip-range");
        }
      });
      pool.gateway().ifPresent(g -> address(s, g).ifPresent(e -> errors.add("invalid gateway " + g + ": " + e)));
      for (Map.Entry<String, IpAddress> aux : pool.auxAddresses().entrySet()) {
        address(s, aux.getValue())
            .ifPresent(e -> errors.add("invalid auxiliary address " + aux.getKey() + ": " + e));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidParameterException("invalid network config:\n" + String.join("\n", errors));
    }
  }

  private static Optional<String> address(Subnet parent, IpAddress address) {
    if (address.isV6() != parent.isV6()) {
      return Optional.of("parent subnet is an IPv" + (parent.isV6() ? "6" : "4") + " block");
    }
    if (!parent.canonical().contains(address)) {
      return Optional.of("parent subnet " + parent + " doesn't contain this address");
    }
    return Optional.empty();
  }
}
