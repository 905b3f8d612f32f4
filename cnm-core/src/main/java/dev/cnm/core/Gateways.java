package dev.cnm.core;

import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortBinding;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox's gateway endpoint: which of its endpoints provides the default gateway and carries
 * the published ports (libnetwork's {@code endpoint.Less} order), moving the ports when that
 * changes ({@code ProgramExternalConnectivity} / {@code RevokeExternalConnectivity}), and the
 * {@code docker_gwbridge} network with its anonymous {@code gateway_<id12>} endpoint for a sandbox
 * whose networks offer no gateway (overlay). libnetwork's {@code sbJoin}, {@code sbLeave}, {@code
 * setupDefaultGW} and {@code clearDefaultGW}. Called under the engine's lock.
 */
final class Gateways {
  /** libnetwork's {@code libnGWNetwork}. */
  static final String GW_NETWORK = "docker_gwbridge";

  private final NetworkTable networks;
  private final Networks networkOps;
  private final Sandboxes sandboxes;

  Gateways(NetworkTable networks, Networks networkOps, Sandboxes sandboxes) {
    this.networks = networks;
    this.networkOps = networkOps;
    this.sandboxes = sandboxes;
  }

  /** {@code gateway_} and the first 12 characters of the container id (libnetwork {@code setupDefaultGW}). */
  static String endpointName(ContainerRecord c) {
    return "gateway_" + c.id.substring(0, Math.min(12, c.id.length()));
  }

  /**
   * After joins: a sandbox whose endpoints offer no gateway (overlay) gets an endpoint on {@code
   * docker_gwbridge}; the gateway endpoint is elected again; a docker_gwbridge endpoint no longer
   * needed is removed (libnetwork {@code sbJoin}: {@code setupDefaultGW}, then the move of external
   * connectivity, then {@code clearDefaultGW}). Records undo steps.
   */
  void settle(ContainerRecord c, Undo undo) {
    SandboxRecord sb = c.sandbox;
    if (needsDefaultGateway(sb) && gatewayBridgeEndpoint(sb).isEmpty()) {
      setupDefaultGateway(c, undo);
    }
    reelect(c, undo, true);
    clearDefaultGatewayIfUnneeded(c);
  }

  /**
   * Leaves one endpoint of a running container as libnetwork's {@code sbLeave} does: its ports are
   * revoked if it was the gateway endpoint, the endpoint leaves, the gateway is elected again, and
   * a docker_gwbridge endpoint no longer needed goes (a leave never adds one). Never fails: when
   * the new gateway endpoint's external connectivity cannot be programmed, sbLeave logs {@code
   * Failed to set gateway} and the leave stands, with that endpoint the gateway and no ports
   * published.
   */
  void leave(ContainerRecord c, EndpointRecord ep) {
    leaveGatewayIfNeeded(c, ep);
    sandboxes.leave(c.sandbox, ep);
    try {
      reelect(c, new Undo(), false);
    } catch (CnmException e) {
      // The endpoint has left already; libnetwork logs the failed move and carries on.
    }
    clearDefaultGatewayIfUnneeded(c);
  }

  /** Revokes the ports of a sandbox being torn down; its endpoints leave afterwards. */
  void release(SandboxRecord sb) {
    if (sb.gatewayEndpoint != null) {
      revoke(sb.gatewayEndpoint);
      sb.gatewayEndpoint = null;
    }
  }

  /**
   * Makes a restored endpoint the sandbox's gateway endpoint again, with exactly the host ports it
   * had published (ephemeral ports included).
   */
  void restore(ContainerRecord c, EndpointRecord ep, List<PublishedPort> published) {
    c.sandbox.gatewayEndpoint = ep;
    List<PortBinding> fixed = new ArrayList<>();
    for (PublishedPort p : published) {
      fixed.add(PortBinding.of(p.containerPort(), p.hostIp(), p.hostPort()));
    }
    NetworkRecord n = ep.network;
    ep.published = List.copyOf(n.driver.programExternalConnectivity(ExternalConnectivityRequest.builder()
        .networkId(n.id)
        .endpointId(ep.id)
        .bindings(fixed)
        .exposedPorts(c.exposedPorts)
        .containerIpv4(ep.ipv4().map(Subnet::address))
        .containerIpv6(ep.ipv6().map(Subnet::address))
        .build()));
  }

