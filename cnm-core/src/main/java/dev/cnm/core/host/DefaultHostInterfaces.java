package dev.cnm.core.host;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.HostInterface.Kind;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.VethName;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory interfaces of one host: {@code lo} (index 1, {@code 127.0.0.1/8} and {@code
 * ::1/128}, MTU 65536) and {@code eth0} (index 2, MTU 1500, a configurable address, by default
 * {@code 192.168.1.10/24}, MAC {@code 52:54:00:12:34:56}), then whatever drivers add, with
 * increasing indexes.
 *
 * <pre>{@code
 * DefaultHostInterfaces ifs = DefaultHostInterfaces.create(Subnet.parse("10.0.0.5/24"));
 * ifs.addBridge("docker0", List.of(Subnet.parse("172.17.0.1/16")), 1500);
 * ifs.list(); // lo, eth0, docker0
 * }</pre>
 */
public final class DefaultHostInterfaces implements HostInterfaces {
  /** {@code eth0}'s address unless told otherwise. */
  public static final Subnet DEFAULT_HOST_ADDRESS = Subnet.parse("192.168.1.10/24");
  /** {@code eth0}'s MAC address: QEMU's first NIC, the usual virtual machine host. */
  public static final MacAddress ETH0_MAC = MacAddress.parse("52:54:00:12:34:56");

  /** The interfaces whose name is not a generated veth name, by name in index order. Guarded by {@code this}. */
  private final Map<String, HostInterface> byName = new LinkedHashMap<>();
  /**
   * Those whose name is one ({@code veth} + 7 hex digits: one per running container), by its
   * number. Guarded by {@code this}.
   */
  private final VethTable veths = new VethTable();
  /**
   * How many ports each bridge has. The ports themselves are the veths whose master it is, in
   * index order (a veth gets its master when it is made): a set of names per bridge
   * would cost an entry per running container. Guarded by {@code this}.
   */
  private final Map<String, int[]> portCounts = new HashMap<>();
  private int nextIndex = 1;

  private DefaultHostInterfaces(Subnet hostAddress) {
    add(HostInterface.of(nextIndex, "lo", Kind.LOOPBACK, 65536,
        List.of(Subnet.parse("127.0.0.1/8"), Subnet.parse("::1/128")), null, null, null, MacAddress.of(0)));
    add(HostInterface.of(nextIndex, "eth0", Kind.ETHERNET, 1500, List.of(hostAddress), null, null, null, ETH0_MAC));
  }

  /** {@return a host whose {@code eth0} has {@link #DEFAULT_HOST_ADDRESS}} */
  public static DefaultHostInterfaces create() {
    return new DefaultHostInterfaces(DEFAULT_HOST_ADDRESS);
  }

  /**
   * {@return a host whose {@code eth0} has {@code hostAddress} (an address with its prefix
   * length)}
   *
   * @param hostAddress the host's address with its prefix length, such as {@code 192.168.1.10/24}
   */
  public static DefaultHostInterfaces create(Subnet hostAddress) {
    return new DefaultHostInterfaces(requireNonNull(hostAddress, "hostAddress"));
  }

  @Override
  public synchronized HostInterface addBridge(String name, List<Subnet> addresses, int mtu) {
    checkNewName(name);
    HostInterface br = add(name, Kind.BRIDGE, mtu, requireNonNull(addresses, "addresses"), null, null);
    portCounts.put(name, new int[1]);
    return br;
  }

  @Override
  public synchronized void removeBridge(String name) {
    HostInterface br = find(requireNonNull(name, "name"));
    checkArgument(br != null && br.kind() == Kind.BRIDGE, "no bridge %s", name);
    portCounts.remove(name);
    byName.replaceAll((n, i) -> isPortOf(i, name) ? i.withMaster(null) : i);
    veths.replaceAll(i -> isPortOf(i, name) ? i.withMaster(null) : i);
    drop(name);
  }

  @Override
  public synchronized HostInterface addVeth(String name, String peer, String bridge, int mtu) {
    checkNewName(name);
    checkName(requireNonNull(peer, "peer"));
    int[] attached = portCounts.get(requireNonNull(bridge, "bridge"));
    checkArgument(attached != null, "no bridge %s", bridge);
    if (attached[0] >= BRIDGE_MAX_PORTS) {
      throw new SystemException("adding interface " + name + " to bridge " + bridge + " failed: exchange full");
    }
    HostInterface veth = add(name, Kind.VETH, mtu, List.of(), bridge, peer);
    attached[0]++;
    return veth;
  }

