package dev.cnm.testkit.thirdparty;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.IpamDriverProvider;

/**
 * Provides the third-party {@code macvlan-like-ipam} IPAM driver, a new one per engine; listed in
 * this module's test resources under {@code META-INF/services/dev.cnm.api.spi.IpamDriverProvider}.
 */
public final class MacvlanLikeIpamProvider implements IpamDriverProvider {
  /** For ServiceLoader and {@code @CnmDrivers}. */
  public MacvlanLikeIpamProvider() {}

  @Override
  public String name() {
    return MacvlanLikeIpam.NAME;
  }

  @Override
  public IpamDriver create() {
    return new MacvlanLikeIpam();
  }
}
