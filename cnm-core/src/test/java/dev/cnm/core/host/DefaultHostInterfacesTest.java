package dev.cnm.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.HostInterface.Kind;
import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.net.Subnet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultHostInterfacesTest {
  private final DefaultHostInterfaces ifs = DefaultHostInterfaces.create(Subnet.parse("10.0.0.5/24"));

  @Test
  void starts_with_loopback_and_eth0() {
    assertThat(ifs.list()).extracting(HostInterface::toString).containsExactly(
        "1: lo LOOPBACK mtu 65536 [127.0.0.1/8, ::1/128]",
        "2: eth0 ETHERNET mtu 1500 [10.0.0.5/24]");
    assertThat(DefaultHostInterfaces.create().get("eth0").orElseThrow().addresses())
        .containsExactly(Subnet.parse("192.168.1.10/24"));
  }

  @Test
  void bridges_and_veths() {
    HostInterface br = ifs.addBridge("docker0", List.of(Subnet.parse("172.17.0.1/16")), 1500);
    assertThat(br.index()).isEqualTo(3);
    assertThat(br.kind()).isEqualTo(Kind.BRIDGE);
    HostInterface veth = ifs.addVeth("veth1a2b3c4", "eth0", "docker0", 1500);
    assertThat(veth.master()).contains("docker0");
    assertThat(veth.peer()).contains("eth0");
    assertThat(ifs.bridgePorts("docker0")).containsExactly("veth1a2b3c4");
    ifs.removeVeth("veth1a2b3c4");
    assertThat(ifs.bridgePorts("docker0")).isEmpty();
    assertThat(ifs.get("veth1a2b3c4")).isEmpty();
    HostInterface again = ifs.addVeth("veth1a2b3c4", "eth0", "docker0", 1500);
    assertThat(again.index()).isEqualTo(5); // indexes are never reused
    ifs.removeBridge("docker0");
    assertThat(ifs.get("veth1a2b3c4").orElseThrow().master()).isEmpty();
  }

  @Test
  void lists_generated_veth_names_and_other_names_together_in_index_order() {
    ifs.addBridge("veth0000001", List.of(), 1500); // a bridge may carry a name shaped like a generated veth's
    ifs.addVeth("veth1a2b3c4", "veth00000ff", "veth0000001", 1500);
    ifs.addDummy("dm-0", dev.cnm.api.net.MacAddress.of(2));
    ifs.addVeth("veth0000002", "eth0", "veth0000001", 1500);
    ifs.addVeth("vethmanual", "eth0", "veth0000001", 1500);
    assertThat(ifs.list()).extracting(HostInterface::name)
        .containsExactly("lo", "eth0", "veth0000001", "veth1a2b3c4", "dm-0", "veth0000002", "vethmanual");
    assertThat(ifs.get("veth1a2b3c4").orElseThrow().peer()).contains("veth00000ff");
    assertThat(ifs.bridgePorts("veth0000001")).containsExactly("veth1a2b3c4", "veth0000002", "vethmanual");
    assertThatThrownBy(() -> ifs.addDummy("veth1a2b3c4", dev.cnm.api.net.MacAddress.of(3)))
        .hasMessage("interface veth1a2b3c4 already exists");
    ifs.removeVeth("veth1a2b3c4");
    ifs.removeBridge("veth0000001");
    assertThat(ifs.list()).extracting(HostInterface::toString).containsExactly(
        "1: lo LOOPBACK mtu 65536 [127.0.0.1/8, ::1/128]",
        "2: eth0 ETHERNET mtu 1500 [10.0.0.5/24]",
        "5: dm-0 DUMMY mtu 1500 []",
        "6: veth0000002 VETH mtu 1500 [] peer eth0",
        "7: vethmanual VETH mtu 1500 [] peer eth0");
  }

  @Test
  void bridge_capacity_1023_ports_the1024th_fails() {
    ifs.addBridge("br-0123456789ab", List.of(Subnet.parse("172.18.0.1/16")), 1500);
    for (int i = 0; i < 1023; i++) {
      ifs.addVeth(String.format("veth%07x", i), "eth0", "br-0123456789ab", 1500);
    }
    assertThat(ifs.bridgePorts("br-0123456789ab")).hasSize(HostInterfaces.BRIDGE_MAX_PORTS).hasSize(1023);
    int before = ifs.list().size();
    assertThatThrownBy(() -> ifs.addVeth("vethfffffff", "eth0", "br-0123456789ab", 1500))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("adding interface vethfffffff to bridge br-0123456789ab failed: exchange full")
        .extracting(e -> ((SystemException) e).kind()).isEqualTo(ErrorKind.SYSTEM);
    assertThat(ifs.list()).hasSize(before);
    assertThat(ifs.get("vethfffffff")).isEmpty();
    ifs.removeVeth("veth0000000");
    assertThat(ifs.addVeth("vethfffffff", "eth0", "br-0123456789ab", 1500).master()).contains("br-0123456789ab");
  }

  @Test
  void lists_each_bridge_s_ports_in_attachment_order_and_frees_them_with_the_bridge() {
    ifs.addBridge("br-a", List.of(Subnet.parse("172.18.0.1/16")), 1500);
    ifs.addBridge("br-b", List.of(Subnet.parse("172.19.0.1/16")), 1500);
    ifs.addVeth("veth0000003", "eth0", "br-a", 1500);
    ifs.addVeth("veth0000001", "eth0", "br-b", 1500);
    ifs.addVeth("veth0000002", "eth0", "br-a", 1500);
    ifs.addDummy("dummy0", dev.cnm.api.net.MacAddress.of(1));
    assertThat(ifs.bridgePorts("br-a")).containsExactly("veth0000003", "veth0000002");
    assertThat(ifs.bridgePorts("br-b")).containsExactly("veth0000001");
    ifs.removeBridge("br-a");
    assertThat(ifs.get("veth0000003").orElseThrow().master()).isEmpty();
    assertThat(ifs.get("veth0000001").orElseThrow().master()).contains("br-b");
    // a bridge of the same name starts with no ports, and a veth its predecessor kept is no port of it
    ifs.addBridge("br-a", List.of(Subnet.parse("172.18.0.1/16")), 1500);
    assertThat(ifs.bridgePorts("br-a")).isEmpty();
    ifs.removeVeth("veth0000003");
    ifs.addVeth("veth0000004", "eth0", "br-a", 1500);
    assertThat(ifs.bridgePorts("br-a")).containsExactly("veth0000004");
  }

  @Test
  void programming_mistakes() {
    assertThatThrownBy(() -> ifs.addBridge("eth0", List.of(), 1500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ifs.addBridge("a-name-too-long-1", List.of(), 1500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ifs.addVeth("veth1", "eth0", "nobridge", 1500))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ifs.removeBridge("eth0")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ifs.addBridge("br0", List.of(), 10)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ifs.list()).hasSize(2);
  }
}
