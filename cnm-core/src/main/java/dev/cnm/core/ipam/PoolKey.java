package dev.cnm.core.ipam;

import dev.cnm.api.net.Subnet;

/**
 * A parsed pool id (libnetwork {@code PoolID}/{@code SubnetKey}): {@code <space>/<subnet>} or
 * {@code <space>/<subnet>/<child>}.
 */
final class PoolKey {
  final String addressSpace;
  final Subnet subnet;
  final Subnet child;

  private PoolKey(String addressSpace, Subnet subnet, Subnet child) {
    this.addressSpace = addressSpace;
    this.subnet = subnet;
    this.child = child;
  }

  /** The key of {@code id}, or null if it is not one. */
  static PoolKey parse(String id) {
    String[] p = id.split("/", -1);
    if (p.length != 3 && p.length != 5) {
      return null;
    }
    Subnet subnet = Subnet.tryParse(p[1] + "/" + p[2]).orElse(null);
    if (subnet == null) {
      return null;
    }
    Subnet child = null;
    if (p.length == 5) {
      child = Subnet.tryParse(p[3] + "/" + p[4]).orElse(null);
      if (child == null) {
        return null;
      }
    }
    return new PoolKey(p[0], subnet, child);
  }

  @Override
  public String toString() {
    return addressSpace + "/" + subnet + (child == null ? "" : "/" + child);
  }
}
