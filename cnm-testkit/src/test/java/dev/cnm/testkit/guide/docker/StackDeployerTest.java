package dev.cnm.testkit.guide.docker;

import static dev.cnm.testkit.assertions.CnmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.process.Script;
import dev.cnm.testkit.faults.FaultInjector;
import dev.cnm.testkit.guide.docker.StackDeployer.DeploymentFailed;
import dev.cnm.testkit.guide.docker.StackDeployer.Service;
import dev.cnm.testkit.guide.docker.StackDeployer.Stack;
import dev.cnm.testkit.junit.CnmExtension;
import dev.cnm.testkit.junit.CnmTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/TESTING.md, section 11: docker-java code tested through the kit's endpoint. */
class StackDeployerTest {
  @RegisterExtension
  static final CnmExtension CNM = CnmExtension.builder()
      .imageProgram("shop/db", Script.builder().stdout("database system is ready").healthyAfter(3).waitForever().build())
      .imageProgram("shop/api", Script.builder().stdout("listening on :8080").healthyAfter(2).waitForever().build())
      .imageProgram("shop/web", Script.builder().stdout("nginx started").healthyAfter(1).waitForever().build())
      .imageProgram("shop/api:broken", Script.builder().stderr("config missing").sleep(Duration.ofSeconds(2)).crash(139).build())
      .build();

  static Stack shop(String apiImage) {
    return new Stack("shop", List.of("front", "back"), List.of(
        new Service("db", "shop/db", List.of("back"), Map.of(5432, 0)),
        new Service("api", apiImage, List.of("back", "front"), Map.of(8080, 0)),
        new Service("web", "shop/web", List.of("front"), Map.of(80, 8080))));
  }

  @CnmTest
  void deploys_the_stack_and_the_model_shows_who_reaches_whom(Engine engine, DockerClient docker) {
    StackDeployer deployer = new StackDeployer(docker, engine.clock()::advance, Duration.ofSeconds(30));

    deployer.deploy(shop("shop/api"));

    assertThat(engine).hasContainer("shop-web").isRunning().publishes(80).on(8080);
    assertThat(engine).resolves("api").from("shop-web").toAddressIn("172.18.0.0/16")
        .resolves("db").from("shop-api").toAddressIn("172.19.0.0/16");
    assertThat(engine).hasContainer("shop-web").canReach("api", 8080).cannotReach("db", 5432);
    assertThat(engine).hasContainer("shop-api").canReach("db", 5432);
    assertThat(docker.inspectContainerCmd("shop-db").exec().getState().getHealth().getStatus()).isEqualTo("healthy");
  }

  @CnmTest
  void a_driver_failure_mid_deploy_leaves_nothing_behind(Engine engine, DockerClient docker, FaultInjector faults) {
    StackDeployer deployer = new StackDeployer(docker, engine.clock()::advance, Duration.ofSeconds(30));
    List<String> heldBefore = faults.held();
    faults.failNth("bridge.join", 2); // db starts; api's start fails on its first network

    assertThatThrownBy(() -> deployer.deploy(shop("shop/api")))
        .isInstanceOf(DeploymentFailed.class).hasMessageContaining("injected fault: bridge.join");

    assertThat(engine.containers()).isEmpty();
    assertThat(engine.networks()).extracting(NetworkInfo::name).containsExactlyInAnyOrder("bridge", "host", "none");
    assertThat(faults.held()).isEqualTo(heldBefore);
  }

  @CnmTest
  void a_service_that_crashes_is_rolled_back(Engine engine, DockerClient docker, FaultInjector faults) {
    StackDeployer deployer = new StackDeployer(docker, engine.clock()::advance, Duration.ofSeconds(30));
    List<String> heldBefore = faults.held();

    assertThatThrownBy(() -> deployer.deploy(shop("shop/api:broken")))
        .isInstanceOf(DeploymentFailed.class).hasMessageEndingWith("api exited with 139");

    assertThat(engine.containers()).isEmpty();
    assertThat(engine.networks()).extracting(NetworkInfo::name).containsExactlyInAnyOrder("bridge", "host", "none");
    assertThat(faults.held()).isEqualTo(heldBefore);
  }

  @CnmTest
  void the_kernel_kills_the_database_while_the_deployer_waits(Engine engine, DockerClient docker) {
    StackDeployer deployer = new StackDeployer(docker, wait -> {
      engine.crash("shop-db", 137, true); // dies now, as the out-of-memory killer ends it
      engine.clock().advance(wait);
    }, Duration.ofSeconds(30));

    assertThatThrownBy(() -> deployer.deploy(shop("shop/api")))
        .isInstanceOf(DeploymentFailed.class).hasMessageEndingWith("db exited with 137 (OOMKilled)");
    assertThat(engine.containers()).isEmpty();
  }
}
