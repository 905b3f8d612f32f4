package dev.cnm.drivers.internal;

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
 * The {@code host} and {@code null} drivers, which libnetwork writes twice with only the type
 * changed ({@code drivers/host/host.go}, {@code drivers/null/null.go}): each allows exactly one
 * network, which can never be deleted, and its endpoint calls do nothing. Like libnetwork it does
 * not look at the ids it is given: endpoint create, join and leave succeed for any id, and delete
 * is refused even for an id it never saw. Not API: the providers in {@code dev.cnm.drivers.host}
 * and {@code dev.cnm.drivers.none} create it.
 *
 * <pre>{@code
 * NetworkDriver host = new SingleNetworkDriver("host");
 * }</pre>
 */
public final class SingleNetworkDriver implements NetworkDriver {
  private final String type;

  /** A driver of {@code type} ({@code host} or {@code null}). */
  public SingleNetworkDriver(String type) {
    this.type = requireNonNull(type, "type");
  }

  @GuardedBy("this")
  private String networkId; // null until the one network is created

  @Override
  public String type() {
    return type;
  }

  @Override
  public DriverCapability capability() {
    return DriverCapability.local();
  }

  @Override
  public synchronized void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    if (networkId != null) {
      throw new ForbiddenException("only one instance of \"" + type + "\" network is allowed");
    }
    networkId = request.networkId();
  }

  @Override
  public void deleteNetwork(String networkId) {
    requireNonNull(networkId, "networkId");
    throw new ForbiddenException("network of type \"" + type + "\" cannot be deleted");
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
    return type.equals("host") ? "HostDriver" : "NullDriver";
  }
}
