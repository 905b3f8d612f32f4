package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TutorialTest {
  private static String tutorial() {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    // CNM_STATE points nowhere usable: the tutorial must never touch a state directory.
    int rc = new Cli(Map.of("CNM_STATE", "/dev/null/nowhere"), out, out).run(List.of("tutorial"));
    assertThat(rc).isEqualTo(0);
    return o.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runs_to_the_end_with_the_key_lines() {
    String text = tutorial();
    assertThat(text)
        .contains("$ cnm run --name ticktock jpetazzo/clock\n")
        .contains("The container name \"/ticktock\" is already in use by container")
        .contains("$ cnm rename ticktock oldticktock\n")
        .contains("$ cnm inspect --format '{{json .State.Running}}' ticktock\ntrue\n")
        .containsPattern("\\$ cnm port [0-9a-f]{12} 80\n0\\.0\\.0\\.0:32768\n\\[::\\]:32768\n")
        .contains("Bind for 0.0.0.0:8080 failed: port is already allocated")
        .contains("$ cnm network create dev\n")
        .contains("$ cnm run -d --name search --net dev elasticsearch\n")
        .contains("$ cnm run -d --net prod --net-alias search -d elasticsearch\n")
        .contains("$ cnm exec client nslookup search\n")
        .contains("Name:\tsearch\nAddress: 172.18.0.2\n")
        .contains("Name:\tsearch\nAddress: 172.19.0.2\n")
        .contains("$ cnm exec trainingwheels getent hosts redis\n(exit status 2)\n")
        .containsPattern("getent hosts redis\n172\\.18\\.0\\.\\d+ +redis\n")
        .contains("$ cnm run --rm --link datastore:redis alpine env\n")
        .contains("REDIS_PORT_6379_TCP_ADDR=172.17.0.")
        .contains("$ cnm run --rm --net none alpine ip addr\n1: lo:")
        .contains("$ cnm run --rm --net container:web alpine ip addr\n")
        .endsWith("The tutorial ran to the end.\n");
    assertThat(text).doesNotContain("!! expected");
  }

  @Test
  void is_deterministic() {
    assertThat(tutorial()).isEqualTo(tutorial());
  }
}
