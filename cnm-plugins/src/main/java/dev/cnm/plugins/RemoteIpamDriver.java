package dev.cnm.plugins;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AddressSpaces;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamCapability;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.IpamOptions;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.plugins.internal.GoValues;
import dev.cnm.plugins.internal.PluginClient;
import dev.cnm.plugins.internal.Requests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An IPAM driver plugin, driven as libnetwork's {@code ipams/remote} drives it: {@code
 * IpamDriver.*} POSTs with libnetwork's JSON, an answer with {@code Error} set (the IPAM API's
 * field, not {@code Err}) fails with {@code remote: <Error>}. {@code RequestPool} first asks for
 * the default address spaces and, for a pool of the local space picked by the plugin, keeps
 * asking (holding the overlapping ones) until one clears the engine's reserved prefixes, as
 * libnetwork does; {@code RequestAddress} without an address in the answer fails with {@code no
 * address returned}.
 *
 * <pre>{@code
 * IpamDriver ipam = RemotePlugins.builder().register("infoblox", address).build().ipamDriver("infoblox").orElseThrow();
 * AllocatedPool pool = ipam.requestPool(PoolRequest.of(ipam.defaultAddressSpaces().local()));
 * }</pre>
 */
public final class RemoteIpamDriver implements IpamDriver {
  private static final String TYPE = "IpamDriver.";

  private final String name;
  private final PluginClient client;
  private final IpamCapability capability;
  /** Pools and addresses the plugin holds for this engine, so a test can give them back. Guarded by {@code this}. */
  private final Map<String, Set<IpAddress>> held = new LinkedHashMap<>();
  /** Each pool's key in the journal. Guarded by {@code this}. */
  private final Map<String, String> poolKeys = new LinkedHashMap<>();

  private RemoteIpamDriver(String name, PluginClient client, IpamCapability capability) {
    this.name = name;
    this.client = client;
    this.capability = capability;
  }

  /**
   * Registers the plugin's IPAM driver as libnetwork does: with the capability {@code
   * GetCapabilities} reports, or with none when that call fails (libnetwork only logs it).
   */
  static RemoteIpamDriver register(String name, PluginClient client) {
    IpamCapability cap;
    PluginClient.Reader<IpamCapability> read = (a, verdict) -> {
      checkError(a, "GetCapabilityResponse");
      IpamCapability c = IpamCapability.of(GoValues.bool(a, "GetCapabilityResponse", "RequiresMACAddress"),
          GoValues.bool(a, "GetCapabilityResponse", "RequiresRequestReplay"));
      verdict.append("Docker registers IPAM driver \"").append(name).append("\"")
          .append(c.requiresMacAddress() ? "; it sends each endpoint's MAC address with its address request" : "")
          .append(c.requiresRequestReplay() ? "; it replays pool and address requests when the daemon restarts" : "");
      client.remember(TYPE + "GetCapabilities", "", a);
      return c;
    };
    try {
      cap = client.replay(TYPE + "GetCapabilities", "", "api.GetCapabilityResponse", read).orElseGet(() ->
          client.call(TYPE + "GetCapabilities", null, "api.GetCapabilityResponse", false, read,
              e -> "Docker logs that the driver \"does not support capabilities\" and registers it without any"));
    } catch (CnmException e) {
      cap = IpamCapability.none();
    }
    return new RemoteIpamDriver(name, client, cap);
  }

