package dev.cnm.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.error.SystemException;
import dev.cnm.core.json.DockerJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The listings over one engine, created a second apart in this order: {@code web} (running on
 * {@code dev}, publishing 8080:80, tier=front, nginx), {@code db} (created on {@code dev},
 * tier=back, postgres), {@code old} (exited 0 on the bridge, alpine:3.20), {@code api} (running
 * on the bridge, exposing 9000/udp, alpine); networks {@code dev} (env=dev, in use) and {@code
 * spare} (env=test).
 */
class ListingTest {
  private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
  private FakeEngine engine;

  @BeforeEach
  void setUp() {
    engine = new FakeEngine(T0);
    engine.addNetwork("dev", T0, Map.of("env", "dev"), true);
    engine.addNetwork("spare", T0, Map.of("env", "test"), false);
    engine.addContainer("web", "nginx", ContainerStatus.RUNNING, T0.plusSeconds(1), Map.of("tier", "front"),
        List.of("dev"), List.of("80/tcp"), List.of("8080:80/tcp"));
    engine.addContainer("db", "postgres", ContainerStatus.CREATED, T0.plusSeconds(2), Map.of("tier", "back"),
        List.of("dev"), List.of(), List.of());
    engine.addContainer("old", "alpine:3.20", ContainerStatus.EXITED, T0.plusSeconds(3), Map.of(),
        List.of("bridge"), List.of(), List.of());
    engine.addContainer("api", "alpine", ContainerStatus.RUNNING, T0.plusSeconds(4), Map.of(),
        List.of("bridge"), List.of("9000/udp"), List.of());
  }

  private List<String> ps(boolean all, int limit, String... flags) {
    FilterArgs f = FilterArgs.builder().addFlags(List.of(flags)).build();
    return Listing.containers(engine, ContainerListOptions.builder().all(all).limit(limit).filters(f).build())
        .stream().map(ContainerInfo::name).toList();
  }

