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
 * Engine e = Engines.populated(1_000);   // 1 000 running containers on network "bench0"
 * }</pre>
 */
final class Engines {
  /** The user network the probe runs on; populated engines have more, {@code bench1}... */
  static final String NETWORK = "bench0";
  /**
   * Containers per user network. A Linux bridge takes at most 1 024 ports ({@code exchange full}
   * past that), and cnm models it, so a big population is spread over many networks, as it would
   * have to be on a real Docker host.
   */
  static final int PER_NETWORK = 1000;

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
    return ContainerSpec.builder().image("alpine").tty(true).name(name).networkMode(NetworkMode.network(NETWORK)).build();
  }

  /**
   * A fresh engine with {@code n} running containers {@code c0..c<n-1>}, 1 000 per user network
   * {@code bench0, bench1, ...} (subnets {@code 10.x.y.0/22} of 10.0.0.0/8, 1 022 addresses each);
   * {@code bench0} always exists and keeps room for a probe.
   */
  static Engine populated(int n) {
    Engine e = fresh(1);
    int networks = Math.max(1, (n + PER_NETWORK - 1) / PER_NETWORK);
    for (int k = 0; k < networks; k++) {
      int base = k * 4; // a /22 is four /24s
      Subnet subnet = Subnet.parse("10." + (base >> 8) + "." + (base & 255) + ".0/22");
      e.createNetwork(NetworkSpec.builder().name("bench" + k).addIpamConfig(IpamPoolSpec.ofSubnet(subnet)).build());
    }
    for (int i = 0; i < n; i++) {
      e.run(ContainerSpec.builder().image("alpine").tty(true).name("c" + i)
          .networkMode(NetworkMode.network("bench" + i / PER_NETWORK)).build());
    }
    return e;
  }

  /**
   * A fresh engine with {@code n} running containers {@code d0..d<n-1>} on one user network
   * {@code dns} ({@link FlatDriver}, {@code 10.0.0.0/18}): a bridge network cannot hold that many.
   */
  static Engine dnsNetwork(int n) {
    Engine e = Cnm.builder()
        .driver(new BridgeDriverProvider())
        .driver(new HostDriverProvider())
        .driver(new NullDriverProvider())
        .driver(FlatDriver.PROVIDER)
        .seed(1)
        .build();
    e.createNetwork(NetworkSpec.builder().name("dns").driver("flat")
        .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.0.0.0/18"))).build());
    for (int i = 0; i < n; i++) {
      e.run(ContainerSpec.builder().image("alpine").tty(true).name("d" + i).networkMode(NetworkMode.network("dns")).build());
    }
    return e;
  }
}
