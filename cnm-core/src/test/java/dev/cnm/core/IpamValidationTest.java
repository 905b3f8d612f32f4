package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import org.junit.jupiter.api.Test;

/**
 * The daemon's IPAM checks in moby 28.2.2's words and order ({@code api/types/network/ipam.go}):
 * an ip-range's family first, then each of bigger than its parent, host bits, outside its parent;
 * subnets printed as given. The mistake this catches: a non-canonical range hid the other problems, the
 * bigger-than-parent check was missing, the parent was printed masked, and a pool without a
 * subnet had a message moby does not have.
 */
class IpamValidationTest {
  private static NetworkSpec spec(IpamPoolSpec pool) {
    return NetworkSpec.builder().name("n").addIpamConfig(pool).build();
  }

  @Test
  void an_ip_range_reports_each_of_moby_s_problems() {
    assertThatThrownBy(() -> IpamValidation.validate(spec(IpamPoolSpec.builder().subnet(Subnet.parse("10.1.0.0/16"))
        .ipRange(Subnet.parse("10.2.0.5/8")).build())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid network config:\n"
            + "invalid ip-range 10.2.0.5/8: CIDR block is bigger than its parent subnet 10.1.0.0/16\n"
            + "invalid ip-range 10.2.0.5/8: it should be 10.0.0.0/8");
    assertThatThrownBy(() -> IpamValidation.validate(spec(IpamPoolSpec.builder().subnet(Subnet.parse("10.1.2.3/16"))
        .ipRange(Subnet.parse("10.9.0.1/24")).build())))
        .hasMessage("invalid network config:\n"
            + "invalid subnet 10.1.2.3/16: it should be 10.1.0.0/16\n"
            + "invalid ip-range 10.9.0.1/24: it should be 10.9.0.0/24\n"
            + "invalid ip-range 10.9.0.1/24: parent subnet 10.1.2.3/16 doesn't contain ip-range");
    assertThatThrownBy(() -> IpamValidation.validate(spec(IpamPoolSpec.builder().subnet(Subnet.parse("10.1.0.0/16"))
        .ipRange(Subnet.parse("fd00::/64")).build())))
        .hasMessage("invalid network config:\ninvalid ip-range fd00::/64: parent subnet is an IPv4 block");
  }

  @Test
  void a_pool_with_a_gateway_but_no_subnet_is_moby_s_empty_subnet() {
    assertThatThrownBy(() -> IpamValidation.validate(spec(IpamPoolSpec.builder()
        .gateway(IpAddress.parse("10.0.0.1")).build())))
        .hasMessage("invalid network config:\ninvalid subnet : invalid CIDR block notation");
  }
}