  @Test
  void newest_first_running_only_unless_all_a_limit_or_a_status() {
    assertThat(ps(false, 0)).containsExactly("api", "web");
    assertThat(ps(true, 0)).containsExactly("api", "old", "db", "web");
    assertThat(ps(false, 2)).containsExactly("api", "old");
    assertThat(ps(true, 1)).containsExactly("api");
    assertThat(ps(false, 0, "status=created")).containsExactly("db");
    assertThat(Listing.containers(engine, ContainerListOptions.running()).stream().map(ContainerInfo::name))
        .containsExactly("api", "web");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "name=web|web",
      "name=/web|web",
      "name=^/w|web",
      "name=e|web",
      "name=b|db,web",
      "name=[|''",
      "id=nosuch|''",
      "label=tier|db,web",
      "label=tier=back|db",
      "network=dev|db,web",
      "network=bridge|api,old",
      "status=exited|old",
      "status=running|api,web",
      "exited=0|old",
      "exited=1|''",
      "health=none|api,old,db,web",
      "health=healthy|''",
      "is-task=false|api,old,db,web",
      "is-task=true|''",
      "isolation=default|api,old,db,web",
      "volume=/data|''",
      "ancestor=nginx|web",
      "ancestor=nginx:latest|web",
      "ancestor=docker.io/library/nginx|web",
      "ancestor=alpine|api",
      "ancestor=alpine:3.20|old",
      "ancestor=NOPE|''",
      "ancestor=redis|''",
      "publish=8080|web",
      "publish=8080/udp|''",
      "publish=80|web",
      "publish=80/udp|''",
      "publish=9000/udp|''",
      "publish=79-81|web",
      "publish=8000-8100/tcp|web",
      "publish=0/udp|api",
      "expose=80|web",
      "expose=9000/udp|api",
      "expose=9000|''",
      "before=old|db,web",
      "since=db|api,old",
      "since=/db|api,old"})
  void each_container_filter_as_moby_applies_it(String flag, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
    assertThat(ps(true, 0, flag)).as(flag).containsExactlyElementsOf(want);
  }

  @Test
  void id_is_a_unique_prefix_and_an_image_id_or_its_prefix_names_the_image() {
    String web = engine.containers().get(0).id();
    assertThat(ps(true, 0, "id=" + web.substring(0, 5))).containsExactly("web");
    assertThat(ps(true, 0, "id=" + web)).containsExactly("web");
    String image = DockerJson.imageId("nginx");
    assertThat(ps(true, 0, "ancestor=" + image)).containsExactly("web");
    assertThat(ps(true, 0, "ancestor=" + image.substring("sha256:".length()))).containsExactly("web");
    assertThat(ps(true, 0, "ancestor=" + image.substring(0, 19))).containsExactly("web");
    assertThat(ps(true, 0, "ancestor=" + image.substring("sha256:".length(), 19))).containsExactly("web");
  }

  @Test
  void exited_needs_a_container_that_ran_and_all() {
    assertThat(ps(false, 0, "exited=0")).isEmpty();
    assertThat(ps(true, 0, "exited=0", "status=created")).isEmpty();
  }

  @Test
  void values_of_one_key_are_alternatives_and_keys_must_all_hold() {
    assertThat(ps(true, 0, "name=web", "name=db")).containsExactly("db", "web");
    assertThat(ps(true, 0, "network=dev", "label=tier=front")).containsExactly("web");
  }

  @Test
  void a_name_filter_keeps_only_its_containers_so_before_never_reaches_another() {
    assertThat(ps(true, 0, "name=web", "before=db")).isEmpty();
    assertThat(ps(true, 0, "name=web", "before=api")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo=1|invalid filter 'foo'",
      "exited=x|invalid filter 'exited=x': strconv.Atoi: parsing \"x\": invalid syntax",
      "status=sleeping|invalid filter 'status=sleeping': invalid value for state (sleeping): must be one of "
          + "created, running, paused, restarting, removing, exited, dead",
      "health=ok|invalid filter 'health=ok': invalid value for health (ok): must be one of "
          + "none, starting, healthy, unhealthy",
      "is-task=maybe|invalid filter 'is-task=[maybe]'"})
  void bad_values_are_invalid_parameters(String flag, String message) {
    assertThatThrownBy(() -> ps(true, 0, flag)).isInstanceOf(InvalidParameterException.class).hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "publish=80:80|filter for 'publish' should not contain ':': 80:80",
      "expose=http|error while looking up for expose http: strconv.ParseUint: parsing \"http\": invalid syntax",
      "publish=70000|error while looking up for publish 70000: strconv.ParseUint: parsing \"70000\": value out of range",
      "publish=90-80|error while looking up for publish 90-80: invalid range specified for port: 90-80",
      "publish=/udp|error while looking up for publish /udp: empty string specified for ports"})
  void bad_ports_are_mobys_untyped_errors(String flag, String message) {
    assertThatThrownBy(() -> ps(true, 0, flag)).isInstanceOf(SystemException.class).hasMessage(message);
  }

  @Test
  void before_and_since_name_an_existing_container() {
    assertThatThrownBy(() -> ps(true, 0, "before=nosuch"))
        .isInstanceOf(NotFoundException.class).hasMessage("No such container: nosuch");
    assertThatThrownBy(() -> ps(true, 0, "since=" + engine.containers().get(0).id().substring(0, 12)))
        .isInstanceOf(NotFoundException.class);
  }

  // ---- networks ------------------------------------------------------------------------------

  private List<String> networks(String... flags) {
    return Listing.networks(engine, FilterArgs.builder().addFlags(List.of(flags)).build())
        .stream().map(NetworkInfo::name).toList();
  }

  @Test
  void network_filters() {
    assertThat(networks()).containsExactly("bridge", "host", "none", "dev", "spare");
    assertThat(networks("driver=bridge")).containsExactly("bridge", "dev", "spare");
    assertThat(networks("driver=bri")).isEmpty();
    assertThat(networks("name=e")).containsExactly("bridge", "none", "dev", "spare");
    assertThat(networks("name=^de")).containsExactly("dev");
    assertThat(networks("id=" + FakeEngine.id("net:dev").substring(0, 6))).containsExactly("dev");
    assertThat(networks("label=env")).containsExactly("dev", "spare");
    assertThat(networks("label=env=test")).containsExactly("spare");
    assertThat(networks("scope=local")).hasSize(5);
    assertThat(networks("scope=loc")).isEmpty();
    assertThat(networks("type=builtin")).containsExactly("bridge", "host", "none");
    assertThat(networks("type=custom", "type=builtin")).hasSize(5);
    assertThat(networks("dangling=true")).containsExactly("spare");
    assertThat(networks("dangling=0")).containsExactly("bridge", "host", "none", "dev");
  }

  @Test
  void network_filter_errors() {
    assertThatThrownBy(() -> networks("until=1h"))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid filter 'until'");
    assertThatThrownBy(() -> networks("type=x"))
        .isInstanceOf(SystemException.class).hasMessage("invalid filter: 'type'='x'");
    assertThatThrownBy(() -> networks("dangling=maybe")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid value for filter 'dangling', must be \"true\" (or \"1\"), or \"false\" (or \"0\")");
    assertThatThrownBy(() -> networks("dangling=1", "dangling=false")).isInstanceOf(InvalidParameterException.class)
        .hasMessage("got more than one value for filter key \"dangling\"");
  }
}
