package dev.cnm.plugins.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.api.spi.IpamData;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON libnetwork sends, built in Go's shape: structs in field order, maps with sorted keys
 * ({@code encoding/json} sorts them), {@code IPAMData} as its {@code MarshalJSON} writes it
 * (CIDR strings), a {@code net.HardwareAddr} as base64, protocols as numbers.
 */
public final class Requests {
  /** {@code com.docker.network.generic}: the {@code -o} options. */
  public static final String GENERIC = "com.docker.network.generic";
  /** {@code com.docker.network.enable_ipv4}. */
  public static final String ENABLE_IPV4 = "com.docker.network.enable_ipv4";
  /** {@code com.docker.network.enable_ipv6}. */
  public static final String ENABLE_IPV6 = "com.docker.network.enable_ipv6";
  /** {@code com.docker.network.internal}. */
  public static final String INTERNAL = "com.docker.network.internal";
  /** {@code com.docker.network.endpoint.macaddress}. */
  public static final String MAC_ADDRESS = "com.docker.network.endpoint.macaddress";
  /** {@code com.docker.network.endpoint.exposedports}. */
  public static final String EXPOSED_PORTS = "com.docker.network.endpoint.exposedports";
  /** {@code com.docker.network.portmap}. */
  public static final String PORT_MAP = "com.docker.network.portmap";

  private Requests() {}

  /** A network's generic options as libnetwork keeps them ({@code n.generic}): the flags and the {@code -o} map. */
  public static ObjectNode networkOptions(Map<String, String> options, boolean internal, boolean ipv4, boolean ipv6) {
    ObjectNode o = GoValues.object();
    o.put(ENABLE_IPV4, ipv4);
    o.put(ENABLE_IPV6, ipv6);
    o.set(GENERIC, stringMap(options));
    if (internal) {
      o.put(INTERNAL, true);
    }
    return o;
  }

  /** A {@code map[string]string} with sorted keys. */
  public static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode o = GoValues.object();
    new TreeMap<>(map).forEach(o::put);
    return o;
  }

  /** {@code []driverapi.IPAMData}: AddressSpace, AuxAddresses (when any), Gateway (when set), Pool. */
  public static ArrayNode ipamData(List<IpamData> data) {
    ArrayNode a = GoValues.NODES.arrayNode();
    for (IpamData d : data) {
      ObjectNode o = a.addObject();
      o.put("AddressSpace", d.addressSpace());
      if (!d.auxAddresses().isEmpty()) {
        ObjectNode aux = o.putObject("AuxAddresses");
        new TreeMap<>(d.auxAddresses()).forEach((k, v) -> aux.put(k, v.toString()));
      }
      d.gateway().ifPresent(g -> o.put("Gateway", g.toString()));
      o.put("Pool", d.pool().toString());
    }
    return a;
  }

  /** An endpoint's options: its driver options and, when the user chose one, the MAC as a {@code net.HardwareAddr}. */
  public static ObjectNode endpointOptions(Map<String, String> driverOptions, java.util.Optional<MacAddress> mac) {
    TreeMap<String, Object> all = new TreeMap<>(driverOptions);
    mac.ifPresent(m -> all.put(MAC_ADDRESS, Base64.getEncoder().encodeToString(bytes(m))));
    ObjectNode o = GoValues.object();
    all.forEach((k, v) -> o.put(k, v.toString()));
    return o;
  }

  /** The sandbox options of external connectivity: the exposed ports and the port map, as {@code types} marshal them. */
  public static ObjectNode connectivityOptions(List<ExposedPort> exposed, List<PortBinding> bindings) {
    ObjectNode o = GoValues.object();
    ArrayNode ports = o.putArray(EXPOSED_PORTS);
    for (ExposedPort p : exposed) {
      ports.addObject().put("Proto", proto(p.protocol())).put("Port", p.port());
    }
    ArrayNode map = o.putArray(PORT_MAP);
    for (PortBinding b : bindings) {
      map.addObject()
          .put("Proto", proto(b.containerPort().protocol()))
          .put("IP", "")
          .put("Port", b.containerPort().port())
          .put("HostIP", b.hostIp().map(Object::toString).orElse(""))
          .put("HostPort", b.hostPortStart())
          .put("HostPortEnd", b.hostPortEnd());
    }
    return o;
  }

  /** A CIDR string, or "" (Go's empty string for a nil address). */
  public static String cidr(java.util.Optional<Subnet> s) {
    return s.map(Subnet::toString).orElse("");
  }

  /** The IANA protocol number libnetwork's {@code types.Protocol} uses. */
  static int proto(PortProtocol p) {
    switch (p) {
      case UDP:
        return 17;
      case SCTP:
        return 132;
      case TCP:
      default:
        return 6;
    }
  }

  static byte[] bytes(MacAddress m) {
    byte[] b = new byte[6];
    long v = m.bits();
    for (int i = 5; i >= 0; i--) {
      b[i] = (byte) v;
      v >>= 8;
    }
    return b;
  }
}
