package dev.cnm.testkit.arbitraries;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PortSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for cnm's inputs: valid subnets, network and container names, DNS aliases,
 * {@code -p} port specs, network and container specs, and whole {@link Topology topologies}.
 * Every value is one Docker accepts; {@link CnmDomain} makes them the defaults for their types.
 *
 * <pre>{@code
 * @Property
 * void subnets_contain_their_gateway(@ForAll("subnets") Subnet s) { ... }
 *
 * @Provide
 * Arbitrary<Subnet> subnets() { return CnmArbitraries.subnets(); }
 * }</pre>
 */
public final class CnmArbitraries {
  private static final Set<String> PREDEFINED = Set.of("bridge", "host", "none", "default");
  private static final List<String> IMAGES = List.of("nginx", "redis", "postgres", "alpine", "busybox", "httpd");

  private CnmArbitraries() {}

  /**
   * Canonical private IPv4 subnets, {@code /16} to {@code /28}, inside {@code 10.0.0.0/8}.
   *
   * @return canonical private IPv4 subnets, {@code /16} to {@code /28}, inside {@code 10.0.0.0/8}
   */
  public static Arbitrary<Subnet> subnets() {
    return Combinators.combine(Arbitraries.integers().between(0, (1 << 24) - 1), Arbitraries.integers().between(16, 28))
        .as((bits, prefix) -> Subnet.of(IpAddress.ofV4((10 << 24) | bits), prefix).canonical());
  }

  /**
   * Names {@code docker network create} accepts, none of them a predefined network's.
   *
   * @return names {@code docker network create} accepts, none of them a predefined network's
   */
  public static Arbitrary<String> networkNames() {
    return name(1).filter(n -> !PREDEFINED.contains(n));
  }

  /**
   * Names {@code docker run --name} accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}).
   *
   * @return names {@code docker run --name} accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+})
   */
  public static Arbitrary<String> containerNames() {
    return name(2);
  }

  private static Arbitrary<String> name(int minLength) {
    Arbitrary<Character> first = Arbitraries.chars().alpha().numeric();
    Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars('_', '.', '-')
        .ofMinLength(minLength - 1).ofMaxLength(14);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  /**
   * DNS labels usable as network aliases: lower-case letters, digits and inner hyphens.
   *
   * @return DNS labels usable as network aliases: lower-case letters, digits and inner hyphens
   */
  public static Arbitrary<String> aliases() {
    Arbitrary<String> middle = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMaxLength(10);
    return Combinators.combine(Arbitraries.chars().range('a', 'z'), middle, Arbitraries.chars().range('a', 'z'))
        .as((a, m, z) -> a + m + z);
  }

  /**
   * {@code -p} specs: {@code 80}, {@code 8080:80}, {@code 127.0.0.1:8080:80/udp},
   * {@code 8000-8001:80-81}; container ports 1-65535, fixed host ports in 1024-9999.
   *
   * @return {@code -p} specs Docker accepts
   */
  public static Arbitrary<String> portSpecs() {
    Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
    Arbitrary<Integer> host = Arbitraries.integers().between(1024, 9999);
    Arbitrary<String> proto = Arbitraries.of("", "/tcp", "/udp");
    Arbitrary<String> ip = Arbitraries.of("", "127.0.0.1:", "0.0.0.0:");
    return Arbitraries.oneOf(
        Combinators.combine(port, proto).as((p, pr) -> p + pr),
        Combinators.combine(ip, host, port, proto).as((i, h, p, pr) -> i + h + ":" + p + pr),
        Combinators.combine(host, Arbitraries.integers().between(1, 65534)).as((h, p) -> h + "-" + (h + 1) + ":" + p + "-" + (p + 1)));
  }

  /** {@return the bindings of one {@link #portSpecs()} spec} */
  public static Arbitrary<List<PortBinding>> portBindings() {
    return portSpecs().map(PortSpec::parse);
  }

  /**
   * Bridge network specs: a valid name, and maybe a subnet and labels.
   *
   * @return bridge network specs: a valid name, and maybe a subnet and labels
   */
  public static Arbitrary<NetworkSpec> networkSpecs() {
    return Combinators.combine(networkNames(), subnets().optional(), Arbitraries.maps(
        Arbitraries.of("team", "env", "tier"), Arbitraries.of("a", "b")).ofMaxSize(2))
        .as((name, subnet, labels) -> {
          NetworkSpec.Builder b = NetworkSpec.builder();
          b.name(name).labels(labels);
          subnet.ifPresent(s -> b.addIpamConfigs(IpamPoolSpec.ofSubnet(s)));
          return b.build();
        });
  }

  /**
   * Container specs: a known image, a valid name, the default bridge network, maybe a published
   * port. Each has a terminal ({@code -t}), so that a shell image ({@code alpine}, {@code busybox})
   * keeps running as the servers do instead of exiting at once.
   *
   * @return container specs: a known image, a valid name, the default bridge network, maybe a
   *     published port
   */
  public static Arbitrary<ContainerSpec> containerSpecs() {
    return Combinators.combine(Arbitraries.of(IMAGES), containerNames(), portSpecs().optional())
        .as((image, name, ports) -> {
          ContainerSpec.Builder b = ContainerSpec.builder();
          b.image(image).name(name).tty(true);
          ports.ifPresent(p -> b.portBindings(PortSpec.parse(p)));
          return b.build();
        });
  }

  /**
   * Whole topologies: 1-4 user networks with distinct names and disjoint subnets, 1-6 containers
   * with distinct names, each run on one of them and connected to up to two more; each container
   * has a terminal ({@code -t}), so that every one keeps running.
   *
   * @return whole topologies of networks and the containers on them
   */
  public static Arbitrary<Topology> topologies() {
    Arbitrary<List<String>> networkNames = networkNames().list().ofMinSize(1).ofMaxSize(4).uniqueElements();
    Arbitrary<List<String>> containerNames = containerNames().list().ofMinSize(1).ofMaxSize(6).uniqueElements();
    Arbitrary<List<Integer>> choices = Arbitraries.integers().between(0, 1000).list().ofSize(18);
    return Combinators.combine(networkNames, containerNames, choices, Arbitraries.of(IMAGES).list().ofSize(6))
        .as((nets, names, pick, images) -> {
          List<NetworkSpec> networks = new ArrayList<>();
          for (int i = 0; i < nets.size(); i++) {
            NetworkSpec.Builder b = NetworkSpec.builder();
            b.name(nets.get(i)).addIpamConfigs(IpamPoolSpec.ofSubnet(Subnet.parse("10." + (100 + i) + ".0.0/24")));
            networks.add(b.build());
          }
          List<ContainerSpec> containers = new ArrayList<>();
          Map<String, List<String>> extra = new HashMap<>();
          for (int i = 0; i < names.size(); i++) {
            int first = pick.get(i * 3) % nets.size();
            ContainerSpec.Builder b = ContainerSpec.builder();
            b.image(images.get(i)).name(names.get(i)).tty(true).networkMode(NetworkMode.network(nets.get(first)));
            containers.add(b.build());
            List<String> more = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
              String n = nets.get(pick.get(i * 3 + k) % nets.size());
              if (!n.equals(nets.get(first)) && !more.contains(n)) {
                more.add(n);
              }
            }
            extra.put(names.get(i), more);
          }
          return new Topology(networks, containers, extra);
        });
  }
}
