package dev.cnm.testkit.arbitraries;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.Subnet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * A jqwik domain that makes {@link CnmArbitraries} the default for cnm's types: with it, a plain
 * {@code @ForAll Subnet}, {@code NetworkSpec}, {@code ContainerSpec} or {@code Topology} gets a
 * valid value.
 *
 * <pre>{@code
 * @Property
 * @Domain(CnmDomain.class)
 * void any_topology_deploys(@ForAll Topology topology) {
 *   topology.applyTo(Cnm.builder().seed(1).build());
 * }
 * }</pre>
 */
public class CnmDomain extends DomainContextBase {
  /** Created by jqwik for {@code @Domain(CnmDomain.class)}. */
  public CnmDomain() {}

  @Provide
  Arbitrary<Subnet> subnets() {
    return CnmArbitraries.subnets();
  }

  @Provide
  Arbitrary<NetworkSpec> networkSpecs() {
    return CnmArbitraries.networkSpecs();
  }

  @Provide
  Arbitrary<ContainerSpec> containerSpecs() {
    return CnmArbitraries.containerSpecs();
  }

  @Provide
  Arbitrary<Topology> topologies() {
    return CnmArbitraries.topologies();
  }
}
