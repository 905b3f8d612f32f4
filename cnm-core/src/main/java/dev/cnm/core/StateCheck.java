package dev.cnm.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.error.InvalidParameterException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The consistency of a state document, checked before anything of it is restored: a document
 * whose checksum holds can still be one no engine wrote (made by hand, or by a bug). What an
 * engine guarantees is required, and a document that breaks it is refused naming the check and
 * the object, never loaded in part or quietly repaired:
 *
 * <ul>
 *   <li>every network and container has an id of 64 hexadecimal digits and a name (a string,
 *       never null); no two share an id, no two local networks or two containers share a name;
 *   <li>the predefined networks {@code bridge}, {@code host} and {@code none} are there;
 *   <li>a running container's attachments name networks of the document, its endpoints are on
 *       networks it is attached to, its gateway network is one of them, and a running container
 *       in another's network namespace (not orphaned) names a running container of the document;
 *   <li>no two endpoints hold one address on one network, and no two publish one host port.
 * </ul>
 *
 * <p>What the values mean (a subnet, a port spec, a time) is left to the restore, which refuses
 * what it cannot parse.
 */
final class StateCheck {
  private static final List<String> PREDEFINED = List.of("bridge", "host", "none");

  private StateCheck() {}

  /**
   * Checks {@code root}, the whole document.
   *
   * @throws InvalidParameterException {@code invalid engine state: ...}, naming what is wrong
   */
  static void check(JsonNode root) {
    Map<String, String> networkNames = new HashMap<>(); // id -> name
    Map<String, String> localByName = new HashMap<>(); // name -> id
    int index = 0;
    for (JsonNode n : array(root, "networks", "the document")) {
      String what = "network #" + index++;
      object(n, what);
      String id = id(n, what);
      JsonNode spec = object(n.get("spec"), what + " (id " + id + ") spec");
      String name = string(spec, "name", what + " (id " + id + ") spec");
      what = "network \"" + name + "\"";
      String other = networkNames.put(id, name);
      if (other != null) {
        throw refuse("networks \"" + other + "\" and \"" + name + "\" have the same id " + id);
      }
      if (!n.path("inStore").asBoolean(false)) {
        String twin = localByName.put(name, id);
        if (twin != null) {
          throw refuse("two networks are named \"" + name + "\" (ids " + twin + " and " + id + ")");
        }
      }
    }
    for (String p : PREDEFINED) {
      if (!localByName.containsKey(p)) {
        throw refuse("the predefined network \"" + p + "\" is missing");
      }
    }

    Map<String, JsonNode> containersById = new LinkedHashMap<>();
    Map<String, String> containerByName = new HashMap<>();
    index = 0;
    for (JsonNode c : array(root, "containers", "the document")) {
      String what = "container #" + index++;
      object(c, what);
      String id = id(c, what);
      String name = string(c, "name", what + " (id " + id + ")");
      if (!ContainerTable.isValidName(name)) {
        throw refuse("container " + id + " has the name \"" + name + "\", which is not a container name");
      }
      status(c, "container \"" + name + "\"");
      JsonNode twin = containersById.put(id, c);
      if (twin != null) {
        throw refuse("containers \"" + twin.get("name").asText() + "\" and \"" + name + "\" have the same id " + id);
      }
      String sameName = containerByName.put(name, id);
      if (sameName != null) {
        throw refuse("two containers are named \"" + name + "\" (ids " + sameName + " and " + id + ")");
      }
    }

    Map<String, String> addressHolders = new HashMap<>(); // network/address -> container
    Map<String, String> portHolders = new HashMap<>(); // ip:port/proto -> container
    for (JsonNode c : containersById.values()) {
      String name = c.get("name").asText();
      String what = "container \"" + name + "\"";
      if (status(c, what) != ContainerStatus.RUNNING) {
        continue;
      }
      Set<String> attached = new HashSet<>();
      for (JsonNode a : array(c, "attachments", what)) {
        object(a, what + "'s attachment");
        String network = string(a, "networkName", what + "'s attachment");
        attached.add(network);
        String networkId = a.path("networkId").asText("");
        if (!networkId.isEmpty() && !networkNames.containsKey(networkId)) {
          throw refuse(what + " is running on network \"" + network + "\", whose id " + networkId
              + " names no network of the state");
        }
      }
      String mode = c.path("spec").path("networkMode").asText("");
      if (mode.startsWith("container:") && !c.path("networkGone").asBoolean(false)) {
        String ref = mode.substring("container:".length());
        JsonNode target = containersById.get(ref);
        if (target == null) {
          String byName = containerByName.get(ref.startsWith("/") ? ref.substring(1) : ref);
          target = byName == null ? null : containersById.get(byName);
        }
        if (target == null || status(target, "container \"" + ref + "\"") != ContainerStatus.RUNNING) {
          throw refuse(what + " runs in the network namespace of container \"" + ref
              + "\", which is not a running container of the state");
        }
      }
      Set<String> endpointNetworks = new HashSet<>();
      for (JsonNode ep : array(c, "endpoints", what)) {
        object(ep, what + "'s endpoint");
        String network = string(ep, "network", what + "'s endpoint");
        if (!attached.contains(network) && !network.equals(Gateways.GW_NETWORK)) {
          throw refuse(what + " has an endpoint on network \"" + network + "\" without an attachment to it");
        }
        endpointNetworks.add(network);
        for (String family : List.of("ipv4", "ipv6")) {
          JsonNode address = ep.get(family);
          if (address != null && address.isTextual()) {
            String holder = addressHolders.put(network + " " + address.asText(), name);
            if (holder != null) {
              throw refuse("containers \"" + holder + "\" and \"" + name + "\" both hold " + address.asText()
                  + " on network \"" + network + "\"");
            }
          }
        }
        for (JsonNode p : array(ep, "published", what + "'s endpoint")) {
          String proto = p.path("containerPort").asText("").toLowerCase(Locale.ROOT);
          proto = proto.contains("/") ? proto.substring(proto.indexOf('/') + 1) : "tcp";
          String key = p.path("hostIp").asText("") + ":" + p.path("hostPort").asText("") + "/" + proto;
          String holder = portHolders.put(key, name);
          if (holder != null && !holder.equals(name)) {
            throw refuse("containers \"" + holder + "\" and \"" + name + "\" both publish " + key);
          }
        }
      }
      JsonNode gateway = c.get("gatewayNetwork");
      if (gateway != null && !gateway.isNull() && !gateway.asText().isEmpty()
          && !endpointNetworks.contains(gateway.asText())) {
        throw refuse(what + "'s gateway network \"" + gateway.asText() + "\" is none of its endpoints' networks");
      }
    }
  }

  private static InvalidParameterException refuse(String why) {
    return new InvalidParameterException("invalid engine state: " + why);
  }

  private static JsonNode object(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw refuse(what + " is not an object");
    }
    return node;
  }

  private static Iterable<JsonNode> array(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw refuse(what + "'s \"" + field + "\" is not an array");
    }
    return v;
  }

  /** A required string field: present, not null, a string. */
  private static String string(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw refuse(what + " has no \"" + field + "\"");
    }
    if (!v.isTextual()) {
      throw refuse(what + "'s \"" + field + "\" is " + (v.isNull() ? "null" : "not a string"));
    }
    return v.asText();
  }

  private static String id(JsonNode node, String what) {
    String id = string(node, "id", what);
    if (!Ids.isFullId(id)) {
      throw refuse(what + "'s id \"" + id + "\" is not 64 hexadecimal digits");
    }
    return id;
  }

  private static ContainerStatus status(JsonNode c, String what) {
    String s = string(c, "status", what);
    try {
      return ContainerStatus.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw refuse(what + "'s status \"" + s + "\" is none of "
          + java.util.Arrays.stream(ContainerStatus.values()).map(Enum::name).toList());
    }
  }
}
