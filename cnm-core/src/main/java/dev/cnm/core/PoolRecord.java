package dev.cnm.core;

import dev.cnm.api.IpamPoolInfo;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.Map;
import java.util.Optional;

/** One pool a network holds, with what was reserved in it at creation. */
final class PoolRecord {
  final String addressSpace;
  final String poolId;
  final Subnet pool;
  final Optional<Subnet> ipRange;
  final Optional<IpAddress> gateway;
  final Map<String, IpAddress> auxAddresses;

  PoolRecord(String addressSpace, String poolId, Subnet pool, Optional<Subnet> ipRange, Optional<IpAddress> gateway,
      Map<String, IpAddress> auxAddresses) {
    this.addressSpace = addressSpace;
    this.poolId = poolId;
    this.pool = pool;
    this.ipRange = ipRange;
    this.gateway = gateway;
    this.auxAddresses = Map.copyOf(auxAddresses);
  }

  IpamPoolInfo info() {
    return IpamPoolInfo.builder()
        .subnet(pool)
        .ipRange(ipRange)
        .gateway(gateway)
        .auxAddresses(auxAddresses)
        .poolId(poolId)
        .build();
  }
}
