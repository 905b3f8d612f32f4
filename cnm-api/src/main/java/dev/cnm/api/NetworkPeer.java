package dev.cnm.api;

import org.immutables.value.Value;

/**
 * A host with endpoints on a global network: {@code Peers[i]} of {@code docker network inspect
 * --verbose} ({@code {"Name": ..., "IP": ...}}).
 *
 * <pre>{@code
 * engine.network("ov").peers().forEach(p -> System.out.println(p.name() + " " + p.ip()));
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class NetworkPeer {
  NetworkPeer() {}

  /** {@return the host's name} */
  public abstract String name();

  /** {@return the host's address, empty when the host is not registered} */
  public abstract String ip();

  /**
   * {@return a peer}
   *
   * @param name the host's name
   * @param ip the host's address
   */
  public static NetworkPeer of(String name, String ip) {
    return builder().name(name).ip(ip).build();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link NetworkPeer} values. */
  public static final class Builder extends ImmutableNetworkPeer.Builder {}
}
