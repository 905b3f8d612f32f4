package dev.cnm.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.Script;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Programs registered on {@link CnmExtension#builder()} run on every engine of an injected cluster. */
class ClusterProgramsTest {
  @RegisterExtension
  static final CnmExtension CNM = CnmExtension.builder()
      .imageProgram("shop/api", Script.builder().stdout("listening on :8080").waitForever().build())
      .program("migrate", Script.builder().stdout("migrating").sleep(Duration.ofSeconds(2)).exit(3).build())
      .build();

  @CnmTest
  @ClusterSize(3)
  void an_image_program_of_the_builder_runs_on_every_engine_of_the_cluster(CnmCluster cluster) {
    for (int i = 0; i < cluster.size(); i++) {
      Engine engine = cluster.engine(i);
      engine.run(ContainerSpec.builder().image("shop/api").name("api" + i).build());

      assertThat(texts(engine, "api" + i)).as("engine %d", i).containsExactly("listening on :8080\n");
      assertThat(engine.container("api" + i).isRunning()).as("engine %d", i).isTrue();
    }
  }

  @CnmTest
  @ClusterSize(2)
  void a_command_program_of_the_builder_runs_on_every_engine_on_that_engines_clock(CnmCluster cluster) {
    for (int i = 0; i < cluster.size(); i++) {
      Engine engine = cluster.engine(i);
      engine.run(ContainerSpec.builder().image("alpine").name("job" + i).command(List.of("migrate")).build());
      assertThat(engine.container("job" + i).isRunning()).as("engine %d before its clock moves", i).isTrue();

      engine.advanceClock(Duration.ofSeconds(2));

      ContainerInfo job = engine.container("job" + i);
      assertThat(job.isRunning()).as("engine %d", i).isFalse();
      assertThat(job.exitCode()).as("engine %d", i).isEqualTo(3);
      assertThat(texts(engine, "job" + i)).as("engine %d", i).containsExactly("migrating\n");
    }
  }

  private static List<String> texts(Engine engine, String container) {
    return engine.logs(container, LogOptions.all()).stream().map(LogEntry::text).toList();
  }
}