  /** The IPAM API's {@code Response.Error}: a non-empty one is {@code remote: <Error>}. */
  private static void checkError(ObjectNode answer, String struct) {
    String err = GoValues.string(answer, struct, "Error");
    if (!err.isEmpty()) {
      throw new SystemException("remote: " + err);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public IpamCapability capability() {
    return capability;
  }

  @Override
  public AddressSpaces defaultAddressSpaces() {
    PluginClient.Reader<AddressSpaces> read = (a, verdict) -> {
      checkError(a, "GetAddressSpacesResponse");
      String local = GoValues.string(a, "GetAddressSpacesResponse", "LocalDefaultAddressSpace");
      String global = GoValues.string(a, "GetAddressSpacesResponse", "GlobalDefaultAddressSpace");
      verdict.append("Docker puts local networks in \"").append(local).append("\" and global ones in \"")
          .append(global).append("\"");
      client.remember(TYPE + "GetDefaultAddressSpaces", "", a);
      return AddressSpaces.of(local, global);
    };
    return client.replay(TYPE + "GetDefaultAddressSpaces", "", "api.GetAddressSpacesResponse", read).orElseGet(() ->
        client.call(TYPE + "GetDefaultAddressSpaces", null, "api.GetAddressSpacesResponse", false, read,
            e -> "Docker fails network create with \"" + e.getMessage() + "\""));
  }

  /** A pool's key in the journal: the space, the pool, the sub-pool and the family. */
  private static String poolKey(String space, String pool, String subPool, boolean v6) {
    return space + "|" + pool + "|" + subPool + "|" + (v6 ? "6" : "4");
  }

  private static AllocatedPool pool(ObjectNode a) {
    String id = GoValues.string(a, "RequestPoolResponse", "PoolID");
    String prefix = GoValues.string(a, "RequestPoolResponse", "Pool");
    Map<String, String> data = GoValues.stringMap(a, "RequestPoolResponse", "Data");
    Subnet p = Subnet.tryParse(prefix).orElseThrow(() -> new SystemException(prefixError(prefix)));
    return AllocatedPool.of(id, p, data);
  }

  @Override
  public AllocatedPool requestPool(PoolRequest request) {
    requireNonNull(request, "request");
    String subPool = request.subPool().map(Subnet::toString).orElse("");
    if (request.pool().isPresent()) {
      Optional<AllocatedPool> kept = client.replay(TYPE + "RequestPool",
          poolKey(request.addressSpace(), request.pool().get().toString(), subPool, request.v6()),
          "api.RequestPoolResponse", (a, verdict) -> pool(a));
      if (kept.isPresent()) {
        synchronized (this) {
          held.put(kept.get().poolId(), new LinkedHashSet<>());
          poolKeys.put(kept.get().poolId(), poolKey(request.addressSpace(), kept.get().pool().toString(), subPool,
              request.v6()));
        }
        return kept.get();
      }
    }
    String global = defaultAddressSpaces().global();
    ObjectNode req = GoValues.object();
    req.put("AddressSpace", request.addressSpace());
    req.put("Pool", request.pool().map(Subnet::toString).orElse(""));
    req.put("SubPool", request.subPool().map(Subnet::toString).orElse(""));
    req.set("Options", Requests.stringMap(request.options()));
    req.put("V6", request.v6());
    List<String> overlapping = new ArrayList<>();
    try {
      while (true) {
        AllocatedPool pool = client.call(TYPE + "RequestPool", req, "api.RequestPoolResponse", false, (a, verdict) -> {
          checkError(a, "RequestPoolResponse");
          AllocatedPool got = pool(a);
          String id = got.poolId();
          Subnet p = got.pool();
          Map<String, String> data = got.meta();
          client.remember(TYPE + "RequestPool", poolKey(request.addressSpace(), p.toString(), subPool, request.v6()), a);
          boolean overlaps = request.pool().isEmpty() && !request.addressSpace().equals(global)
              && !p.toString().equals("0.0.0.0/0") && request.exclude().stream().anyMatch(x -> x.overlaps(p));
          verdict.append(overlaps ? "Docker holds pool " + p + " (it overlaps a host route) and asks again"
              : "Docker takes pool " + p + " as " + id + (data.isEmpty() ? "" : " with " + data));
          return AllocatedPool.of(id, p, data);
        }, e -> "Docker fails network create with \"" + e.getMessage() + "\"");
        synchronized (this) {
          held.put(pool.poolId(), new LinkedHashSet<>());
          poolKeys.put(pool.poolId(), poolKey(request.addressSpace(), pool.pool().toString(), subPool, request.v6()));
        }
        boolean overlaps = request.pool().isEmpty() && !request.addressSpace().equals(global)
            && !pool.pool().toString().equals("0.0.0.0/0")
            && request.exclude().stream().anyMatch(x -> x.overlaps(pool.pool()));
        if (!overlaps) {
          return pool;
        }
        overlapping.add(pool.poolId());
      }
    } finally {
      // the held overlapping pools go back once a usable one (or an error) came
      for (String id : overlapping) {
        try {
          releasePool(id);
        } catch (CnmException e) {
          // libnetwork logs "Failed to release overlapping pool"
        }
      }
    }
  }

  /** Go's {@code netip.ParsePrefix} errors for the plugin's {@code Pool}. */
  private static String prefixError(String s) {
    int slash = s.lastIndexOf('/');
    if (slash < 0) {
      return "netip.ParsePrefix(\"" + s + "\"): no '/'";
    }
    if (IpAddress.tryParse(s.substring(0, slash)).isEmpty()) {
      return "netip.ParsePrefix(\"" + s + "\"): ParseAddr(\"" + s.substring(0, slash) + "\"): unable to parse IP";
    }
    return "netip.ParsePrefix(\"" + s + "\"): bad bits after slash: \"" + s.substring(slash + 1) + "\"";
  }

  @Override
  public void releasePool(String poolId) {
    requireNonNull(poolId, "poolId");
    ObjectNode req = GoValues.object();
    req.put("PoolID", poolId);
    try {
      client.call(TYPE + "ReleasePool", req, "api.ReleasePoolResponse", false, (a, verdict) -> {
        checkError(a, "ReleasePoolResponse");
        verdict.append("Docker gives the pool back");
        return null;
      }, e -> "Docker logs \"" + e.getMessage() + "\" and carries on");
    } finally {
      String key;
      synchronized (this) {
        held.remove(poolId);
        key = poolKeys.remove(poolId);
      }
      if (key != null) {
        client.forget(TYPE + "RequestPool", key::equals);
      }
      client.forget(TYPE + "RequestAddress", k -> k.startsWith(poolId + "|"));
    }
  }

  @Override
  public Subnet requestAddress(AddressRequest request) {
    requireNonNull(request, "request");
    TreeMap<String, String> options = new TreeMap<>(request.options());
    if (request.gateway()) {
      options.put(IpamOptions.REQUEST_ADDRESS_TYPE, IpamOptions.GATEWAY);
    }
    if (request.serial()) {
      options.put(IpamOptions.SERIAL, "true");
    }
    request.macAddress().ifPresent(m -> options.put(IpamOptions.MAC_ADDRESS, m.toString()));
    ObjectNode req = GoValues.object();
    req.put("PoolID", request.poolId());
    req.put("Address", request.preferred().map(Object::toString).orElse(""));
    if (options.isEmpty()) {
      req.putNull("Options");
    } else {
      req.set("Options", Requests.stringMap(options));
    }
    PluginClient.Reader<Subnet> read = (a, verdict) -> {
      checkError(a, "RequestAddressResponse");
      String address = GoValues.string(a, "RequestAddressResponse", "Address");
      if (address.isEmpty()) {
        throw new UnavailableException("no address returned");
      }
      Subnet s = GoValues.cidr(address);
      verdict.append("Docker gives ").append(request.gateway() ? "the network gateway " : "the endpoint ").append(s);
      client.remember(TYPE + "RequestAddress", request.poolId() + "|" + s.address(), a);
      return s;
    };
    Optional<Subnet> kept = request.preferred().isEmpty() ? Optional.empty()
        : client.replay(TYPE + "RequestAddress", request.poolId() + "|" + request.preferred().get(),
            "api.RequestAddressResponse", read);
    Subnet got = kept.orElseGet(() -> client.call(TYPE + "RequestAddress", req, "api.RequestAddressResponse", false,
        read, e -> "Docker fails the " + (request.gateway() ? "network create" : "container's start") + " with \""
            + e.getMessage() + "\""));
    synchronized (this) {
      held.computeIfAbsent(request.poolId(), k -> new LinkedHashSet<>()).add(got.address());
    }
    return got;
  }

  @Override
  public void releaseAddress(String poolId, IpAddress address) {
    requireNonNull(poolId, "poolId");
    requireNonNull(address, "address");
    ObjectNode req = GoValues.object();
    req.put("PoolID", poolId);
    req.put("Address", address.toString());
    try {
      client.call(TYPE + "ReleaseAddress", req, "api.ReleaseAddressResponse", false, (a, verdict) -> {
        checkError(a, "ReleaseAddressResponse");
        verdict.append("Docker gives the address back");
        return null;
      }, e -> "Docker logs \"" + e.getMessage() + "\" and carries on");
    } finally {
      client.forget(TYPE + "RequestAddress", (poolId + "|" + address)::equals);
      synchronized (this) {
        Set<IpAddress> s = held.get(poolId);
        if (s != null) {
          s.remove(address);
        }
      }
    }
  }

  /** Gives back every address and pool the plugin handed this driver, ignoring errors: for test clean-up. */
  public void releaseAll() {
    Map<String, Set<IpAddress>> copy = new LinkedHashMap<>();
    synchronized (this) {
      held.forEach((p, a) -> copy.put(p, new LinkedHashSet<>(a)));
    }
    copy.forEach((pool, addresses) -> {
      addresses.forEach(a -> quietly(() -> releaseAddress(pool, a)));
      quietly(() -> releasePool(pool));
    });
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (CnmException e) {
      // clean-up carries on
    }
  }

  @Override
  public String toString() {
    return "RemoteIpamDriver{" + name + " at " + client.address() + "}";
  }
}
