package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Names, aliases, links and what a container sees, through the engine (test drivers). */
class DiscoveryEngineTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(42).build();
  }

  private ContainerInfo run(String image, String name, String network, String... aliases) {
    return engine.run(ContainerSpec.builder().image(image).tty(true).name(name).networkMode(NetworkMode.network(network))
        .putEndpoint(network, EndpointSpec.builder().addAllAliases(List.of(aliases)).build()).build());
  }

  private static IpAddress ip(ContainerInfo c, String network) {
    return c.endpoint(network).orElseThrow().ipv4Address().orElseThrow().address();
  }

  private ExecResult exec(String c, String... cmd) {
    return engine.exec(c, List.of(cmd));
  }

  @Test
  void dns_names_name_aliases_short_id_hostname() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo c = engine.run(ContainerSpec.builder().image("alpine").tty(true).name("web").hostname("box")
        .networkMode(NetworkMode.network("dev"))
        .putEndpoint("dev", EndpointSpec.builder().addAlias("www").addAlias("web").build()).build());
    String shortId = c.id().substring(0, 12);
    assertThat(c.endpoint("dev").orElseThrow().dnsNames()).containsExactly("web", "www", shortId, "box");
    for (String name : List.of("web", "WWW", "box", shortId, "web.dev", "Web.Dev.")) {
      assertThat(engine.resolve("web", name)).as(name).containsExactly(ip(c, "dev"));
    }
  }

  @Test
  void shared_alias_returns_every_owner_and_resolves_only_on_its_network() {
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.createNetwork(NetworkSpec.of("prod"));
    ContainerInfo s1 = run("elasticsearch", "search", "dev");
    ContainerInfo s2 = run("elasticsearch", "es2", "prod", "search");
    ContainerInfo s3 = run("elasticsearch", "es3", "prod", "search");
    run("alpine", "devshell", "dev");
    run("alpine", "prodshell", "prod");
    assertThat(engine.resolve("devshell", "search")).containsExactly(ip(s1, "dev"));
    assertThat(engine.resolve("prodshell", "search")).containsExactlyInAnyOrder(ip(s2, "prod"), ip(s3, "prod"));
    assertThat(engine.resolve("devshell", "es2")).isEmpty();
    assertThat(engine.resolve("devshell", "search.prod")).isEmpty();
    ExecResult ns = exec("prodshell", "nslookup", "search");
    assertThat(ns.exitCode()).isZero();
    assertThat(ns.stdout()).contains("Address: " + ip(s2, "prod")).contains("Address: " + ip(s3, "prod"));
  }

  @Test
  void same_name_on_two_networks_first_network_in_libnetwork_order_wins() {
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.createNetwork(NetworkSpec.of("prod"));
    ContainerInfo d = run("elasticsearch", "es-dev", "dev", "search");
    ContainerInfo p = run("elasticsearch", "es-prod", "prod", "search");
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("both").networkMode(NetworkMode.network("prod"))
        .putEndpoint("dev", EndpointSpec.empty()).build());
    assertThat(engine.resolve("both", "search")).containsExactly(ip(d, "dev"));
    assertThat(engine.resolve("both", "search.prod")).containsExactly(ip(p, "prod"));
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("prodfirst").networkMode(NetworkMode.network("dev"))
        .putEndpoint("prod", EndpointSpec.builder().gwPriority(10).build()).build());
    assertThat(engine.resolve("prodfirst", "search")).containsExactly(ip(p, "prod"));
  }

  @Test
  void default_bridge_has_no_embedded_dns_and_refuses_aliases() {
    engine.run(ContainerSpec.builder().image("redis").name("redis").build());
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("shell").build());
    assertThat(engine.resolve("shell", "redis")).isEmpty();
    assertThat(exec("shell", "getent", "hosts", "redis")).isEqualTo(ExecResult.of("", "", 2));
    ExecResult ns = exec("shell", "nslookup", "redis");
    assertThat(ns.exitCode()).isEqualTo(1);
    assertThat(ns.stdout()).isEqualTo("Server:\t\t192.168.1.1\nAddress:\t192.168.1.1:53\n\n"
        + "** server can't find redis: NXDOMAIN\n\n** server can't find redis: NXDOMAIN\n\n");
    assertThat(exec("shell", "cat", "/etc/resolv.conf").stdout()).contains("nameserver 192.168.1.1\n")
        .doesNotContain("127.0.0.11");
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true)
        .putEndpoint("bridge", EndpointSpec.builder().addAlias("x").build()).build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("network-scoped aliases are only supported for user-defined networks");
  }

  @Test
  void getent_glob_output_forward_and_reverse() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo redis = run("redis", "redis", "dev");
    ContainerInfo web = run("alpine", "web", "dev");
    String r = ip(redis, "dev").toString();
    assertThat(exec("web", "getent", "hosts", "redis").stdout()).isEqualTo(String.format("%-15s redis%n", r));
    assertThat(exec("web", "getent", "hosts", r).stdout()).isEqualTo(String.format("%-15s redis.dev%n", r));
    assertThat(exec("web", "getent", "hosts", "localhost").stdout())
        .isEqualTo("::1             localhost ip6-localhost ip6-loopback\n");
    assertThat(exec("web", "getent", "hosts", web.hostname()).stdout())
        .isEqualTo(String.format("%-15s %s%n", ip(web, "dev"), web.hostname()));
    assertThat(exec("web", "getent", "hosts", "nosuch").exitCode()).isEqualTo(2);
  }

  @Test
  void rename_moves_records_at_once() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo db = run("redis", "db", "dev");
    run("alpine", "web", "dev");
    engine.rename("db", "store");
    assertThat(engine.resolve("web", "db")).isEmpty();
    assertThat(engine.resolve("web", "store")).containsExactly(ip(db, "dev"));
    assertThat(engine.resolve("web", db.id().substring(0, 12))).containsExactly(ip(db, "dev"));
  }

  @Test
  void the_name_and_the_default_hostname_resolve_in_any_case_and_follow_a_rename_or_a_stop() {
    engine.createNetwork(NetworkSpec.of("dev"));
    engine.createNetwork(NetworkSpec.of("ops"));
    ContainerInfo api = run("alpine", "Api", "dev");
    ContainerInfo db = run("redis", "db", "dev");
    ContainerInfo other = run("alpine", "db2", "ops");
    String apiId = api.id().substring(0, 12);
    String dbId = db.id().substring(0, 12);
    assertThat(db.hostname()).isEqualTo(dbId);
    assertThat(db.endpoint("dev").orElseThrow().dnsNames()).containsExactly("db", dbId);
    assertThat(api.endpoint("dev").orElseThrow().dnsNames()).containsExactly("Api", apiId);
    for (String name : List.of("api", "API", "Api.dev", apiId, apiId.toUpperCase(java.util.Locale.ROOT))) {
      assertThat(engine.resolve("db", name)).as(name).containsExactly(ip(api, "dev"));
    }
    for (String name : List.of("db", "DB", dbId)) {
      assertThat(engine.resolve("Api", name)).as(name).containsExactly(ip(db, "dev"));
    }
    // only on a network the asker shares
    assertThat(engine.resolve("db2", "db")).isEmpty();
    assertThat(engine.resolve("db2", dbId)).isEmpty();
    assertThat(engine.resolve("db", other.id().substring(0, 12))).isEmpty();
    engine.rename("db", "Store");
    assertThat(engine.resolve("Api", "db")).isEmpty();
    assertThat(engine.resolve("Api", "store")).containsExactly(ip(db, "dev"));
    assertThat(engine.container("Store").endpoint("dev").orElseThrow().dnsNames()).containsExactly("Store", dbId);
    engine.stop("Store");
    assertThat(engine.resolve("Api", "store")).isEmpty();
    assertThat(engine.resolve("Api", dbId)).isEmpty();
  }

  @Test
  void replicas_share_a_spec_yet_each_shows_its_own_name() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo one = run("alpine", "one", "dev");
    ContainerInfo two = run("alpine", "two", "dev");
    ContainerInfo unnamed = engine.run(ContainerSpec.builder().image("alpine").tty(true)
        .networkMode(NetworkMode.network("dev")).build());
    assertThat(one.spec().name()).contains("one");
    assertThat(two.spec().name()).contains("two");
    assertThat(engine.container("two").spec().name()).contains("two");
    assertThat(unnamed.spec().name()).isEmpty();
    assertThat(ContainerSpec.builder().from(one.spec()).name("two").build()).isEqualTo(two.spec());
  }

  @Test
  void removed_container_resolves_no_more() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo db = run("redis", "db", "dev", "cache");
    run("alpine", "web", "dev");
    engine.removeContainer("db", RemoveOption.FORCE);
    for (String name : List.of("db", "cache", db.id().substring(0, 12))) {
      assertThat(engine.resolve("web", name)).as(name).isEmpty();
    }
    assertThat(exec("web", "getent", "hosts", ip(db, "dev").toString()).exitCode()).isEqualTo(2);
  }

  // ---- legacy links -------------------------------------------------------------------------

  @Test
  void link_tutorial_env_and_hosts() {
    ContainerInfo store = engine.run(ContainerSpec.builder().image("redis").name("datastore").build());
    ContainerInfo web = engine.run(ContainerSpec.builder().image("alpine").tty(true).name("web").addLink("datastore:redis")
        .addEnv("FOO=bar").build());
    String ip = ip(store, "bridge").toString();
    assertThat(exec("web", "env").stdout().split("\n")).containsExactly(
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOSTNAME=" + web.hostname(),
        "REDIS_PORT=tcp://" + ip + ":6379",
        "REDIS_PORT_6379_TCP=tcp://" + ip + ":6379",
        "REDIS_PORT_6379_TCP_ADDR=" + ip,
        "REDIS_PORT_6379_TCP_PORT=6379",
        "REDIS_PORT_6379_TCP_PROTO=tcp",
        "REDIS_NAME=/web/redis",
        "REDIS_ENV_GOSU_VERSION=1.17",
        "REDIS_ENV_REDIS_VERSION=7.4.2",
        "FOO=bar",
        "HOME=/root");
    assertThat(exec("web", "cat", "/etc/hosts").stdout())
        .contains(ip + "\tredis " + store.hostname() + " datastore\n" + ip(web, "bridge") + "\t" + web.hostname()
            + "\n");
    assertThat(engine.container("web/redis").id()).isEqualTo(store.id());
    assertThat(exec("web", "getent", "hosts", "redis").stdout()).isEqualTo(
        String.format("%-15s redis %s datastore%n", ip, store.hostname()));
    assertThat(exec("web", "ping", "-c", "1", "redis").exitCode()).isZero();
  }

  @Test
  void link_missing_target_host_target_and_modes() {
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).addLink("nosuch:db")
        .build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("could not get container for nosuch: No such container: nosuch");
    engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("hh").networkMode(NetworkMode.host()).build());
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).addLink("hh").build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("conflicting options: host type networking can't be used with links. "
            + "This would result in undefined behavior");
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true)
        .networkMode(NetworkMode.host()).addLink("hh").build()))
        .hasMessage("conflicting options: host type networking can't be used with links. "
            + "This would result in undefined behavior");
    assertThatThrownBy(() -> engine.createContainer(ContainerSpec.builder().image("alpine").tty(true)
        .networkMode(NetworkMode.container("hh")).addLink("hh").build()))
        .hasMessage("conflicting options: container type network can't be used with links. "
            + "This would result in undefined behavior");
    assertThat(engine.containers()).hasSize(1);
  }

  @Test
  void link_non_running_child_refuses_start() {
    engine.createContainer(ContainerSpec.builder().image("redis").name("db").build());
    engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("web").addLink("db").build());
    assertThatThrownBy(() -> engine.start("web"))
        .isInstanceOf(SystemException.class)
        .hasMessage("Cannot link to a non running container: /db AS /web/db");
    engine.start("db");
    assertThat(engine.start("web").status()).isEqualTo(dev.cnm.api.ContainerStatus.RUNNING);
    assertThat(exec("web", "env").stdout()).contains("DB_NAME=/web/db\n");
  }

  @Test
  void link_follows_child_restart_and_parent_rename_moves_link_names() {
    engine.run(ContainerSpec.builder().image("redis").name("db").build());
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("web").addLink("db:cache").build());
    engine.stop("db");
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("squatter").build());
    ContainerInfo db = engine.start("db");
    assertThat(exec("web", "cat", "/etc/hosts").stdout()).contains(ip(db, "bridge") + "\tcache " + db.hostname()
        + " db\n");
    engine.rename("web", "app");
    assertThat(engine.findContainer("web/cache")).isEmpty();
    assertThat(engine.container("app/cache").id()).isEqualTo(db.id());
    engine.removeContainer("app", RemoveOption.FORCE);
    assertThat(engine.findContainer("app/cache")).isEmpty();
  }

  @Test
  void link_on_user_defined_network_is_an_alias_only_the_linker_resolves() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo db = run("redis", "db", "dev");
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("web").networkMode(NetworkMode.network("dev"))
        .addLink("db:cache").build());
    run("alpine", "other", "dev");
    assertThat(engine.resolve("web", "cache")).containsExactly(ip(db, "dev"));
    assertThat(engine.resolve("other", "cache")).isEmpty();
    assertThat(exec("web", "env").stdout()).doesNotContain("CACHE_");
    assertThat(exec("web", "cat", "/etc/hosts").stdout()).doesNotContain("cache");
  }

  @Test
  void link_removed_child_releases_the_link_name_and_parent_cannot_restart() {
    engine.run(ContainerSpec.builder().image("redis").name("db").build());
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("web").addLink("db").build());
    engine.removeContainer("db", RemoveOption.FORCE);
    assertThat(engine.findContainer("web/db")).isEmpty();
    engine.stop("web");
    assertThatThrownBy(() -> engine.start("web"))
        .hasMessage("Cannot link to a non running container: /db AS /web/db");
  }

  @Test
  void container_mode_sees_its_targets_namespace() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo db = run("redis", "db", "dev");
    ContainerInfo web = run("alpine", "web", "dev");
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("sidecar").networkMode(NetworkMode.container("web"))
        .addEnv("ROLE=sidecar").build());
    assertThat(exec("sidecar", "hostname").stdout()).isEqualTo(web.hostname() + "\n");
    assertThat(exec("sidecar", "cat", "/etc/hosts")).isEqualTo(exec("web", "cat", "/etc/hosts"));
    assertThat(exec("sidecar", "env").stdout()).contains("HOSTNAME=" + web.hostname() + "\nROLE=sidecar\n");
    assertThat(engine.resolve("sidecar", "db")).containsExactly(ip(db, "dev"));
  }

  // ---- exec ---------------------------------------------------------------------------------

  @Test
  void exec_stopped_container_unknown_command_hostname() {
    ContainerInfo c = engine.createContainer(ContainerSpec.builder().image("alpine").tty(true).name("cc").hostname("box").build());
    assertThatThrownBy(() -> exec("cc", "env"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("container " + c.id() + " is not running")
        .satisfies(e -> assertThat(((ConflictException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
    engine.start("cc");
    assertThat(exec("cc", "hostname")).isEqualTo(ExecResult.ok("box\n"));
    assertThat(exec("cc", "curl", "x")).isEqualTo(ExecResult.of("", "sh: curl: not found\n", 127));
    assertThat(exec("cc", "cat", "/nope")).isEqualTo(ExecResult.of("", "cat: can't open '/nope': No such file or directory\n", 1));
  }

  @Test
  void none_has_only_loopback() {
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("nn").networkMode(NetworkMode.none()).build());
    assertThat(exec("nn", "ip", "addr").stdout()).startsWith("1: lo:").doesNotContain("eth0");
    assertThat(exec("nn", "ip", "route").stdout()).isEmpty();
    assertThat(exec("nn", "ping", "-c", "1", "8.8.8.8").exitCode()).isEqualTo(1);
    assertThat(exec("nn", "ping", "-c", "1", "127.0.0.1").exitCode()).isZero();
  }

  @Test
  void ping_unknown_name_is_bad_address() {
    engine.run(ContainerSpec.builder().image("alpine").tty(true).name("cc").build());
    assertThat(exec("cc", "ping", "-c", "1", "nosuch")).isEqualTo(ExecResult.of("", "ping: bad address 'nosuch'\n", 1));
  }
}
