package dev.cnm.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * An immutable snapshot of a network, as {@code docker network inspect} shows it.
 *
 * <pre>{@code
 * NetworkInfo dev = engine.createNetwork(NetworkSpec.of("dev"));
 * dev.id();                            // 64 hex characters
 * dev.ipamConfigs().get(0).subnet();   // 172.18.0.0/16
 * dev.endpoints();                     // the running containers attached
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class NetworkInfo {
  NetworkInfo() {}

  /** The 64-hex id. */
  public abstract String id();

  /** The first 12 characters of the id. */
  @Value.Derived
  public String shortId() {
    return id().substring(0, 12);
  }

  /** The unique name. */
  public abstract String name();

  /** The driver's type: {@code bridge}, {@code host}, {@code null}, {@code overlay}, ... */
  public abstract String driver();

  /** Where the network lives. */
  public abstract Scope scope();

  /** When it was created. */
  public abstract Instant created();

  /** Whether IPv4 is enabled. */
  public abstract boolean enableIpv4();

  /** Whether IPv6 is enabled. */
  public abstract boolean enableIpv6();

  /** The IPAM driver's name. */
  public abstract String ipamDriver();

  /** The IPAM options. */
  public abstract Map<String, String> ipamOptions();

  /** The pools held, IPv4 first. */
  public abstract List<IpamPoolInfo> ipamConfigs();

  /** Whether the network is internal. */
  public abstract boolean internal();

  /** Whether the network is attachable. */
  public abstract boolean attachable();

  /** Whether the network is the ingress network. */
  public abstract boolean ingress();

  /** The driver options as given (and the predefined ones Docker reports). */
  public abstract Map<String, String> options();

  /** The user's labels. */
  public abstract Map<String, String> labels();

  /** Whether this is one of the predefined networks {@code bridge}, {@code host}, {@code none}. */
  public abstract boolean predefined();

  /** The endpoints of running containers, in container-id order. */
  public abstract List<EndpointInfo> endpoints();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NetworkInfo} values. */
  public static final class Builder extends ImmutableNetworkInfo.Builder {}
}
