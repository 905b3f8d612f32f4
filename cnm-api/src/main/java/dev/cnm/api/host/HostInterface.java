package dev.cnm.api.host;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one network interface of the host's namespace, as {@code ip addr} would list it:
 * index, name, kind, MTU, addresses (each an address with its prefix, e.g. {@code 172.17.0.1/16}),
 * the bridge it is attached to ({@code master}), for a veth the name of its peer in the
 * container, for a VLAN sub-interface the interface it sits on ({@code link}, {@code ip link}'s
 * {@code eth0.10@eth0}), and its MAC address where the model knows it.
 *
 * <pre>{@code
 * HostInterface br = interfaces.get("docker0").orElseThrow();
 * br.kind();        // BRIDGE
 * br.addresses();   // [172.17.0.1/16]
 * br.mtu();         // 1500
 * }</pre>
 */
public final class HostInterface {
  /** What kind of link an interface is. */
  public enum Kind {
    /** {@code lo}. */
    LOOPBACK,
    /** A physical (or virtual machine) Ethernet interface such as {@code eth0}. */
    ETHERNET,
    /** A Linux bridge such as {@code docker0}. */
    BRIDGE,
    /** The host end of a veth pair. */
    VETH,
    /** An 802.1q VLAN sub-interface such as {@code eth0.10} (macvlan and ipvlan parents). */
    VLAN,
    /** A dummy link such as {@code dm-0123456789ab} (the parent of a macvlan network without one). */
    DUMMY
  }

  private final int index;
  /** The name; null when it is a generated veth name, kept as {@link #nameNumber}. */
  private final String name;
  /** A generated veth name's number ({@link VethName}), else -1. */
  private final int nameNumber;
  private final Kind kind;
  private final int mtu;
  private final List<Subnet> addresses;
  private final String master; // nullable
  /** The peer's name; null when there is none or it is kept as {@link #peerNumber}. */
  private final String peer;
  /** The peer's generated veth name's number ({@link VethName}), else -1. */
  private final int peerNumber;
  private final String link; // nullable
  private final MacAddress mac; // nullable

  private HostInterface(int index, String name, Kind kind, int mtu, List<Subnet> addresses, String master,
      String peer, String link, MacAddress mac) {
    checkArgument(index >= 1, "index %s", index);
    this.index = index;
    this.nameNumber = VethName.number(requireNonNull(name, "name"));
    this.name = nameNumber >= 0 ? null : name;
    this.kind = requireNonNull(kind, "kind");
    checkArgument(mtu >= 68 && mtu <= 65536, "mtu %s out of range", mtu);
    this.mtu = mtu;
    this.addresses = List.copyOf(addresses);
    this.master = master;
    this.peerNumber = peer == null ? -1 : VethName.number(peer);
    this.peer = peerNumber >= 0 ? null : peer;
    this.link = link;
    this.mac = mac;
  }

  /**
   * {@return an interface snapshot; {@code master} and {@code peer} may be null}
   *
   * @param index the interface index ({@code ifindex})
   * @param name the name, at most 15 characters
   * @param kind the kind
   * @param mtu the MTU, 68 to 65536
   * @param addresses the addresses with their prefix lengths
   * @param master the bridge the interface is attached to, or null
   * @param peer the other end of a veth, or null
   */
  public static HostInterface of(int index, String name, Kind kind, int mtu, List<Subnet> addresses, String master,
      String peer) {
    return new HostInterface(index, name, kind, mtu, addresses, master, peer, null, null);
  }

  /**
   * {@return an interface snapshot with the interface it sits on ({@code link}) and its MAC address;
   * {@code master}, {@code peer}, {@code link} and {@code mac} may be null}
   *
   * @param index the interface index ({@code ifindex})
   * @param name the name, at most 15 characters
   * @param kind the kind
   * @param mtu the MTU, 68 to 65536
   * @param addresses the addresses with their prefix lengths
   * @param master the bridge the interface is attached to, or null
   * @param peer the other end of a veth, or null
   * @param link the interface a VLAN sub-interface sits on, or null
   * @param mac the MAC address, or null where the model does not know it
   */
  public static HostInterface of(int index, String name, Kind kind, int mtu, List<Subnet> addresses, String master,
      String peer, String link, MacAddress mac) {
    return new HostInterface(index, name, kind, mtu, addresses, master, peer, link, mac);
  }

  /** {@return the interface index ({@code ifindex}), unique and increasing} */
  public int index() {
    return index;
  }

  /** {@return the name, at most 15 characters} */
  public String name() {
    return name != null ? name : VethName.text(nameNumber);
  }

  /** {@return the kind} */
  public Kind kind() {
    return kind;
  }

  /** {@return the MTU} */
  public int mtu() {
    return mtu;
  }

  /** {@return the addresses with their prefix lengths, IPv4 first} */
  public List<Subnet> addresses() {
    return addresses;
  }

  /** {@return the bridge this interface is attached to, if any} */
  public Optional<String> master() {
    return Optional.ofNullable(master);
  }

  /**
   * For a veth, the name of its peer (the container side).
   *
   * @return the name of a veth's peer (the container side); empty for other kinds
   */
  public Optional<String> peer() {
    return Optional.ofNullable(peerText());
  }

  private String peerText() {
    return peerNumber >= 0 ? VethName.text(peerNumber) : peer;
  }

  /** {@return for a VLAN sub-interface, the interface it sits on ({@code eth0} for {@code eth0.10})} */
  public Optional<String> link() {
    return Optional.ofNullable(link);
  }

  /**
   * {@return the MAC address, where the model knows it ({@code eth0}, VLANs, which share their
   * link's, and dummies)}
   */
  public Optional<MacAddress> mac() {
    return Optional.ofNullable(mac);
  }

  /**
   * {@return a copy with {@code master} changed (null: detached)}
   *
   * @param newMaster the bridge to attach to, or null to detach
   */
  public HostInterface withMaster(String newMaster) {
    return new HostInterface(index, name(), kind, mtu, addresses, newMaster, peerText(), link, mac);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HostInterface)) {
      return false;
    }
    HostInterface h = (HostInterface) o;
    return index == h.index && nameNumber == h.nameNumber && Objects.equals(name, h.name) && kind == h.kind
        && mtu == h.mtu && addresses.equals(h.addresses) && Objects.equals(master, h.master)
        && peerNumber == h.peerNumber && Objects.equals(peer, h.peer) && Objects.equals(link, h.link)
        && Objects.equals(mac, h.mac);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, name(), kind, mtu, addresses, master, peerText(), link, mac);
  }

  /**
   * {@code 3: docker0 BRIDGE mtu 1500 [172.17.0.1/16]}, plus {@code master br} / {@code peer p} /
   * {@code link eth0}.
   */
  @Override
  public String toString() {
    String p = peerText();
    return index + ": " + name() + " " + kind + " mtu " + mtu + " " + addresses
        + (master == null ? "" : " master " + master) + (p == null ? "" : " peer " + p)
        + (link == null ? "" : " link " + link);
  }
}
