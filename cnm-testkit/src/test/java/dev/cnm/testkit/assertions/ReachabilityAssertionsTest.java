package dev.cnm.testkit.assertions;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.core.Cnm;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code resolves(..).from(..).to(..)}, {@code canReach}, {@code cannotReach} and {@code doesNotResolve}. */
class ReachabilityAssertionsTest {
  private static Engine docker;

  /**
   * front: web (nginx), db (postgres, alias "database"); back: db, cache (redis); quiet (ICC off):
   * alice, bob (alpine); vault (internal): safe (alpine); stopped: created but never started; legacy
   * on the default bridge.
   */
  @BeforeEach
  void build() {
    docker = Cnm.builder().seed(3).build();
    docker.createNetwork(NetworkSpec.of("front"));
    docker.createNetwork(NetworkSpec.of("back"));
    docker.createNetwork(NetworkSpec.builder().name("quiet").putOption("com.docker.network.bridge.enable_icc", "false").build());
    docker.createNetwork(NetworkSpec.builder().name("vault").internal(true).build());
    run("web", "nginx", "front");
    docker.run(ContainerSpec.builder().image("postgres").name("db").networkMode(NetworkMode.network("front"))
        .putEndpoint("front", EndpointSpec.builder().addAliases("database").build()).build());
    docker.connect("back", "db", EndpointSpec.empty());
    run("cache", "redis", "back");
    run("alice", "alpine", "quiet");
    run("bob", "alpine", "quiet");
    run("safe", "alpine", "vault");
    docker.createContainer(ContainerSpec.builder().image("redis").name("stopped").networkMode(NetworkMode.network("front")).build());
    run("legacy", "alpine", "bridge");
    run("old", "redis", "bridge");
  }

  private static void run(String name, String image, String network) {
    docker.run(ContainerSpec.builder().image(image).tty(true).name(name).networkMode(NetworkMode.parse(network)).build());
  }

  @Test
  void resolves_from_to_passes_on_the_models_answers() {
    assertThat(docker).resolves("db").from("web").to("172.18.0.3")
        .resolves("database").from("web").toAddressIn("172.18.0.0/16")
        .resolves("db").from("cache").to("172.19.0.2")
        .resolves("web").from("db").to("172.18.0.2");
    assertThat(docker).hasContainer("web").doesNotResolve("cache").doesNotResolve("nothing");
  }

  @Test
  void can_reach_passes_on_a_common_network_to_an_exposed_port() {
    assertThat(docker).hasContainer("web").canReach("db", 5432).canReach("database", 5432)
        .canReach("172.18.0.3", "5432/tcp").cannotReach("cache", 6379).cannotReach("db", 6379);
    assertThat(docker).hasContainer("cache").canReach("db", 5432);
    assertThat(docker).hasContainer("db").canReach("web", 80).canReach("cache", 6379);
    assertThat(docker).hasContainer("web").canReach("8.8.8.8", 53); // an external address: only pinged
    assertThat(docker).hasContainer("alice").cannotReach("bob", 80);
    assertThat(docker).hasContainer("legacy").canReach("172.17.0.3", 6379).cannotReach("old", 6379);
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of((ThrowingCallable) () -> assertThat(docker).resolves("db").from("web").to("172.18.0.9"),
            "Expecting db to resolve from web to [172.18.0.9] but it resolved to:\n"
                + "  172.18.0.3: db on front, dns names [db, database, "),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).resolves("db").from("web").toAddressIn("10.0.0.0/8"),
            "the names web can resolve are {front: [web/"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).resolves("cache").from("web"),
            "Expecting cache to resolve from web but it does not resolve there; the names web can resolve are {front: "),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).resolves("db").from("stopped"),
            "Expecting db to resolve from stopped but container "),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").doesNotResolve("db"),
            "Expecting db not to resolve from web but it resolved to:\n  172.18.0.3: db on front"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").canReach("cache", 6379),
            "Expecting web to reach cache on 6379/tcp but cache does not resolve from web: web and cache share no"
                + " network: web is on [front], cache is on [back]\ncontainer web ("),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").canReach("db", 6379),
            "but db (172.18.0.3) is db on front and answers ping, but db does not listen on 6379/tcp: the model takes"
                + " a container's exposed ports (image EXPOSE, --expose, -p) as the ports it listens on, and db"
                + " exposes [5432/tcp]"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").canReach("172.19.0.3", 6379),
            "but 172.19.0.3 resolves to 172.19.0.3 from web but packets are dropped: 172.19.0.3 is cache on network"
                + " back, which web is not on ([front]): Docker isolates networks from each other"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("alice").canReach("bob", 80),
            "packets are dropped: inter-container communication is disabled on network quiet"
                + " (com.docker.network.bridge.enable_icc=false)"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("safe").canReach("8.8.8.8", 53),
            "packets are dropped: safe is only on internal networks [vault]: there is no route out"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").canReach("stopped", 6379),
            "but stopped does not resolve from web: stopped is not running (created), so it has no endpoint"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("stopped").canReach("web", 80),
            "but stopped is not running (created): it has no network stack"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").canReach("nothing", 80),
            "but nothing does not resolve from web: no container or alias nothing in the model, and no /etc/hosts"
                + " entry; the names web can resolve are {front: "),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("legacy").canReach("old", 6379),
            "but old does not resolve from legacy: they share only the default bridge network, which has no"
                + " embedded DNS; use a user-defined network or --link"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker).hasContainer("web").cannotReach("db", 5432),
            "Expecting web not to reach db on 5432/tcp but it does: db (172.18.0.3) is db on front, reached from"
                + " web, and listens on 5432/tcp"),
        Arguments.of((ThrowingCallable) () -> assertThat(docker.container("web")).canReach("db", 5432),
            "canReach asks the model: start from assertThat(engine).hasContainer(\"web\")"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void failures_give_the_models_reason(ThrowingCallable check, String expected) {
    assertThatThrownBy(check).isInstanceOf(AssertionError.class).hasMessageContaining(expected);
  }

  @Test
  void a_container_sharing_another_ones_namespace_adds_its_ports_to_what_that_one_listens_on() {
    docker.run(ContainerSpec.builder().image("alpine").tty(true).name("app").networkMode(NetworkMode.network("front"))
        .addExposedPorts(ExposedPort.tcp(9000)).build());
    docker.run(ContainerSpec.builder().image("redis").name("sidecar").networkMode(NetworkMode.container("app")).build());

    assertThat(docker).hasContainer("web").canReach("app", 9000).canReach("app", 6379).cannotReach("app", 80);
  }
}
