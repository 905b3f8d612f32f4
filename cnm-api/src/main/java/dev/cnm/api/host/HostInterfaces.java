package dev.cnm.api.host;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.List;
import java.util.Optional;

/**
 * The network interfaces of the host's namespace: {@code lo}, {@code eth0}, the bridges drivers
 * create and the host ends of veth pairs attached to them, and the VLAN sub-interfaces and dummy
 * links macvlan and ipvlan networks use as parents. Container-side interfaces live in the
 * sandboxes, not here. Implementations are thread-safe.
 *
 * <p>A Linux bridge holds at most {@value #BRIDGE_MAX_PORTS} ports (the kernel's {@code
 * BR_MAX_PORTS} of 1024, port number 0 being reserved). Attaching one more fails with Docker's
 * {@code adding interface <veth> to bridge <bridge> failed: exchange full} (moby/moby#14718,
 * #44973), a {@link SystemException}. Other misuse (a duplicate name, an unknown bridge, a name
 * longer than 15 characters) is a driver bug and an {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * HostInterfaces ifs = ...; // DriverContext.hostInterfaces()
 * ifs.addBridge("br-1a2b3c4d5e6f", List.of(Subnet.parse("172.18.0.1/16")), 1500);
 * ifs.addVeth("veth1a2b3c4", "eth0", "br-1a2b3c4d5e6f", 1500);
 * ifs.bridgePorts("br-1a2b3c4d5e6f"); // [veth1a2b3c4]
 * }</pre>
 */
public interface HostInterfaces {
  /** The most ports one bridge holds. */
  int BRIDGE_MAX_PORTS = 1023;

  /**
   * Creates bridge {@code name} with {@code addresses} (each an address and its prefix, e.g. the
   * gateway {@code 172.18.0.1/16}) and {@code mtu}.
   *
   * @param name the bridge's name, such as {@code br-0123456789ab}
   * @param addresses the bridge's addresses with their prefix lengths
   * @param mtu the bridge's MTU
   * @return the new bridge
   */
  HostInterface addBridge(String name, List<Subnet> addresses, int mtu);

  /**
   * Deletes bridge {@code name}; ports still attached to it are detached, as the kernel does.
   *
   * @param name the bridge's name
   */
  void removeBridge(String name);

  /**
   * Creates a veth pair whose host end {@code name} is attached to {@code bridge} and whose other
   * end is {@code peer} (moved into a sandbox by the caller). Nothing is created on failure.
   *
   * @param name the host end's name, such as {@code veth1a2b3c4}
   * @param peer the container end's name
   * @param bridge the bridge the host end is attached to
   * @param mtu the MTU of both ends
   * @return the host end
   * @throws SystemException {@code adding interface <name> to bridge <bridge> failed: exchange full}
   *     when the bridge already holds {@value #BRIDGE_MAX_PORTS} ports
   */
  HostInterface addVeth(String name, String peer, String bridge, int mtu);

  /**
   * Deletes the veth {@code name} (and so its peer).
   *
   * @param name the host end's name
   */
  void removeVeth(String name);

  /**
   * Creates the 802.1q sub-interface {@code name} ({@code eth0.10}) of {@code link} with VLAN id
   * {@code vlanId}, as {@code ip link add link eth0 name eth0.10 type vlan id 10} does: it takes
   * its link's MTU and MAC address.
   *
   * @param name the sub-interface's name, such as {@code eth0.10}
   * @param link the interface it sits on, such as {@code eth0}
   * @param vlanId the 802.1q VLAN id, 1 to 4094
   * @return the new sub-interface
   * @throws IllegalArgumentException when {@code link} does not exist, {@code name} is taken or
   *     invalid, or {@code vlanId} is not 1 to 4094
   */
  HostInterface addVlan(String name, String link, int vlanId);

  /**
   * Creates the dummy link {@code name} (MTU 1500) with {@code mac}, as {@code ip link add name
   * type dummy} does.
   *
   * @param name the link's name, such as {@code dm-0123456789ab}
   * @param mac the link's MAC address
   * @return the new dummy link
   * @throws IllegalArgumentException when {@code name} is taken or invalid
   */
  HostInterface addDummy(String name, MacAddress mac);

  /**
   * Deletes the VLAN sub-interface or dummy link {@code name}.
   *
   * @param name the sub-interface's or dummy link's name
   * @throws IllegalArgumentException when {@code name} is no VLAN or dummy link
   */
  void removeLink(String name);

  /**
   * {@return the interface {@code name}, if it exists}
   *
   * @param name the interface's name
   */
  Optional<HostInterface> get(String name);

  /** {@return every interface, by index} */
  List<HostInterface> list();

  /**
   * {@return the names of the ports attached to {@code bridge}, in attachment order}
   *
   * @param bridge the bridge's name
   */
  List<String> bridgePorts(String bridge);
}
