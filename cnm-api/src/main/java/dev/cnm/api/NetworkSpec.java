package dev.cnm.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@code docker network create} asks for. Only the name is required; everything else has
 * Docker's default (driver {@code bridge}, IPAM driver {@code default}, IPv4 on, IPv6 off).
 *
 * <pre>{@code
 * NetworkSpec dev = NetworkSpec.of("dev");
 * NetworkSpec prod = NetworkSpec.builder()
 *     .name("prod")
 *     .addIpamConfig(IpamPoolSpec.ofSubnet(Subnet.parse("10.10.0.0/16")))
 *     .internal(true)
 *     .putLabel("env", "prod")
 *     .putOption("com.docker.network.bridge.enable_icc", "false")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class NetworkSpec {
  NetworkSpec() {}

  /** {@return the network's name; unique among networks} */
  public abstract String name();

  /**
   * {@code --driver}; {@code bridge} by default.
   *
   * @return the driver ({@code --driver}); {@code bridge} by default
   */
  @Value.Default
  public String driver() {
    return "bridge";
  }

  /**
   * {@code --ipam-driver}; {@code default} by default.
   *
   * @return the IPAM driver ({@code --ipam-driver}); {@code default} by default
   */
  @Value.Default
  public String ipamDriver() {
    return "default";
  }

  /**
   * {@code --ipam-opt}.
   *
   * @return the IPAM driver's options ({@code --ipam-opt})
   */
  public abstract Map<String, String> ipamOptions();

  /** {@return the IPv4 and IPv6 pool entries, in the order given} */
  public abstract List<IpamPoolSpec> ipamConfigs();

  /**
   * {@code --internal}: no external connectivity and no port publishing.
   *
   * @return whether the network is internal ({@code --internal}): no external connectivity and no
   *     port publishing
   */
  @Value.Default
  public boolean internal() {
    return false;
  }

  /**
   * {@code --attachable}.
   *
   * @return whether containers may connect to the network by hand ({@code --attachable}), which a
   *     swarm-scoped network needs
   */
  @Value.Default
  public boolean attachable() {
    return false;
  }

  /**
   * {@code --ingress}.
   *
   * @return whether this is the swarm's routing-mesh network ({@code --ingress})
   */
  @Value.Default
  public boolean ingress() {
    return false;
  }

  /**
   * {@code --ipv4}; on by default.
   *
   * @return whether IPv4 is enabled ({@code --ipv4}); on by default
   */
  @Value.Default
  public boolean enableIpv4() {
    return true;
  }

  /**
   * {@code --ipv6}; off by default.
   *
   * @return whether IPv6 is enabled ({@code --ipv6}); off by default
   */
  @Value.Default
  public boolean enableIpv6() {
    return false;
  }

  /**
   * {@code --label}.
   *
   * @return the labels ({@code --label})
   */
  public abstract Map<String, String> labels();

  /**
   * {@code --opt}: driver options, parsed by the driver.
   *
   * @return the driver options ({@code --opt}), which the driver parses
   */
  public abstract Map<String, String> options();

  /**
   * {@code --scope}: {@code local}, {@code global} or {@code swarm}; the driver's scope if empty.
   *
   * @return the scope ({@code --scope}): {@code local}, {@code global} or {@code swarm}; the
   *     driver's scope when empty
   */
  public abstract Optional<String> scope();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a bridge network with every default: {@code docker network create NAME}}
   *
   * @param name the network's name
   */
  public static NetworkSpec of(String name) {
    return builder().name(name).build();
  }

  /** Builds {@link NetworkSpec} values. */
  public static final class Builder extends ImmutableNetworkSpec.Builder {}
}
