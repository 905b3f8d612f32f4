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

  /** {@return the 64-hex id} */
  public abstract String id();

  /** {@return the first 12 characters of the id} */
  @Value.Derived
  public String shortId() {
    return id().substring(0, 12);
  }

  /** {@return the unique name} */
  public abstract String name();

  /**
   * {@return the driver's type: {@code bridge}, {@code host}, {@code null}, {@code overlay} and so
   * on}
   */
  public abstract String driver();

  /** {@return where the network lives} */
  public abstract Scope scope();

  /**
   * When it was created.
   *
   * @return when the network was created
   */
  public abstract Instant created();

  /** {@return whether IPv4 is enabled} */
  public abstract boolean enableIpv4();

  /** {@return whether IPv6 is enabled} */
  public abstract boolean enableIpv6();

  /** {@return the IPAM driver's name} */
  public abstract String ipamDriver();

  /** {@return the IPAM options} */
  public abstract Map<String, String> ipamOptions();

  /** {@return the pools held, IPv4 first} */
  public abstract List<IpamPoolInfo> ipamConfigs();

  /** {@return whether the network is internal} */
  public abstract boolean internal();

  /** {@return whether the network is attachable} */
  public abstract boolean attachable();

  /** {@return whether the network is the ingress network} */
  public abstract boolean ingress();

  /** {@return the driver options as given (and the predefined ones Docker reports)} */
  public abstract Map<String, String> options();

  /** {@return the user's labels} */
  public abstract Map<String, String> labels();

  /**
   * {@return whether this is one of the predefined networks {@code bridge}, {@code host},
   * {@code none}}
   */
  public abstract boolean predefined();

  /** {@return the endpoints of running containers, in container-id order} */
  public abstract List<EndpointInfo> endpoints();

  /**
   * {@return for a network shared through a cluster store, the hosts with endpoints on it (this
   * engine included when it has one), by name: {@code docker network inspect --verbose}'s {@code
   * Peers}; empty otherwise}
   */
  public abstract List<NetworkPeer> peers();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NetworkInfo} values. */
  public static final class Builder extends ImmutableNetworkInfo.Builder {}
}
