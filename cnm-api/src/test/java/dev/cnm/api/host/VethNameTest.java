package dev.cnm.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VethNameTest {

  @Test
  void a_generated_name_and_its_number_give_each_other_back() {
    for (int n : new int[] {0, 1, 0xa1b2c, 0x1a2b3c4, 0x0FFF_FFFF}) {
      assertThat(VethName.number(VethName.text(n))).isEqualTo(n);
    }
    assertThat(VethName.text(0xa1b2c)).isEqualTo("veth00a1b2c");
    assertThat(VethName.number("veth00a1b2c")).isEqualTo(0xa1b2c);
  }

  @Test
  void a_name_whose_text_the_number_would_not_give_back_is_not_a_generated_one() {
    for (String name : List.of("eth0", "veth", "veth1a2b3c", "veth1a2b3c45", "veth1A2B3C4", "vetH1a2b3c4",
        "veth1a2b3cg", "vxlan1a2b3c")) {
      assertThat(VethName.number(name)).as(name).isEqualTo(-1);
    }
  }

  @Test
  void a_number_outside_28_bits_has_no_name() {
    assertThatThrownBy(() -> VethName.text(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> VethName.text(1 << 28)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void an_interface_with_generated_names_shows_and_compares_as_one_with_any_other_names() {
    HostInterface veth = HostInterface.of(7, "veth1a2b3c4", HostInterface.Kind.VETH, 1500, List.of(), "br0",
        "veth00000ff");
    assertThat(veth.name()).isEqualTo("veth1a2b3c4");
    assertThat(veth.peer()).contains("veth00000ff");
    assertThat(veth).hasToString("7: veth1a2b3c4 VETH mtu 1500 [] master br0 peer veth00000ff");
    HostInterface same = HostInterface.of(7, "veth1a2b3c4", HostInterface.Kind.VETH, 1500, List.of(), "br0",
        "veth00000ff");
    assertThat(veth).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(veth).isNotEqualTo(HostInterface.of(7, "veth1a2b3c5", HostInterface.Kind.VETH, 1500, List.of(), "br0",
        "veth00000ff"));
    assertThat(veth).isNotEqualTo(HostInterface.of(7, "veth1a2b3c4", HostInterface.Kind.VETH, 1500, List.of(), "br0",
        "eth0"));
    assertThat(veth.withMaster(null).name()).isEqualTo("veth1a2b3c4");
    assertThat(veth.withMaster(null).peer()).contains("veth00000ff");
    HostInterface named = HostInterface.of(8, "vethA", HostInterface.Kind.VETH, 1500, List.of(), null, "eth0");
    assertThat(named.name()).isEqualTo("vethA");
    assertThat(named.peer()).contains("eth0");
    assertThat(HostInterface.of(9, "lo", HostInterface.Kind.LOOPBACK, 65536, List.of(), null, null).peer()).isEmpty();
  }
}
