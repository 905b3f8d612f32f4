package dev.cnm.testkit.events;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.CnmException;
import dev.cnm.core.Cnm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordingEngineTest {
  private RecordingEngine docker;

  @BeforeEach
  void build() {
    docker = RecordingEngine.wrap(Cnm.builder().seed(5).build());
  }

  @Test
  void stop_start_restart_disconnect_and_reconnect() {
    docker.createNetwork(NetworkSpec.of("dev"));
    docker.run(ContainerSpec.builder().image("redis").name("db").networkMode(NetworkMode.network("dev")).build());
    docker.clearEvents();

    docker.stop("db");
    docker.start("db");
    docker.restart("db");

    assertThatEvents(docker).containsExactly(
        "container kill db", "network disconnect dev", "container die db", "container stop db",
        "network connect dev", "container start db",
        "container kill db", "network disconnect dev", "container die db", "container stop db",
        "network connect dev", "container start db", "container restart db");
    assertThat(docker.events().get(0).attribute("signal")).isEqualTo("15");
    assertThat(docker.events().get(2).attribute("exitCode")).isEqualTo("0"); // redis saves and exits on SIGTERM
  }

  @Test
  void records_what_the_engine_does_by_itself_too() {
    docker.run(ContainerSpec.builder().image("alpine").name("job").command(java.util.List.of("sh", "-c", "sleep 5; exit 3"))
        .build());
    docker.clearEvents();

    docker.delegate().advanceClock(java.time.Duration.ofSeconds(6));

    assertThatEvents(docker).containsExactly("network disconnect bridge", "container die job");
    assertThat(docker.events().get(1).attribute("exitCode")).isEqualTo("3");
    assertThat(docker.engineEvents().get(1).time()).isAfterOrEqualTo(docker.engineEvents().get(0).time());
  }

  @Test
  void network_events_carry_name_type_and_container() {
    var net = docker.createNetwork(NetworkSpec.of("dev"));
    var web = docker.run(ContainerSpec.builder().image("nginx").name("web").build());
    docker.connect("dev", "web", EndpointSpec.empty());
    docker.disconnect("dev", "web");
    docker.removeNetwork("dev");

    EngineEvent connect = docker.events().stream().filter(e -> e.summary().equals("network connect dev")).findFirst().orElseThrow();
    assertThat(connect.actorId()).isEqualTo(net.id());
    assertThat(connect.attributes()).containsEntry("container", web.id()).containsEntry("type", "bridge");
    assertThatEvents(docker).containsInOrder("network connect dev", "network disconnect dev", "network destroy dev");
  }

  @Test
  void failed_operations_record_nothing() {
    docker.createNetwork(NetworkSpec.of("dev"));
    docker.clearEvents();
    assertThatThrownBy(() -> docker.createNetwork(NetworkSpec.of("dev"))).isInstanceOf(CnmException.class);
    assertThatThrownBy(() -> docker.start("ghost")).isInstanceOf(CnmException.class);
    assertThatEvents(docker).isEmpty();
  }

  @Test
  void prune_destroys_each_unused_network() {
    docker.createNetwork(NetworkSpec.of("a"));
    docker.createNetwork(NetworkSpec.of("b"));
    docker.clearEvents();
    docker.pruneNetworks();
    assertThatEvents(docker).containsExactly("network destroy a", "network destroy b");
  }

  @Test
  void events_assert_failure_lists_the_events() {
    docker.createNetwork(NetworkSpec.of("a"));
    assertThatThrownBy(() -> assertThatEvents(docker).containsInOrder("network destroy a"))
        .hasMessageContaining("but network destroy a was missing or out of order in:")
        .hasMessageContaining("network create ");
  }
}
