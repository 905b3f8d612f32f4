package dev.cnm.testkit.faults;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AddressSpaces;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamCapability;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.List;

/** An IPAM driver that reports every SPI call to a {@link FaultInjector}, which may fail it. */
final class FaultInjectingIpamDriver implements IpamDriver {
  private final IpamDriver delegate;
  private final FaultInjector injector;
  private final String component;

  FaultInjectingIpamDriver(IpamDriver delegate, FaultInjector injector) {
    this.delegate = delegate;
    this.injector = injector;
    this.component = "ipam:" + delegate.name();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public boolean isBuiltIn() {
    return delegate.isBuiltIn();
  }

  @Override
  public IpamCapability capability() {
    return delegate.capability();
  }

  @Override
  public AddressSpaces defaultAddressSpaces() {
    return delegate.defaultAddressSpaces();
  }

  @Override
  public AllocatedPool requestPool(PoolRequest request) {
    requireNonNull(request, "request");
    return injector.intercept(component, "requestPool", List.of(request), () -> delegate.requestPool(request));
  }

  @Override
  public void releasePool(String poolId) {
    requireNonNull(poolId, "poolId");
    injector.intercept(component, "releasePool", List.of(poolId), () -> {
      delegate.releasePool(poolId);
      return null;
    });
  }

  @Override
  public Subnet requestAddress(AddressRequest request) {
    requireNonNull(request, "request");
    return injector.intercept(component, "requestAddress", List.of(request), () -> delegate.requestAddress(request));
  }

  @Override
  public void releaseAddress(String poolId, IpAddress address) {
    requireNonNull(poolId, "poolId");
    requireNonNull(address, "address");
    injector.intercept(component, "releaseAddress", List.of(poolId, address), () -> {
      delegate.releaseAddress(poolId, address);
      return null;
    });
  }

  @Override
  public String toString() {
    return "FaultInjecting(" + delegate + ")";
  }
}
