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

  /** {@return whether two containers of the network reach each other (default true)} */
  @Value.Default
  public boolean peersReachable() {
    return true;
  }

  /**
   * {@return whether a container reaches the host's own addresses through this network (default
   * true)}
   */
  @Value.Default
  public boolean hostReachable() {
    return true;
  }

  /**
   * {@return whether the containers' interfaces resolve neighbours with ARP, that is whether {@code
   * NOARP} is off (default true)}
   */
  @Value.Default
  public boolean arp() {
    return true;
  }

  /**
   * {@return the MAC address every container interface of the network shows when the driver gave
   * its endpoints none of their own (ipvlan: the parent's); empty when each has its own}
   */
  public abstract Optional<MacAddress> sharedMacAddress();

  /** {@return a bridge-like data plane: peers and host reachable, ARP on, no shared MAC} */
  public static DataPlane standard() {
    return STANDARD;
  }

  /** {@return a new builder, with every setting at its default} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DataPlane} values. */
  public static final class Builder extends ImmutableDataPlane.Builder {}
}