  @Override
  public synchronized void removeVeth(String name) {
    HostInterface veth = find(requireNonNull(name, "name"));
    checkArgument(veth != null && veth.kind() == Kind.VETH, "no veth %s", name);
    veth.master().ifPresent(br -> portCounts.get(br)[0]--);
    drop(name);
  }

  @Override
  public synchronized HostInterface addVlan(String name, String link, int vlanId) {
    checkNewName(name);
    HostInterface lower = find(requireNonNull(link, "link"));
    checkArgument(lower != null, "no interface %s", link);
    checkArgument(vlanId >= 1 && vlanId <= 4094, "vlan id %s not in 1-4094", vlanId);
    return add(HostInterface.of(nextIndex, name, Kind.VLAN, lower.mtu(), List.of(), null, null, link,
        lower.mac().orElse(null)));
  }

  @Override
  public synchronized HostInterface addDummy(String name, MacAddress mac) {
    checkNewName(name);
    return add(HostInterface.of(nextIndex, name, Kind.DUMMY, 1500, List.of(), null, null, null,
        requireNonNull(mac, "mac")));
  }

  @Override
  public synchronized void removeLink(String name) {
    HostInterface link = find(requireNonNull(name, "name"));
    checkArgument(link != null && (link.kind() == Kind.VLAN || link.kind() == Kind.DUMMY), "no vlan or dummy link %s",
        name);
    drop(name);
  }

  @Override
  public synchronized Optional<HostInterface> get(String name) {
    return Optional.ofNullable(find(requireNonNull(name, "name")));
  }

  @Override
  public synchronized List<HostInterface> list() {
    return List.of(all());
  }

  /** Every interface in index order (the order they were added). */
  private HostInterface[] all() {
    HostInterface[] v = veths.values();
    HostInterface[] out = new HostInterface[byName.size() + v.length];
    int k = 0;
    for (HostInterface i : byName.values()) {
      out[k++] = i;
    }
    System.arraycopy(v, 0, out, k, v.length);
    Arrays.sort(out, Comparator.comparingInt(HostInterface::index));
    return out;
  }

  private HostInterface find(String name) {
    int n = VethName.number(name);
    return n >= 0 ? veths.get(n) : byName.get(name);
  }

  private void drop(String name) {
    int n = VethName.number(name);
    if (n >= 0) {
      veths.remove(n);
    } else {
      byName.remove(name);
    }
  }

  @Override
  public synchronized List<String> bridgePorts(String bridge) {
    checkArgument(portCounts.containsKey(requireNonNull(bridge, "bridge")), "no bridge %s", bridge);
    List<String> attached = new ArrayList<>();
    for (HostInterface i : all()) {
      if (isPortOf(i, bridge)) {
        attached.add(i.name());
      }
    }
    return List.copyOf(attached);
  }

  private static boolean isPortOf(HostInterface i, String bridge) {
    return i.kind() == Kind.VETH && i.master().isPresent() && i.master().get().equals(bridge);
  }

  @Override
  public synchronized String toString() {
    List<String> lines = new ArrayList<>();
    for (HostInterface i : all()) {
      lines.add(i.toString());
    }
    return String.join("\n", lines);
  }

  private HostInterface add(String name, Kind kind, int mtu, List<Subnet> addresses, String master, String peer) {
    return add(name, HostInterface.of(nextIndex, name, kind, mtu, addresses, master, peer));
  }

  private HostInterface add(HostInterface i) {
    return add(i.name(), i);
  }

  private HostInterface add(String name, HostInterface i) {
    nextIndex++;
    int n = VethName.number(name);
    if (n >= 0) {
      veths.put(n, i);
    } else {
      byName.put(name, i);
    }
    return i;
  }

  private void checkNewName(String name) {
    checkName(requireNonNull(name, "name"));
    checkArgument(find(name) == null, "interface %s already exists", name);
  }

  /** Linux interface names: 1 to 15 characters, no slash, colon or whitespace. */
  private static void checkName(String name) {
    checkArgument(!name.isEmpty() && name.length() <= 15 && name.chars().noneMatch(c -> c == '/' || c == ':'
        || Character.isWhitespace(c)), "invalid interface name '%s'", name);
  }
}
