package dev.cnm.core;

import dev.cnm.api.EndpointSpec;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Sandboxes#join} creates on a network: the endpoint settings the container asked
 * for, the extra join options (legacy links' endpoints on the default bridge), for a restore the
 * endpoint the container had, and for libnetwork's anonymous endpoint on {@code docker_gwbridge}
 * its name {@code gateway_<id12>}.
 *
 * <pre>{@code
 * sandboxes.join(c, sb, n, JoinPlan.endpoint(settings, linkOptions), undo);
 * sandboxes.join(c, sb, gw, JoinPlan.gatewayBridge(Gateways.endpointName(c)), undo);
 * sandboxes.join(c, sb, n, JoinPlan.endpoint(settings, Map.of()).restoring(saved), undo);
 * }</pre>
 *
 * @param restored the saved endpoint to request again, or null for a new one
 * @param gatewayName {@code gateway_<id12>} for the docker_gwbridge endpoint, or null for one of
 *     the container's own endpoints
 */
record JoinPlan(EndpointSpec settings, Map<String, String> joinOptions, Restored restored, String gatewayName) {

  /** One of the container's own endpoints. */
  static JoinPlan endpoint(EndpointSpec settings, Map<String, String> joinOptions) {
    return new JoinPlan(settings, joinOptions, null, null);
  }

  /** The anonymous endpoint on docker_gwbridge that gives an overlay-only sandbox its gateway. */
  static JoinPlan gatewayBridge(String gatewayName) {
    return new JoinPlan(EndpointSpec.empty(), Map.of(), null, gatewayName);
  }

  /** This plan, asking for the restored endpoint's id, addresses and MAC again. */
  JoinPlan restoring(Restored saved) {
    return new JoinPlan(settings, joinOptions, saved, gatewayName);
  }

  /** Whether this is the docker_gwbridge endpoint, whose failures libnetwork wraps. */
  boolean isGatewayBridge() {
    return gatewayName != null;
  }

  /** What a restored endpoint had: its id, addresses and MAC, requested again. */
  record Restored(String endpointId, Optional<IpAddress> ipv4, Optional<IpAddress> ipv6, Optional<MacAddress> mac) {}
}