  /**
   * libnetwork's {@code setupDefaultGW}: the {@code docker_gwbridge} network (created on first use
   * with ICC off and masquerading on, its subnet from the local pools), then the anonymous endpoint
   * {@code gateway_<id12>} joined to the sandbox, which becomes its gateway endpoint.
   */
  private void setupDefaultGateway(ContainerRecord c, Undo undo) {
    NetworkRecord gw = networks.byName(GW_NETWORK).orElse(null);
    if (gw == null) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("com.docker.network.bridge.enable_icc", "false");
      options.put("com.docker.network.bridge.enable_ip_masquerade", "true");
      options.put("com.docker.network.bridge.name", GW_NETWORK);
      NetworkSpec spec = NetworkSpec.builder().name(GW_NETWORK).driver("bridge").options(options).build();
      try {
        gw = networkOps.createRecord(spec, false, options);
      } catch (CnmException e) {
        throw e.wrap("error creating external connectivity network");
      }
      NetworkRecord created = gw;
      undo.push(() -> networkOps.remove(created));
    }
    sandboxes.join(c, c.sandbox, gw, JoinPlan.gatewayBridge(endpointName(c)), undo);
    try {
      reelect(c, undo, true);
    } catch (CnmException e) {
      throw e.wrap("container " + c.id + ": endpoint join on GW Network failed");
    }
  }

  /** libnetwork's {@code clearDefaultGW} when {@code needDefaultGW} is false. Never fails. */
  private void clearDefaultGatewayIfUnneeded(ContainerRecord c) {
    SandboxRecord sb = c.sandbox;
    if (needsDefaultGateway(sb)) {
      return;
    }
    Optional<EndpointRecord> gw = gatewayBridgeEndpoint(sb);
    if (gw.isEmpty()) {
      return;
    }
    boolean wasGateway = sb.gatewayEndpoint == gw.get();
    leaveGatewayIfNeeded(c, gw.get());
    sandboxes.leave(sb, gw.get());
    if (wasGateway) {
      try {
        reelect(c, new Undo(), false);
      } catch (CnmException e) {
        // libnetwork logs a failure to move external connectivity on leave and carries on.
      }
    }
  }

  /**
   * Recomputes the sandbox's gateway endpoint after a join or leave, moving the published ports.
   * After a join, a failure to revoke the old gateway endpoint's ports fails the join, which
   * changed nothing of it then (libnetwork's {@code sbJoin}: {@code driver failed revoking
   * external connectivity}); after a leave it is passed over ({@code sbLeave} logs it).
   */
  private void reelect(ContainerRecord c, Undo undo, boolean afterJoin) {
    SandboxRecord sb = c.sandbox;
    EndpointRecord previous = sb.gatewayEndpoint;
    EndpointRecord next = elect(sb).orElse(null);
    if (previous == next) {
      return;
    }
    if (previous != null) {
      if (afterJoin) {
        revokeOrFail(previous);
      } else {
        revoke(previous);
      }
      undo.push(() -> program(c, previous));
    }
    sb.gatewayEndpoint = next;
    undo.push(() -> sb.gatewayEndpoint = previous);
    if (next != null) {
      program(c, next);
      undo.push(() -> revoke(next));
    }
  }

  /**
   * Publishes the container's ports on its new gateway endpoint (never on an internal network,
   * never in host mode), with Docker's wrapping of the driver's error.
   */
  private static void program(ContainerRecord c, EndpointRecord ep) {
    if (ep.network.spec.internal() || c.mode().isHost()) {
      return;
    }
    try {
      ep.published = List.copyOf(ep.network.driver.programExternalConnectivity(ExternalConnectivityRequest.builder()
          .networkId(ep.network.id)
          .endpointId(ep.id)
          .bindings(c.effectiveBindings())
          .exposedPorts(c.exposedPorts)
          .containerIpv4(ep.ipv4().map(Subnet::address))
          .containerIpv6(ep.ipv6().map(Subnet::address))
          .build()));
    } catch (CnmException e) {
      throw e.wrap("driver failed programming external connectivity on endpoint " + ep.name() + " (" + ep.id + ")");
    }
  }

  private static void revoke(EndpointRecord ep) {
    try {
      revokeOrFail(ep);
    } catch (CnmException e) {
      // On leave and teardown Docker logs revoke failures and carries on.
      ep.published = List.of();
    }
  }

  private static void revokeOrFail(EndpointRecord ep) {
    if (ep.published.isEmpty() && (ep.network.spec.internal() || ep.container.mode().isHost())) {
      return;
    }
    try {
      ep.network.driver.revokeExternalConnectivity(ep.network.id, ep.id);
    } catch (CnmException e) {
      throw new SystemException("driver failed revoking external connectivity on endpoint " + ep.name()
          + " (" + ep.id + "): " + e.getMessage(), e);
    }
    ep.published = List.of();
  }

  private static void leaveGatewayIfNeeded(ContainerRecord c, EndpointRecord ep) {
    if (c.sandbox.gatewayEndpoint == ep) {
      revoke(ep);
      c.sandbox.gatewayEndpoint = null;
    }
  }

  /**
   * The sandbox's endpoints in libnetwork's order ({@code endpoint.Less}): gateway priority
   * first, then non-internal networks, then dual-stack before single-stack gateways, then network
   * name. The same order numbers a container's interfaces for what it sees.
   */
  static List<EndpointRecord> ordered(SandboxRecord sb) {
    List<EndpointRecord> eps = new ArrayList<>(sb.endpoints());
    eps.sort(Comparator.<EndpointRecord>comparingInt(e -> -e.settings.gwPriority())
        .thenComparing(e -> e.network.name.equals(GW_NETWORK))
        .thenComparing(e -> e.network.spec.internal())
        .thenComparingInt(e -> -gatewayScore(e))
        .thenComparing(e -> e.network.name));
    return eps;
  }

  private static int gatewayScore(EndpointRecord e) {
    boolean v4 = e.join.gateway().isPresent();
    boolean v6 = e.join.ipv6Gateway().isPresent();
    return v4 && v6 ? 3 : v6 ? 2 : v4 ? 1 : 0;
  }

  /**
   * libnetwork's {@code needDefaultGW}: some endpoint (not on docker_gwbridge, host or null, not
   * internal, not refusing the gateway service) exists and none of them offers an IPv4 gateway or
   * a default static route. The overlay case.
   */
  private static boolean needsDefaultGateway(SandboxRecord sb) {
    boolean need = false;
    for (EndpointRecord e : sb.endpoints()) {
      if (e.isGatewayBridge() || e.network.isSpecial() || e.network.spec.internal()
          || e.join.disableGatewayService()) {
        continue;
      }
      if (e.join.gateway().isPresent()
          || e.join.staticRoutes().stream().anyMatch(r -> r.destination().toString().equals("0.0.0.0/0"))) {
        return false;
      }
      need = true;
    }
    return need;
  }

  /** The sandbox's endpoint on docker_gwbridge, if it has one. */
  private static Optional<EndpointRecord> gatewayBridgeEndpoint(SandboxRecord sb) {
    return sb.endpoints().stream().filter(EndpointRecord::isGatewayBridge).findFirst();
  }

  /** The endpoint that provides the default gateway, if any. */
  private static Optional<EndpointRecord> elect(SandboxRecord sb) {
    return ordered(sb).stream().filter(EndpointRecord::providesGateway).findFirst();
  }
}
