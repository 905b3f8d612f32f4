package dev.cnm.testkit.assertions;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractAssert;

/**
 * The addresses a name resolved to inside a container (the end of {@code
 * resolves("db").from("web")}); failures show the records the name resolved to (which container
 * and network each address is) and every name the container can resolve.
 *
 * <pre>{@code
 * assertThat(docker).resolves("db").from("web").to("172.18.0.3")
 *     .resolves("web").from("db").toAddressIn("172.18.0.0/16");
 * }</pre>
 */
public final class ResolutionAssert extends AbstractAssert<ResolutionAssert, List<IpAddress>> {
  private final EngineAssert engineAssert;
  private final Engine engine;
  private final String name;
  private final ContainerInfo self;

  ResolutionAssert(EngineAssert engineAssert, Engine engine, String name, ContainerInfo self, List<IpAddress> answers) {
    super(answers, ResolutionAssert.class);
    this.engineAssert = engineAssert;
    this.engine = engine;
    this.name = name;
    this.self = self;
  }

  /**
   * Checks that the name resolved to exactly these addresses, in any order (round-robin DNS
   * shuffles them); back to the engine.
   *
   * @param addresses the expected addresses, such as {@code 172.18.0.3}
   * @return assertions on the engine
   */
  public EngineAssert to(String... addresses) {
    TreeSet<IpAddress> expected = Stream.of(addresses).map(IpAddress::parse).collect(Collectors.toCollection(TreeSet::new));
    if (!new TreeSet<>(actual).equals(expected) || actual.size() != addresses.length) {
      failWithMessage("Expecting %s to resolve from %s to %s but it resolved to:%n%s", name, self.name(), expected,
          records());
    }
    return engineAssert;
  }

  /**
   * Checks that every address the name resolved to is inside {@code subnet}; back to the engine.
   *
   * @param subnet a CIDR prefix, such as {@code 172.18.0.0/16}
   * @return assertions on the engine
   */
  public EngineAssert toAddressIn(String subnet) {
    Subnet s = Subnet.parse(subnet);
    if (!actual.stream().allMatch(s::contains)) {
      failWithMessage("Expecting %s to resolve from %s to addresses in %s but it resolved to:%n%s", name, self.name(),
          subnet, records());
    }
    return engineAssert;
  }

  /** One line per address: {@code 172.18.0.3: db on dev, dns names [db, 3f2a...]}, then what the container sees. */
  private String records() {
    StringBuilder sb = new StringBuilder();
    for (IpAddress a : new TreeSet<>(actual)) {
      Optional<EndpointInfo> e = Reachability.owner(engine, a);
      sb.append("  ").append(a).append(": ").append(e.map(ep -> engine.container(ep.containerId()).name() + " on "
          + ep.networkName() + ", dns names " + ep.dnsNames()).orElse("not a container of this engine")).append('\n');
    }
    return sb.append("the names ").append(self.name()).append(" can resolve are ")
        .append(Reachability.namesSeenBy(engine, self)).toString();
  }

  static AssertionError failure(String message) {
    return new AssertionError(message);
  }
}
