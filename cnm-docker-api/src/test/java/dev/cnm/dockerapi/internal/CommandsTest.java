package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.event.EventQuery;
import dev.cnm.core.Cnm;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
  @Test
  void the_engine_runs_every_command_with_its_exec_events() {
    Engine engine = Cnm.builder().seed(9).build();
    ContainerInfo c = engine.run(ContainerSpec.builder().image("alpine").tty(true).name("c1").build());
    assertThat(Commands.of(engine.exec(c.id(), List.of("echo", "a", "b")))).isEqualTo(new Commands.Result("a b\n", "", 0));
    assertThat(Commands.of(engine.exec(c.id(), List.of("sh", "-c", "echo x && false || echo y"))))
        .isEqualTo(new Commands.Result("x\ny\n", "", 0));
    assertThat(Commands.of(engine.exec(c.id(), List.of("/bin/true"))).exitCode()).isZero();
    assertThat(Commands.of(engine.exec(c.id(), List.of("sh"))).exitCode()).isZero();
    assertThat(Commands.of(engine.exec(c.id(), List.of("hostname"))).stdout()).isEqualTo(c.hostname() + "\n");
    assertThat(Commands.of(engine.exec(c.id(), List.of("nosuchcommand"))).exitCode()).isEqualTo(127);
    assertThat(engine.events(EventQuery.all())).filteredOn(e -> e.action().startsWith("exec_start: echo"))
        .hasSize(1);
  }
}
