package dev.cnm.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NullIpamDriverTest {
  private final NullIpamDriver ipam = NullIpamDriver.INSTANCE;

  @Test
  void identity() {
    assertThat(ipam.name()).isEqualTo("null");
    assertThat(ipam.isBuiltIn()).isTrue();
    assertThat(ipam.defaultAddressSpaces().local()).isEqualTo("null");
    assertThat(ipam.defaultAddressSpaces().global()).isEqualTo("null");
    assertThat(ipam.capability().requiresMacAddress()).isFalse();
    assertThat(ipam.capability().requiresRequestReplay()).isFalse();
  }

  @Test
  void pools_are_the_whole_space_and_addresses_are_none() {
    AllocatedPool v4 = ipam.requestPool(PoolRequest.of("null"));
    assertThat(v4.poolId()).isEqualTo("null/0.0.0.0/0");
    assertThat(v4.pool()).isEqualTo(Subnet.parse("0.0.0.0/0"));
    AllocatedPool v6 = ipam.requestPool(PoolRequest.builder().addressSpace("null").v6(true).build());
    assertThat(v6.poolId()).isEqualTo("null/::/0");
    assertThat(ipam.requestAddress(AddressRequest.of(v4.poolId()))).isNull();
    assertThat(ipam.requestAddress(AddressRequest.of(v6.poolId(), IpAddress.parse("fd00::1")))).isNull();
    ipam.releaseAddress(v4.poolId(), IpAddress.parse("10.0.0.1"));
    ipam.releasePool(v4.poolId());
    ipam.releasePool("anything");
  }

  @Test
  void bad_input() {
    expect(() -> ipam.requestPool(PoolRequest.of("LocalDefault")), "unknown address space: LocalDefault");
    expect(() -> ipam.requestPool(PoolRequest.of("null", Subnet.parse("10.0.0.0/24"))),
        "null ipam driver does not handle specific address pool requests");
    expect(() -> ipam.requestPool(PoolRequest.builder().addressSpace("null").subPool(Subnet.parse("10.0.0.0/24")).build()),
        "null ipam driver does not handle specific address subpool requests");
    expect(() -> ipam.requestAddress(AddressRequest.of("null/10.0.0.0/8")), "unknown pool id: null/10.0.0.0/8");
    expect(() -> ipam.releaseAddress("x", IpAddress.parse("10.0.0.1")), "unknown pool id: x");
  }

  private static void expect(Executable call, String message) {
    assertThatThrownBy(call::execute).isInstanceOfSatisfying(CnmException.class, e -> {
      assertThat(e).hasMessage(message);
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_PARAMETER);
    });
  }
}
