package dev.cnm.api.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.net.Subnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IpamValuesTest {
  @Test
  void address_request_typed_flags_follow_the_raw_options() {
    AddressRequest fromOptions = AddressRequest.builder().poolId("p")
        .putOption(IpamOptions.SERIAL, "true")
        .putOption(IpamOptions.REQUEST_ADDRESS_TYPE, IpamOptions.GATEWAY)
        .build();
    assertThat(fromOptions.serial()).isTrue();
    assertThat(fromOptions.gateway()).isTrue();
    AddressRequest notTrue = AddressRequest.builder().poolId("p").putOption(IpamOptions.SERIAL, "TRUE").build();
    assertThat(notTrue.serial()).isFalse();
    assertThat(notTrue.gateway()).isFalse();
    AddressRequest typed = AddressRequest.builder().poolId("p").serial(true).gateway(true).build();
    assertThat(typed.serial()).isTrue();
    assertThat(typed.gateway()).isTrue();
    assertThat(typed.options()).isEmpty();
  }

  @Test
  void address_request_raw_option_sets_the_flag_an_explicit_false_does_not_clear() {
    AddressRequest r = AddressRequest.builder().poolId("p").gateway(false).serial(false)
        .putOption(IpamOptions.REQUEST_ADDRESS_TYPE, IpamOptions.GATEWAY)
        .putOption(IpamOptions.SERIAL, "true")
        .build();
    assertThat(r.gateway()).isTrue();
    assertThat(r.serial()).isTrue();
    assertThat(r.options()).containsOnlyKeys(IpamOptions.REQUEST_ADDRESS_TYPE, IpamOptions.SERIAL);
    assertThat(r).isEqualTo(AddressRequest.builder().from(r).build());
  }

  @Test
  void address_request_values_and_equality() {
    MacAddress mac = MacAddress.parse("02:42:ac:11:00:02");
    AddressRequest r = AddressRequest.builder().poolId("p").preferred(IpAddress.parse("10.0.0.2")).macAddress(mac).build();
    assertThat(r.poolId()).isEqualTo("p");
    assertThat(r.preferred()).contains(IpAddress.parse("10.0.0.2"));
    assertThat(r.macAddress()).contains(mac);
    assertThat(r).isEqualTo(AddressRequest.builder().poolId("p").preferred(IpAddress.parse("10.0.0.2")).macAddress(mac).build());
    assertThat(r).isNotEqualTo(AddressRequest.of("p"));
    assertThat(r.hashCode()).isEqualTo(AddressRequest.builder().poolId("p").preferred(IpAddress.parse("10.0.0.2")).macAddress(mac).build().hashCode());
    assertThat(AddressRequest.of("p").preferred()).isEmpty();
    assertThatThrownBy(() -> AddressRequest.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("poolId");
  }

  @Test
  void pool_request_values_and_copies() {
    PoolRequest r = PoolRequest.builder().addressSpace("LocalDefault").pool(Subnet.parse("10.0.0.0/16"))
        .subPool(Subnet.parse("10.0.1.0/24")).putOption("k", "v").addExclude(Subnet.parse("10.9.0.0/16")).build();
    assertThat(r.addressSpace()).isEqualTo("LocalDefault");
    assertThat(r.pool()).contains(Subnet.parse("10.0.0.0/16"));
    assertThat(r.subPool()).contains(Subnet.parse("10.0.1.0/24"));
    assertThat(r.options()).isEqualTo(Map.of("k", "v"));
    assertThat(r.exclude()).isEqualTo(List.of(Subnet.parse("10.9.0.0/16")));
    assertThat(r.v6()).isFalse();
    assertThat(r.toBuilder().build()).isEqualTo(r).hasSameHashCodeAs(r);
    assertThat(PoolRequest.of("LocalDefault", Subnet.parse("fd00::/64")).v6()).isTrue();
    assertThat(PoolRequest.of("LocalDefault").pool()).isEmpty();
    assertThatThrownBy(() -> PoolRequest.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("addressSpace");
  }

  @Test
  void allocated_pool_capability_spaces() {
    AllocatedPool p = AllocatedPool.of("LocalDefault/10.0.0.0/16", Subnet.parse("10.0.0.0/16"));
    assertThat(p.meta()).isEmpty();
    assertThat(p).isEqualTo(AllocatedPool.of("LocalDefault/10.0.0.0/16", Subnet.parse("10.0.0.0/16"), Map.of()));
    assertThat(IpamCapability.of(false, true).requiresRequestReplay()).isTrue();
    assertThat(IpamCapability.of(false, false)).isEqualTo(IpamCapability.none());
    assertThat(AddressSpaces.of("a", "b").global()).isEqualTo("b");
  }

  @Test
  void exceptions_carry_docker_messages_kinds_and_values() {
    IpAddress ip = IpAddress.parse("10.0.0.2");
    AddressInUseException inUse = new AddressInUseException("p", ip);
    assertThat(inUse).hasMessage("Address already in use");
    assertThat(inUse.kind()).isEqualTo(ErrorKind.FORBIDDEN);
    assertThat(inUse.address()).isEqualTo(ip);
    AddressOutOfRangeException out = new AddressOutOfRangeException("p", ip);
    assertThat(out).hasMessage("requested address is out of range");
    assertThat(out.kind()).isEqualTo(ErrorKind.INVALID_PARAMETER);
    assertThat(new NoAvailableAddressException("p")).hasMessage("no available addresses on this pool")
        .extracting(e -> e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    NoAvailablePoolException noPool = new NoAvailablePoolException("LocalDefault", true);
    assertThat(noPool).hasMessage("all predefined address pools have been fully subnetted");
    assertThat(noPool.kind()).isEqualTo(ErrorKind.INVALID_PARAMETER);
    assertThat(noPool.v6()).isTrue();
    assertThat(noPool.wrap("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network"))
        .hasMessage("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network: "
            + "all predefined address pools have been fully subnetted")
        .hasCause(noPool);
    PoolOverlapException overlap = new PoolOverlapException("LocalDefault", Subnet.parse("10.0.0.0/8"));
    assertThat(overlap).hasMessage("invalid pool request: Pool overlaps with other one on this address space");
    assertThat(overlap.kind()).isEqualTo(ErrorKind.FORBIDDEN);
    assertThat(overlap.pool()).isEqualTo(Subnet.parse("10.0.0.0/8"));
  }
}
