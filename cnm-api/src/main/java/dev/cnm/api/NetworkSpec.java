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

  /** The network's name; unique among networks. */
  public abstract String name();

  /** {@code --driver}; {@code bridge} by default. */
  @Value.Default
  public String driver() {
    return "bridge";
  }

  /** {@code --ipam-driver}; {@code default} by default. */
  @Value.Default
  public String ipamDriver() {
    return "default";
  }

  /** {@code --ipam-opt}. */
  public abstract Map<String, String> ipamOptions();

  /** The IPv4 and IPv6 pool entries, in the order given. */
  public abstract List<IpamPoolSpec> ipamConfigs();

  /** {@code --internal}: no external connectivity and no port publishing. */
  @Value.Default
  public boolean internal() {
    return false;
  }

  /** {@code --attachable}. */
  @Value.Default
  public boolean attachable() {
    return false;
  }

  /** {@code --ingress}. */
  @Value.Default
  public boolean ingress() {
    return false;
  }

  /** {@code --ipv4}; on by default. */
  @Value.Default
  public boolean enableIpv4() {
    return true;
  }

  /** {@code --ipv6}; off by default. */
  @Value.Default
  public boolean enableIpv6() {
    return false;
  }

  /** {@code --label}. */
  public abstract Map<String, String> labels();

  /** {@code --opt}: driver options, parsed by the driver. */
  public abstract Map<String, String> options();

  /** {@code --scope}: {@code local}, {@code global} or {@code swarm}; the driver's scope if empty. */
  public abstract Optional<String> scope();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A bridge network with every default: {@code docker network create NAME}. */
  public static NetworkSpec of(String name) {
    return builder().name(name).build();
  }

  /** Builds {@link NetworkSpec} values. */
  public static final class Builder extends ImmutableNetworkSpec.Builder {}
}
