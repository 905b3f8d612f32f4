package dev.cnm.benchmarks;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.Subnet;
import dev.cnm.core.Cnm;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;

/**
 * Engines for the engine-level benchmarks and the footprint report: Docker's defaults with the
 * real drivers, seeded so every run builds the same state.
 *
 * <pre>{@code
 * Engine e = Engines.populated(1_000);   // 1 000 running containers on network "bench"
 * }</pre>
 */
final class Engines {
  /** The user network the populated engines use: a /8, so a million containers fit. */
  static final String NETWORK = "bench";
  static final Subnet SUBNET = Subnet.parse("10.0.0.0/8");

  private Engines() {}

  /** A fresh engine with Docker's defaults and the bridge, host and null drivers. */
  static Engine fresh(long seed) {
    return Cnm.builder()
        .driver(new BridgeDriverProvider())
        .driver(new HostDriverProvider())
        .driver(new NullDriverProvider())
        .seed(seed)
        .build();
  }

  /** A container of {@code alpine} named {@code name} on the bench network. */
  static ContainerSpec onNetwork(String name) {
    return ContainerSpec.builder().image("alpine").name(name).networkMode(NetworkMode.network(NETWORK)).build();
  }

  /** A fresh engine with the bench network and {@code n} running containers {@code c0..c<n-1>}. */
  static Engine populated(int n) {
    Engine e = fresh(1);
    e.createNetwork(NetworkSpec.builder().name(NETWORK).addIpamConfig(IpamPoolSpec.ofSubnet(SUBNET)).build());
    for (int i = 0; i < n; i++) {
      e.run(onNetwork("c" + i));
    }
    return e;
  }
}
