package dev.cnm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network driver plugin on TCP for the command line's tests: JSON over HTTP with the JDK's
 * server, keeping its networks, endpoints and joins; {@link #failJoin} makes every Join answer an
 * {@code Err}. {@link #withIpam()} makes it an IPAM driver too, handing out {@code 10.99.N.0/24}
 * pools and their addresses.
 */
final class TcpPluginFake implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile boolean failJoin;
  private final Map<String, String> endpoints = new LinkedHashMap<>();
  private final Map<String, String> networks = new LinkedHashMap<>();
  private final Set<String> joined = new LinkedHashSet<>();
  private final boolean ipam;
  /** Pool id to the addresses taken in it. */
  private final Map<String, Set<String>> pools = new LinkedHashMap<>();
  private int nextPool;

  TcpPluginFake() throws IOException {
    this(false);
  }

  /** A plugin that implements {@code IpamDriver} as well as {@code NetworkDriver}. */
  static TcpPluginFake withIpam() throws IOException {
    return new TcpPluginFake(true);
  }

  private TcpPluginFake(boolean ipam) throws IOException {
    this.ipam = ipam;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String method = ex.getRequestURI().getPath().substring(1);
      byte[] body = ex.getRequestBody().readAllBytes();
      JsonNode req = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      calls.add(method);
      byte[] out = JSON.writeValueAsBytes(answer(method, req));
      ex.getResponseHeaders().add("Content-Type", "application/vnd.docker.plugins.v1+json");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
  }

  String address() {
    return "tcp://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized List<String> held() {
    List<String> h = new java.util.ArrayList<>();
    networks.keySet().forEach(n -> h.add("network " + n));
    endpoints.keySet().forEach(e -> h.add("endpoint " + e));
    joined.forEach(e -> h.add("joined " + e));
    pools.forEach((id, taken) -> {
      h.add("pool " + id);
      taken.forEach(a -> h.add("address " + a));
    });
    return h;
  }

  private synchronized ObjectNode answer(String method, JsonNode req) {
    ObjectNode a = JSON.createObjectNode();
    String nid = req.path("NetworkID").asText();
    String eid = req.path("EndpointID").asText();
    switch (method) {
      case "Plugin.Activate":
        a.putArray("Implements").add("NetworkDriver");
        if (ipam) {
          ((com.fasterxml.jackson.databind.node.ArrayNode) a.get("Implements")).add("IpamDriver");
        }
        return a;
      case "NetworkDriver.GetCapabilities":
        return a.put("Scope", "local");
      case "NetworkDriver.CreateNetwork":
        if (networks.containsKey(nid)) {
          return a.put("Err", "network " + nid + " exists");
        }
        networks.put(nid, req.path("IPv4Data").path(0).path("Gateway").asText("").split("/")[0]);
        return a;
      case "NetworkDriver.DeleteNetwork":
        return networks.remove(nid) != null ? a : a.put("Err", "no network " + nid);
      case "NetworkDriver.CreateEndpoint":
        if (!networks.containsKey(nid) || endpoints.containsKey(eid)) {
          return a.put("Err", "cannot create endpoint " + eid);
        }
        endpoints.put(eid, nid);
        return a;
      case "NetworkDriver.DeleteEndpoint":
        return endpoints.remove(eid) != null ? a : a.put("Err", "no endpoint " + eid);
      case "NetworkDriver.Join":
        if (failJoin) {
          return a.put("Err", "the tap device is busy");
        }
        joined.add(eid);
        a.putObject("InterfaceName").put("SrcName", "tap" + eid.substring(0, 8)).put("DstPrefix", "eth");
        a.put("Gateway", networks.getOrDefault(nid, ""));
        return a;
      case "NetworkDriver.Leave":
        return joined.remove(eid) ? a : a.put("Err", "not joined " + eid);
      case "NetworkDriver.EndpointOperInfo":
        a.putObject("Value");
        return a;
      case "IpamDriver.GetCapabilities":
        return a.put("RequiresMACAddress", false);
      case "IpamDriver.GetDefaultAddressSpaces":
        return a.put("LocalDefaultAddressSpace", "tapperlocal").put("GlobalDefaultAddressSpace", "tapperglobal");
      case "IpamDriver.RequestPool": {
        String pool = req.path("Pool").asText();
        if (pool.isEmpty()) {
          pool = "10.99." + nextPool++ + ".0/24";
        }
        String id = req.path("AddressSpace").asText() + "/" + pool;
        if (pools.containsKey(id)) {
          return a.put("Error", "pool " + pool + " is in use");
        }
        pools.put(id, new LinkedHashSet<>());
        return a.put("PoolID", id).put("Pool", pool);
      }
      case "IpamDriver.ReleasePool":
        return pools.remove(req.path("PoolID").asText()) != null ? a : a.put("Error", "no pool");
      case "IpamDriver.RequestAddress": {
        Set<String> taken = pools.get(req.path("PoolID").asText());
        if (taken == null) {
          return a.put("Error", "no pool " + req.path("PoolID").asText());
        }
        String pool = req.path("PoolID").asText().split("/")[1];
        String base = pool.substring(0, pool.lastIndexOf('.') + 1);
        String want = req.path("Address").asText();
        for (int i = 1; want.isEmpty() && i < 255; i++) {
          if (!taken.contains(base + i)) {
            want = base + i;
          }
        }
        if (!taken.add(want)) {
          return a.put("Error", want + " is in use");
        }
        return a.put("Address", want + "/24");
      }
      case "IpamDriver.ReleaseAddress": {
        Set<String> taken = pools.get(req.path("PoolID").asText());
        if (taken != null) {
          taken.remove(req.path("Address").asText());
        }
        return a;
      }
      default:
        return a;
    }
  }


  @Override
  public void close() {
    server.stop(0);
  }
}
