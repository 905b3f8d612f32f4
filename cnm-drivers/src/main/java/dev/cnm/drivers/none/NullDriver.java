package dev.cnm.drivers.none;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;

/**
 * The {@code null} driver (the {@code none} network: containers get only loopback), after libnetwork's {@code drivers/null/null.go}: it allows
 * exactly one network, which can never be deleted, and its endpoint calls do nothing. Like
 * libnetwork it does not look at the ids it is given: endpoint create, join and leave succeed for
 * any id, and delete is refused even for an id it never saw.
 */
final class NullDriver implements NetworkDriver {
  static final String TYPE = "null";

  @GuardedBy("this")
  private String networkId; // null until the one network is created

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public DriverCapability capability() {
    return DriverCapability.local();
  }

  @Override
  public synchronized void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    if (networkId != null) {
      throw new ForbiddenException("only one instance of \"" + TYPE + "\" network is allowed");
    }
    networkId = request.networkId();
  }

  @Override
  public void deleteNetwork(String networkId) {
    requireNonNull(networkId, "networkId");
    throw new ForbiddenException("network of type \"" + TYPE + "\" cannot be deleted");
  }

  @Override
  public EndpointInterface createEndpoint(EndpointCreateRequest request) {
    requireNonNull(request, "request");
    return request.iface(); // no interface of its own: nothing to complete
  }

  @Override
  public void deleteEndpoint(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
  }

  @Override
  public JoinInfo join(JoinRequest request) {
    requireNonNull(request, "request");
    return JoinInfo.none();
  }

  @Override
  public void leave(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
  }

  @Override
  public String toString() {
    return "NullDriver";
  }
}
