package dev.cnm.drivers.overlay;

import static dev.cnm.testkit.contract.Requests.endpoint;
import static dev.cnm.testkit.contract.Requests.id;
import static dev.cnm.testkit.contract.Requests.join;
import static dev.cnm.testkit.contract.Requests.network;
import static dev.cnm.testkit.contract.Requests.v4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.Scope;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.spi.DriverCapability;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.EndpointInterface;
import dev.cnm.api.spi.JoinInfo;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.testkit.contract.TestDriverContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlayDriverTest {
  private static final String N1 = id("0a1");
  private static final String N2 = id("0a2");
  private static final String E1 = id("e1");

  private final InMemoryGlobalStore store = InMemoryGlobalStore.create();
  private final OverlayDriver host1 = new OverlayDriver(TestDriverContext.seeded(1), store);
  private final OverlayDriver host2 = new OverlayDriver(TestDriverContext.seeded(2), store);

  private static NetworkCreateRequest overlay(String id, Map<String, String> options, String... pools) {
    NetworkCreateRequest.Builder b = NetworkCreateRequest.builder().networkId(id).networkName("ov").options(options);
    for (String p : pools) {
      b.addIpv4Data(v4(p));
    }
    return b.build();
  }

  @Test
  void capability_is_global() {
    assertThat(host1.type()).isEqualTo("overlay");
    assertThat(host1.capability()).isEqualTo(DriverCapability.of(Scope.GLOBAL, Scope.GLOBAL));
    assertThat(OverlayDriverProvider.withStore(store).type()).isEqualTo("overlay");
  }

  @Test
  void vxlan_ids_are_serial_from4096_one_per_subnet_and_mtu_is1450() {
    host1.createNetwork(overlay(N1, Map.of(), "10.0.0.0/24", "10.0.1.0/24"));
    host1.createNetwork(overlay(N2, Map.of(), "10.0.2.0/24"));
    assertThat(host1.findNetwork(N1).orElseThrow().vxlanIds).containsExactly(4096, 4097);
    assertThat(host1.findNetwork(N2).orElseThrow().vxlanIds).containsExactly(4098);
    assertThat(host1.findNetwork(N1).orElseThrow().mtu).isEqualTo(1450);
  }

  @Test
  void allocation_is_next_after_last_not_lowest_free() {
    host1.createNetwork(overlay(N1, Map.of(), "10.0.0.0/24"));
    host1.deleteNetwork(N1);
    host1.createNetwork(overlay(N2, Map.of(), "10.0.1.0/24"));
    assertThat(host1.findNetwork(N2).orElseThrow().vxlanIds).containsExactly(4097);
    assertThat(host1.vxlanIdsInUse()).containsExactly(4097);
  }

  @Test
  void engines_sharing_a_store_never_hand_out_the_same_id_and_adopt_each_others_networks() {
    host1.createNetwork(overlay(N1, Map.of(), "10.0.0.0/24"));
    host2.createNetwork(overlay(N2, Map.of(), "10.0.1.0/24"));
    assertThat(host2.findNetwork(N2).orElseThrow().vxlanIds).containsExactly(4097);
    // The same network on the second engine keeps the first engine's id.
    host2.createNetwork(overlay(N1, Map.of(), "10.0.0.0/24"));
    assertThat(host2.findNetwork(N1).orElseThrow().vxlanIds).containsExactly(4096);
    assertThat(host1.vxlanIdsInUse()).containsExactly(4096, 4097);
  }

  @Test
  void vxlan_id_list_is_reserved_as_given_and_a_taken_id_is_refused() {
    host1.createNetwork(overlay(N1, Map.of(OverlayDriver.VXLANID_LIST, "5000,5001"), "10.0.0.0/24", "10.0.1.0/24"));
    assertThat(host1.findNetwork(N1).orElseThrow().vxlanIds).containsExactly(5000, 5001);
    assertThatThrownBy(() -> host1.createNetwork(overlay(N2, Map.of(OverlayDriver.VXLANID_LIST, "5001"), "10.0.2.0/24")))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("could not obtain vxlan id 5001 for pool 10.0.2.0/24: requested bit is already allocated");
    assertThat(host1.findNetwork(N2)).isEmpty();
    assertThat(host1.vxlanIdsInUse()).containsExactly(5000, 5001);
  }

  @Test
  void bad_options_fail_with_libnetworks_messages() {
    assertThatThrownBy(() -> host1.createNetwork(overlay(N1, Map.of(OverlayDriver.VXLANID_LIST, "5000,x"), "10.0.0.0/24")))
        .isExactlyInstanceOf(SystemException.class).hasMessage("invalid vxlan id value \"x\" passed");
    assertThatThrownBy(() -> host1.createNetwork(overlay(N1, Map.of(OverlayDriver.VXLANID_LIST, "5000"),
            "10.0.0.0/24", "10.0.1.0/24")))
        .hasMessage("insufficient vnis(1) passed to overlay");
    assertThatThrownBy(() -> host1.createNetwork(overlay(N1, Map.of(OverlayDriver.MTU, "-1"), "10.0.0.0/24")))
        .hasMessage("invalid MTU value: -1");
    assertThatThrownBy(() -> host1.createNetwork(overlay(N1, Map.of(OverlayDriver.MTU, "big"), "10.0.0.0/24")))
        .hasMessage("failed to parse big: strconv.Atoi: parsing \"big\": invalid syntax");
    assertThat(host1.findNetwork(N1)).isEmpty();
    assertThat(host1.vxlanIdsInUse()).isEmpty();
  }

  @Test
  void mtu_option_is_used() {
    host1.createNetwork(overlay(N1, Map.of(OverlayDriver.MTU, "1400"), "10.0.0.0/24"));
    assertThat(host1.findNetwork(N1).orElseThrow().mtu).isEqualTo(1400);
  }

  @Test
  void delete_network_releases_its_ids_and_unknown_is_not_found() {
    host1.createNetwork(overlay(N1, Map.of(), "10.0.0.0/24"));
    host1.deleteNetwork(N1);
    assertThat(host1.vxlanIdsInUse()).isEmpty();
    assertThatThrownBy(() -> host1.deleteNetwork(N1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No network (" + N1 + ") exists");
  }

  @Test
  void endpoint_mac_comes_from_the_ipv4_address_and_join_offers_no_gateway() {
    host1.createNetwork(overlay(N1, Map.of(), "10.0.0.0/24"));
    EndpointInterface iface = host1.createEndpoint(endpoint(N1, E1, "10.0.0.2/24"));
    assertThat(iface.macAddress()).contains(MacAddress.parse("02:42:0a:00:00:02"));
    JoinInfo info = host1.join(join(N1, E1));
    assertThat(info.gateway()).isEmpty();
    assertThat(info.interfaceSourceName()).matches("veth[0-9a-f]{7}");
    assertThat(info.interfaceDestinationPrefix()).isEqualTo("eth");
    host1.leave(N1, E1);
    host1.deleteEndpoint(N1, E1);
    assertThatThrownBy(() -> host1.leave(N1, E1))
        .isExactlyInstanceOf(NotFoundException.class).hasMessage("No endpoint (" + E1 + ") exists");
  }

  @Test
  void endpoint_without_ipv4_or_twice_is_refused() {
    host1.createNetwork(overlay(N1, Map.of(), "10.0.0.0/24"));
    EndpointCreateRequest noIp = EndpointCreateRequest.builder().networkId(N1).endpointId(E1).endpointName("x")
        .iface(EndpointInterface.builder().build()).build();
    assertThatThrownBy(() -> host1.createEndpoint(noIp))
        .isExactlyInstanceOf(SystemException.class).hasMessage("create endpoint was not passed interface IP address");
    host1.createEndpoint(endpoint(N1, E1, "10.0.0.2/24"));
    assertThatThrownBy(() -> host1.createEndpoint(endpoint(N1, E1, "10.0.0.3/24")))
        .isExactlyInstanceOf(ForbiddenException.class)
        .hasMessage("Endpoint (" + E1 + ") already exists (Only one endpoint allowed)");
  }

  @Test
  void vxlan_id_table_wraps_around_after_the_last_id() {
    store.putIfAbsent(VxlanIds.KEY,
        ("{\"version\":1,\"last\":" + (VxlanIds.LAST - 1) + ",\"ops\":[],\"used\":[\"4096\"]}").getBytes(StandardCharsets.UTF_8));
    VxlanIds ids = new VxlanIds(store);
    assertThat(ids.allocate(2)).containsExactly(VxlanIds.LAST, 4097);
    assertThat(ids.inUse()).containsExactly(4096, 4097, VxlanIds.LAST);
    assertThat(store.get(VxlanIds.KEY).orElseThrow().valueUtf8())
        .matches("\\{\"version\":1,\"last\":4097,\"seq\":1,\"ops\":\\[\"[0-9a-f]{16}\"],\"used\":\\[\"4096-4097\",\"16777215\"]}");
  }

  @Test
  void stored_documents_are_versioned_json_and_another_version_is_refused_not_misread() {
    VxlanIds ids = new VxlanIds(store);
    ids.allocate(1);
    assertThat(store.get(VxlanIds.KEY).orElseThrow().valueUtf8()).startsWith("{\"version\":1,");
    replace(VxlanIds.KEY, "{\"version\":2,\"used\":[]}");
    assertThatThrownBy(() -> ids.allocate(1))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("invalid overlay document overlay/vxlan-ids in the global store: unsupported version 2,"
            + " this cnm reads version 1");
    replace(VxlanIds.KEY, "4096-4097\n");
    assertThatThrownBy(ids::inUse)
        .isExactlyInstanceOf(SystemException.class)
        .hasMessageStartingWith("invalid overlay document overlay/vxlan-ids in the global store: ");
  }

  private void replace(String key, String value) {
    store.compareAndSet(key, store.get(key).orElseThrow().modRevision(), value.getBytes(StandardCharsets.UTF_8));
  }
}
