package dev.cnm.testkit.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker network and IPAM plugin for tests, written against the wire protocol only: an HTTP/1.1
 * server on a unix socket that answers {@code /Plugin.Activate}, {@code /NetworkDriver.*} and
 * {@code /IpamDriver.*} POSTs with JSON, keeping its networks, endpoints, pools and addresses in
 * memory as a simple real plugin would. It shares no code with cnm's client: it reads and writes
 * JSON trees and bytes on the socket. Faults are armed per method: an {@code Err} answer, no
 * answer before the client's timeout, a body that is not JSON, or dying (closing the socket and
 * removing its file) in the middle of the call.
 */
final class FakePlugin implements AutoCloseable {
  /** What the plugin does to one call instead of answering it properly. */
  enum Fault {
    /** Answers 200 with {@code {"Err": "injected failure"}} ({@code Error} for IPAM calls). */
    ERROR,
    /** Reads the call and answers nothing for 3 s. */
    HANG,
    /** Answers 200 with a body that is not JSON. */
    MALFORMED,
    /** Reads the call, then closes the connection and the listening socket, and removes the socket file. */
    DIE,
    /** Answers 404, as a plugin without the method. */
    NOT_FOUND
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path socket;
  private final List<String> implementing;
  private ServerSocketChannel server;
  private Thread acceptor;
  private volatile boolean closed;
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  /** The capability answer's scope. */
  volatile String scope = "local";
  /** Whether CreateEndpoint answers with a MAC even when Docker set one (a plugin bug Docker refuses). */
  volatile boolean echoMac;

  // The plugin's state, guarded by this.
  private final Map<String, JsonNode> networks = new LinkedHashMap<>();
  private final Map<String, String> endpoints = new LinkedHashMap<>();
  private final Set<String> joined = new LinkedHashSet<>();
  private final Map<String, String> pools = new LinkedHashMap<>();
  private final Map<String, Set<String>> addresses = new LinkedHashMap<>();
  private int nextPool;
  private int nextMac = 1;

  private FakePlugin(Path socket, List<String> implementing) {
    this.socket = socket;
    this.implementing = List.copyOf(implementing);
  }

  /** A plugin implementing {@code implementing} ({@code NetworkDriver}, {@code IpamDriver}) listening on {@code socket}. */
  static FakePlugin start(Path socket, String... implementing) throws IOException {
    FakePlugin p = new FakePlugin(socket, List.of(implementing));
    p.listen();
    return p;
  }

  /** A plugin that is not listening yet; {@link #listen()} starts it. */
  static FakePlugin notYetListening(Path socket, String... implementing) {
    return new FakePlugin(socket, List.of(implementing));
  }

