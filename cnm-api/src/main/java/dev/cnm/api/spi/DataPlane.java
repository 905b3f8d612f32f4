package dev.cnm.api.spi;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.MacAddress;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How one network's data plane carries a container's packets, as the engine's reachability model
 * ({@code docker exec ... ping}, {@code ip addr}) needs to know it. The default is a bridge's:
 * containers of the network reach each other and the host, and their interfaces answer ARP with
 * their own MAC. A macvlan network in {@code private} mode isolates its containers; macvlan and
 * ipvlan containers never reach the host through their parent (the kernel does not hand a
 * sub-interface's traffic to its parent's own stack); ipvlan interfaces share their parent's MAC
 * and, in L3 mode, do no ARP.
 *
 * <pre>{@code
 * public DataPlane dataPlane(String networkId) {
 *   return DataPlane.builder().hostReachable(false).peersReachable(!mode.equals("private")).build();
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class DataPlane {
  private static final DataPlane STANDARD = builder().build();

  DataPlane() {}

  /** Whether two containers of the network reach each other. */
  @Value.Default
  public boolean peersReachable() {
    return true;
  }

  /** Whether a container reaches the host's own addresses through this network. */
  @Value.Default
  public boolean hostReachable() {
    return true;
  }

  /** Whether the containers' interfaces resolve neighbours with ARP ({@code NOARP} is off). */
  @Value.Default
  public boolean arp() {
    return true;
  }

  /**
   * The MAC address every container interface of the network shows when the driver gave its
   * endpoints none of their own (ipvlan: the parent's).
   */
  public abstract Optional<MacAddress> sharedMacAddress();

  /** A bridge-like data plane: peers and host reachable, ARP on, no shared MAC. */
  public static DataPlane standard() {
    return STANDARD;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DataPlane} values. */
  public static final class Builder extends ImmutableDataPlane.Builder {}
}
