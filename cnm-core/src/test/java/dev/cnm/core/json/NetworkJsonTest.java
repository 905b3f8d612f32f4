package dev.cnm.core.json;

import static dev.cnm.core.json.ContainerJsonTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.IpamPoolInfo;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import org.junit.jupiter.api.Test;

class NetworkJsonTest {

  @Test
  void keys_are_in_go_struct_order() {
    ObjectNode doc = DockerJson.network(Fixtures.dev(Fixtures.ticktockEndpoint()));
    assertThat(keys(doc))
        .containsExactly(
            "Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM",
            "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers",
            "Options", "Labels");
    assertThat(keys(doc.get("IPAM"))).containsExactly("Driver", "Options", "Config");
    assertThat(keys(doc.at("/IPAM/Config/0"))).containsExactly("Subnet", "IPRange", "Gateway", "AuxiliaryAddresses");
    assertThat(keys(doc.at("/Containers/" + Fixtures.TICKTOCK_ID)))
        .containsExactly("Name", "EndpointID", "MacAddress", "IPv4Address", "IPv6Address");
  }

  @Test
  void ipam_config_omits_empty_fields() {
    NetworkInfo plain =
        NetworkInfo.builder()
            .from(Fixtures.dev())
            .ipamConfigs(java.util.List.of(IpamPoolInfo.builder().subnet(Subnet.parse("10.1.0.0/24")).poolId("p").build()))
            .build();
    assertThat(DockerJson.network(plain).at("/IPAM/Config").toString()).isEqualTo("[{\"Subnet\":\"10.1.0.0/24\"}]");
  }

  @Test
  void dual_stack_pools_list_ipv4_first() {
    NetworkInfo dual =
        NetworkInfo.builder()
            .from(Fixtures.dev())
            .enableIpv6(true)
            .addIpamConfig(
                IpamPoolInfo.builder()
                    .subnet(Subnet.parse("fd00:1::/64"))
                    .gateway(IpAddress.parse("fd00:1::1"))
                    .poolId("LocalDefault/fd00:1::/64")
                    .build())
            .build();
    JsonNode config = DockerJson.network(dual).at("/IPAM/Config");
    assertThat(config.size()).isEqualTo(2);
    assertThat(config.get(1).toString()).isEqualTo("{\"Subnet\":\"fd00:1::/64\",\"Gateway\":\"fd00:1::1\"}");
    assertThat(DockerJson.network(dual).get("EnableIPv6").booleanValue()).isTrue();
  }

  @Test
  void predefined_networks_have_nil_ipam_options_and_host_and_none_nil_config() {
    assertThat(DockerJson.network(Fixtures.bridge()).at("/IPAM/Options").isNull()).isTrue();
    assertThat(DockerJson.network(Fixtures.host()).at("/IPAM/Options").isNull()).isTrue();
    assertThat(DockerJson.network(Fixtures.host()).at("/IPAM/Config").isNull()).isTrue();
    assertThat(DockerJson.network(Fixtures.none()).at("/IPAM/Config").isNull()).isTrue();
    assertThat(DockerJson.network(Fixtures.none()).get("Options").toString()).isEqualTo("{}");
    assertThat(DockerJson.network(Fixtures.none()).get("Driver").textValue()).isEqualTo("null");
    // the CLI sends "Options": {} for networks it creates
    assertThat(DockerJson.network(Fixtures.dev()).at("/IPAM/Options").toString()).isEqualTo("{}");
  }

  @Test
  void bridge_options_are_sorted_as_a_go_map() {
    assertThat(keys(DockerJson.network(Fixtures.bridge()).get("Options")))
        .containsExactly(
            "com.docker.network.bridge.default_bridge",
            "com.docker.network.bridge.enable_icc",
            "com.docker.network.bridge.enable_ip_masquerade",
            "com.docker.network.bridge.host_binding_ipv4",
            "com.docker.network.bridge.name",
            "com.docker.network.driver.mtu");
  }

  @Test
  void containers_are_keyed_by_id_with_cidr_addresses() {
    JsonNode containers = DockerJson.network(Fixtures.bridge(Fixtures.lnkEndpoint(), Fixtures.webEndpoint())).get("Containers");
    assertThat(keys(containers)).containsExactly(Fixtures.WEB_ID, Fixtures.LNK_ID); // sorted, not in endpoint order
    assertThat(containers.get(Fixtures.LNK_ID).toString())
        .isEqualTo(
            "{\"Name\":\"lnk\",\"EndpointID\":\"" + Fixtures.LNK_EP + "\",\"MacAddress\":\"5a:0e:77:c4:19:8b\","
                + "\"IPv4Address\":\"172.17.0.3/16\",\"IPv6Address\":\"\"}");
  }

  @Test
  void list_items_have_no_containers() {
    ObjectNode item = DockerJson.networkSummary(Fixtures.dev(Fixtures.ticktockEndpoint()));
    assertThat(item.get("Containers").toString()).isEqualTo("{}");
    ObjectNode inspect = DockerJson.network(Fixtures.dev(Fixtures.ticktockEndpoint()));
    inspect.set("Containers", Nodes.object());
    assertThat(item).isEqualTo(inspect);
  }

  @Test
  void config_from_is_always_present() {
    assertThat(DockerJson.network(Fixtures.host()).get("ConfigFrom").toString()).isEqualTo("{\"Network\":\"\"}");
  }
}
