package dev.cnm.it.testcontainers;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HealthCheck;
import dev.cnm.api.Engine;
import dev.cnm.api.HealthState;
import dev.cnm.api.HealthStatus;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.api.process.Script;
import dev.cnm.core.Cnm;
import dev.cnm.testkit.docker.DockerEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Testcontainers 1.21 against the Docker endpoint over a system-clock engine (docs/TESTING.md
 * 11.6): its containers wait on their logs or their health checks, both of which the engine's
 * scripted programs give, and the test reads the model underneath.
 *
 * <p>Testcontainers finds Docker once per JVM and keeps that client, so every test of this class
 * shares one engine and one endpoint. It takes {@code DOCKER_HOST} from docker-java's configuration
 * ({@code dockerconfig.source=autoIgnoringUserProperties} in this module's {@code
 * testcontainers.properties}), where the JVM's system properties override the environment; the
 * surefire configuration turns Ryuk off and gives the tests a home of their own. The endpoint serves
 * until the JVM exits ({@link #restore_docker_host}).
 */
class TestcontainersEndpointTest {
  private static final String DB_IMAGE = "cnm-it/db:1.0";
  private static final String APP_IMAGE = "cnm-it/app:1.0";

  private static Engine engine;
  private static DockerEndpoint endpoint;
  private static String dockerHostBefore;

  @BeforeAll
  static void point_testcontainers_at_an_endpoint() {
    engine = Cnm.builder() // unseeded: the system clock, in which Testcontainers' waits run
        .pullPolicy(PullPolicy.NEVER) // a missing image is 404, so Testcontainers pulls it, as with dockerd
        .imageProgram(DB_IMAGE, Script.builder().stdout("database system is ready to accept connections").waitForever().build())
        .imageProgram(APP_IMAGE, Script.builder().stdout("app starting").healthyAfter(2).waitForever().build())
        .build();
    endpoint = DockerEndpoint.start(engine);
    dockerHostBefore = System.getProperty("DOCKER_HOST");
    System.setProperty("DOCKER_HOST", endpoint.dockerHost()); // before Testcontainers' first use
  }

  /**
   * With Ryuk off, Testcontainers' shutdown hook asks Docker for what is left at JVM exit, on the
   * connections of its one client: the endpoint serves until then, as a daemon outlives its tests,
   * and the JVM's exit ends it. Closed here, the hook would wait on a connection the closed server
   * left open.
   */
  @AfterAll
  static void restore_docker_host() {
    if (dockerHostBefore == null) {
      System.clearProperty("DOCKER_HOST");
    } else {
      System.setProperty("DOCKER_HOST", dockerHostBefore);
    }
  }

  @Test
  void a_generic_container_on_a_network_starts_answers_exec_and_leaves_nothing_after_close() throws Exception {
    assertThat(DockerClientFactory.instance().getTransportConfig().getDockerHost()).isEqualTo(endpoint.uri());
    String networkName;
    try (Network network = Network.newNetwork();
        GenericContainer<?> db = new GenericContainer<>(DB_IMAGE)
            .withNetwork(network)
            .withNetworkAliases("db")
            .withExposedPorts(5432)
            .waitingFor(Wait.forLogMessage(".*ready.*\\n", 1).withStartupTimeout(Duration.ofSeconds(20)));
        GenericContainer<?> app = new GenericContainer<>(APP_IMAGE)
            .withNetwork(network)
            .withCreateContainerCmdModifier(create -> create.withHealthcheck(new HealthCheck()
                .withTest(List.of("CMD", "true"))
                .withInterval(TimeUnit.MILLISECONDS.toNanos(100))
                .withRetries(3)))
            .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofSeconds(20)))) {
      db.start();
      app.start();
      networkName = engine.network(network.getId()).name();
      String dbName = engine.container(db.getContainerId()).name();
      String appName = engine.container(app.getContainerId()).name();

      ExecResult hostname = db.execInContainer("hostname");
      int mapped = db.getMappedPort(5432);

      assertThat(hostname.getExitCode()).isZero();
      assertThat(hostname.getStdout().trim()).isEqualTo(db.getContainerId().substring(0, 12));
      assertThat(db.getLogs()).contains("database system is ready to accept connections");
      assertThat(engine).hasContainer(dbName).isRunning().publishes(5432).on(mapped);
      assertThat(engine).hasContainer(dbName).isConnectedTo(networkName).hasAlias("db");
      assertThat(engine).resolves("db").from(appName).toAddressIn(subnetOf(networkName));
      assertThat(engine).hasContainer(appName).canReach("db", 5432);
      assertThat(engine.container(appName).health()).map(HealthState::status).contains(HealthStatus.HEALTHY);
    }

    assertThat(engine.containers()).isEmpty();
    assertThat(engine.networks()).extracting(NetworkInfo::name)
        .doesNotContain(networkName)
        .containsExactlyInAnyOrder("bridge", "host", "none");
  }

  private static String subnetOf(String network) {
    return engine.network(network).ipamConfigs().get(0).subnet().toString();
  }
}
