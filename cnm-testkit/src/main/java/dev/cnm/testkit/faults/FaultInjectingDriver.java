package dev.cnm.testkit.faults;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.spi.DataPlane;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import java.util.List;
import java.util.Map;

/** A network driver that reports every SPI call to a {@link FaultInjector}, which may fail it. */
final class FaultInjectingDriver implements NetworkDriver {
  private final NetworkDriver delegate;
  private final FaultInjector injector;

  FaultInjectingDriver(NetworkDriver delegate, FaultInjector injector) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.injector = injector;
  }

  @Override
  public String type() {
    return delegate.type();
  }

  @Override
  public DriverCapability capability() {
    return delegate.capability();
  }

  // What the driver declares passes through unrecorded, as type() and capability() do: a wrapped
  // driver must gate the engine and the contracts exactly as the driver itself.

  @Override
  public boolean skipsGatewayAllocation(Map<String, String> options, boolean internal, boolean ipv6) {
    return delegate.skipsGatewayAllocation(options, internal, ipv6);
  }

  @Override
  public boolean acceptsMacAddress() {
    return delegate.acceptsMacAddress();
  }

  @Override
  public DataPlane dataPlane(String networkId) {
    return delegate.dataPlane(networkId);
  }

  @Override
  public void createNetwork(NetworkCreateRequest request) {
    requireNonNull(request, "request");
    run("createNetwork", List.of(request), () -> delegate.createNetwork(request));
  }

  @Override
  public void deleteNetwork(String networkId) {
    requireNonNull(networkId, "networkId");
    run("deleteNetwork", List.of(networkId), () -> delegate.deleteNetwork(networkId));
  }

  @Override
  public EndpointInterface createEndpoint(EndpointCreateRequest request) {
    requireNonNull(request, "request");
    return injector.intercept(type(), "createEndpoint", List.of(request), () -> delegate.createEndpoint(request));
  }

  @Override
  public void deleteEndpoint(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
    run("deleteEndpoint", List.of(networkId, endpointId), () -> delegate.deleteEndpoint(networkId, endpointId));
  }

  @Override
  public JoinInfo join(JoinRequest request) {
    requireNonNull(request, "request");
    return injector.intercept(type(), "join", List.of(request), () -> delegate.join(request));
  }

  @Override
  public void leave(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
    run("leave", List.of(networkId, endpointId), () -> delegate.leave(networkId, endpointId));
  }

  @Override
  public List<PublishedPort> programExternalConnectivity(ExternalConnectivityRequest request) {
    requireNonNull(request, "request");
    return injector.intercept(type(), "programExternalConnectivity", List.of(request),
        () -> delegate.programExternalConnectivity(request));
  }

  @Override
  public void revokeExternalConnectivity(String networkId, String endpointId) {
    requireNonNull(networkId, "networkId");
    requireNonNull(endpointId, "endpointId");
    run("revokeExternalConnectivity", List.of(networkId, endpointId),
        () -> delegate.revokeExternalConnectivity(networkId, endpointId));
  }

  private void run(String method, List<Object> args, Runnable body) {
    injector.intercept(type(), method, args, () -> {
      body.run();
      return null;
    });
  }

  @Override
  public String toString() {
    return "FaultInjecting(" + delegate + ")";
  }
}
