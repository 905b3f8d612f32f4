package dev.cnm.core.json;

import static dev.cnm.core.json.Nodes.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.EndpointInfo;
import dev.cnm.api.IpamPoolInfo;
import dev.cnm.api.NetworkInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code NetworkResource} (moby {@code api/types/network.Inspect}, API 1.50): struct order Name,
 * Id, Created, Scope, Driver, EnableIPv4, EnableIPv6, IPAM, Internal, Attachable, Ingress,
 * ConfigFrom, ConfigOnly, Containers, Options, Labels ({@code Peers} and {@code Services} are
 * omitted when empty, which they always are here).
 */
final class NetworkView {
  private NetworkView() {}

  static ObjectNode inspect(NetworkInfo n, boolean withContainers) {
    ObjectNode o = object();
    o.put("Name", n.name());
    o.put("Id", n.id());
    o.put("Created", DockerTime.format(n.created()));
    o.put("Scope", n.scope().toString());
    o.put("Driver", n.driver());
    o.put("EnableIPv4", n.enableIpv4());
    o.put("EnableIPv6", n.enableIpv6());
    o.set("IPAM", ipam(n));
    o.put("Internal", n.internal());
    o.put("Attachable", n.attachable());
    o.put("Ingress", n.ingress());
    o.set("ConfigFrom", object().put("Network", ""));
    o.put("ConfigOnly", false);
    o.set("Containers", withContainers ? containers(n) : object());
    o.set("Options", Nodes.stringMap(n.options()));
    o.set("Labels", Nodes.stringMap(n.labels()));
    return o;
  }

  /**
   * The daemon creates the predefined networks with no IPAM options (a nil map, {@code null});
   * the CLI sends {@code "Options": {}} for every network it creates. {@code Config} is nil for
   * networks without pools ({@code host}, {@code none}).
   */
  private static ObjectNode ipam(NetworkInfo n) {
    ObjectNode ipam = object();
    ipam.put("Driver", n.ipamDriver());
    ipam.set(
        "Options",
        n.predefined() ? Nodes.stringMapOrNull(n.ipamOptions()) : Nodes.stringMap(n.ipamOptions()));
    if (n.ipamConfigs().isEmpty()) {
      ipam.set("Config", NullNode.instance);
    } else {
      ArrayNode configs = ipam.putArray("Config");
      n.ipamConfigs().forEach(p -> configs.add(pool(p)));
    }
    return ipam;
  }

  /** {@code IPAMConfig}: every field is {@code omitempty}. */
  private static ObjectNode pool(IpamPoolInfo p) {
    ObjectNode o = object();
    o.put("Subnet", p.subnet().toString());
    p.ipRange().ifPresent(r -> o.put("IPRange", r.toString()));
    p.gateway().ifPresent(g -> o.put("Gateway", g.toString()));
    if (!p.auxAddresses().isEmpty()) {
      o.set("AuxiliaryAddresses", Nodes.sortedObject(p.auxAddresses(), ip -> Nodes.F.textNode(ip.toString())));
    }
    return o;
  }

  /**
   * {@code Containers}: one {@code EndpointResource} per endpoint of a running container, keyed
   * by container id. {@code Name} is the endpoint's name, which libnetwork keeps equal to the
   * container's name (renames included), so no container lookup is needed.
   */
  private static ObjectNode containers(NetworkInfo n) {
    Map<String, JsonNode> byContainer = new TreeMap<>(Nodes.GO_KEY_ORDER);
    for (EndpointInfo ep : n.endpoints()) {
      ObjectNode o = object();
      o.put("Name", ep.name());
      o.put("EndpointID", ep.id());
      o.put("MacAddress", ep.macAddress().map(Object::toString).orElse(""));
      o.put("IPv4Address", ep.ipv4Address().map(Object::toString).orElse(""));
      o.put("IPv6Address", ep.ipv6Address().map(Object::toString).orElse(""));
      byContainer.put(ep.containerId(), o);
    }
    ObjectNode containers = object();
    byContainer.forEach(containers::set);
    return containers;
  }
}