  /** Starts listening. */
  void listen() throws IOException {
    Files.createDirectories(socket.getParent());
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    acceptor = new Thread(this::acceptLoop, "fake-plugin " + socket.getFileName());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  Path socket() {
    return socket;
  }

  String address() {
    return "unix://" + socket;
  }

  /** Arms {@code fault} for the next call of {@code method} ({@code NetworkDriver.Join}). */
  void failNext(String method, Fault fault) {
    faults.put(method, fault);
  }

  /** The methods called so far, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** The JSON bodies received so far, in order (null for calls without a body). */
  List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  /** The body of the last call of {@code method}. */
  JsonNode lastBody(String method) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).equals(method)) {
        return bodies.get(i);
      }
    }
    throw new AssertionError("no call of " + method + " in " + calls);
  }

  void clearCalls() {
    calls.clear();
    bodies.clear();
  }

  /** Everything the plugin holds: networks, endpoints, joins, pools and addresses. */
  synchronized List<String> held() {
    List<String> h = new ArrayList<>();
    networks.keySet().forEach(n -> h.add("network " + n));
    endpoints.forEach((e, n) -> h.add("endpoint " + e + " on " + n));
    joined.forEach(e -> h.add("joined " + e));
    pools.forEach((id, p) -> h.add("pool " + id));
    addresses.forEach((id, a) -> new TreeSet<>(a).forEach(x -> h.add("address " + x + " of " + id)));
    return h;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    if (server != null) {
      server.close();
    }
    Files.deleteIfExists(socket);
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        return;
      }
      Thread t = new Thread(() -> serve(ch), "fake-plugin-conn");
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(SocketChannel ch) {
    try (ch) {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(4096);
      int headerEnd = -1;
      int length = 0;
      String path = "";
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) {
          return;
        }
        got.write(buf.array(), 0, n);
        String text = got.toString(StandardCharsets.ISO_8859_1);
        if (headerEnd < 0 && (headerEnd = text.indexOf("\r\n\r\n")) >= 0) {
          String[] lines = text.substring(0, headerEnd).split("\r\n");
          path = lines[0].split(" ")[1];
          for (String l : lines) {
            if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
              length = Integer.parseInt(l.substring(15).trim());
            }
          }
        }
        if (headerEnd >= 0 && got.size() - headerEnd - 4 >= length) {
          break;
        }
      }
      byte[] all = got.toByteArray();
      String body = new String(all, headerEnd + 4, length, StandardCharsets.UTF_8);
      String method = path.substring(1);
      JsonNode request = body.isBlank() ? null : JSON.readTree(body);
      calls.add(method);
      bodies.add(request);
      Fault fault = faults.remove(method);
      if (fault == Fault.DIE) {
        close();
        return;
      }
      if (fault == Fault.HANG) {
        Thread.sleep(3000);
        return;
      }
      String answer;
      int status = 200;
      if (fault == Fault.MALFORMED) {
        answer = "no json here";
      } else if (fault == Fault.NOT_FOUND) {
        status = 404;
        answer = "404 page not found\n";
      } else if (fault == Fault.ERROR) {
        answer = method.startsWith("IpamDriver.") ? "{\"Error\":\"injected failure\"}" : "{\"Err\":\"injected failure\"}";
      } else {
        answer = JSON.writeValueAsString(handle(method, request));
      }
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\n"
          + "Content-Type: application/vnd.docker.plugins.v1+json\r\nContent-Length: " + out.length + "\r\n\r\n";
      ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
      ch.write(ByteBuffer.wrap(out));
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized ObjectNode handle(String method, JsonNode req) {
    ObjectNode a = JSON.createObjectNode();
    switch (method) {
      case "Plugin.Activate":
        implementing.forEach(a.putArray("Implements")::add);
        return a;
      case "NetworkDriver.GetCapabilities":
        return a.put("Scope", scope).put("ConnectivityScope", "global");
      case "NetworkDriver.CreateNetwork": {
        String id = req.path("NetworkID").asText();
        if (networks.containsKey(id)) {
          return err(a, "network " + id + " exists");
        }
        networks.put(id, req);
        return a;
      }
      case "NetworkDriver.DeleteNetwork": {
        String id = req.path("NetworkID").asText();
        if (networks.remove(id) == null) {
          return err(a, "no network " + id);
        }
        return a;
      }
      case "NetworkDriver.CreateEndpoint": {
        String nid = req.path("NetworkID").asText();
        String eid = req.path("EndpointID").asText();
        if (!networks.containsKey(nid)) {
          return err(a, "no network " + nid);
        }
        if (endpoints.containsKey(eid)) {
          return err(a, "endpoint " + eid + " exists");
        }
        endpoints.put(eid, nid);
        if (req.path("Interface").path("MacAddress").asText().isEmpty() || echoMac) {
          a.putObject("Interface").put("MacAddress", String.format(Locale.ROOT, "02:fa:00:00:00:%02x", nextMac++));
        }
        return a;
      }
      case "NetworkDriver.DeleteEndpoint": {
        String eid = req.path("EndpointID").asText();
        if (endpoints.remove(eid) == null) {
          return err(a, "no endpoint " + eid);
        }
        return a;
      }
      case "NetworkDriver.Join": {
        String nid = req.path("NetworkID").asText();
        String eid = req.path("EndpointID").asText();
        if (!eid.equals("") && !nid.equals(endpoints.get(eid))) {
          return err(a, "no endpoint " + eid + " on " + nid);
        }
        joined.add(eid);
        a.putObject("InterfaceName").put("SrcName", "fk" + eid.substring(0, 8)).put("DstPrefix", "eth");
        JsonNode v4 = networks.get(nid).path("IPv4Data").path(0).path("Gateway");
        if (v4.isTextual()) {
          a.put("Gateway", v4.asText().split("/")[0]);
        }
        return a;
      }
      case "NetworkDriver.Leave": {
        String eid = req.path("EndpointID").asText();
        if (!joined.remove(eid)) {
          return err(a, "endpoint " + eid + " not joined");
        }
        return a;
      }
      case "NetworkDriver.ProgramExternalConnectivity":
      case "NetworkDriver.RevokeExternalConnectivity":
      case "NetworkDriver.DiscoverNew":
      case "NetworkDriver.DiscoverDelete":
      case "NetworkDriver.FreeNetwork":
        return a;
      case "NetworkDriver.EndpointOperInfo":
        a.putObject("Value").put("fake", true);
        return a;
      case "NetworkDriver.AllocateNetwork":
        a.putObject("Options").put("fake.vni", "4242");
        return a;
      case "IpamDriver.GetCapabilities":
        return a.put("RequiresMACAddress", false);
      case "IpamDriver.GetDefaultAddressSpaces":
        return a.put("LocalDefaultAddressSpace", "fakelocal").put("GlobalDefaultAddressSpace", "fakeglobal");
      case "IpamDriver.RequestPool":
        return requestPool(req, a);
      case "IpamDriver.ReleasePool": {
        String id = req.path("PoolID").asText();
        if (pools.remove(id) == null) {
          return ipamErr(a, "no pool " + id);
        }
        addresses.remove(id);
        return a;
      }
      case "IpamDriver.RequestAddress":
        return requestAddress(req, a);
      case "IpamDriver.ReleaseAddress": {
        Set<String> s = addresses.get(req.path("PoolID").asText());
        if (s == null) {
          return ipamErr(a, "no pool " + req.path("PoolID").asText());
        }
        s.remove(req.path("Address").asText());
        return a;
      }
      default:
        return err(a, "unknown method " + method);
    }
  }

  private ObjectNode requestPool(JsonNode req, ObjectNode a) {
    String space = req.path("AddressSpace").asText();
    if (!space.equals("fakelocal") && !space.equals("fakeglobal")) {
      return ipamErr(a, "unknown address space " + space);
    }
    String pool = req.path("Pool").asText();
    if (pool.isEmpty()) {
      do {
        pool = "10.77." + nextPool++ + ".0/24";
      } while (pools.containsValue(pool));
    } else if (pools.containsValue(pool)) {
      return ipamErr(a, "pool " + pool + " is in use");
    }
    String id = space + "/" + pool;
    pools.put(id, pool);
    addresses.put(id, new LinkedHashSet<>());
    return a.put("PoolID", id).put("Pool", pool);
  }

  private ObjectNode requestAddress(JsonNode req, ObjectNode a) {
    String id = req.path("PoolID").asText();
    String pool = pools.get(id);
    if (pool == null) {
      return ipamErr(a, "no pool " + id);
    }
    String base = pool.substring(0, pool.lastIndexOf('.') + 1);
    Set<String> taken = addresses.get(id);
    String want = req.path("Address").asText();
    if (!want.isEmpty()) {
      if (!want.startsWith(base)) {
        return ipamErr(a, want + " is not in " + pool);
      }
      if (!taken.add(want)) {
        return ipamErr(a, want + " is in use");
      }
      return a.put("Address", want + "/24");
    }
    for (int i = 1; i < 255; i++) {
      if (taken.add(base + i)) {
        return a.put("Address", base + i + "/24");
      }
    }
    return ipamErr(a, "pool " + pool + " is full");
  }

  private static ObjectNode err(ObjectNode a, String message) {
    return a.put("Err", message);
  }

  private static ObjectNode ipamErr(ObjectNode a, String message) {
    return a.put("Error", message);
  }

  /** Field names of an object, in order, for shape checks. */
  static List<String> fieldNames(JsonNode o) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
      names.add(it.next());
    }
    return names;
  }
}
