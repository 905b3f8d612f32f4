package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cnm} itself, as a user runs it, against the jar this build packaged (failsafe runs
 * this after the package phase): from another current directory, with the state directory from
 * {@code CNM_STATE}, the class-data-sharing archive dumped on first use, and a multi-command
 * scenario whose output is docker's.
 */
class BinCnmIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir
  Path tmp;

  record Result(String out, String err, int rc) {}

  private Result cnm(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("bin/cnm").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().put("CNM_STATE", tmp.resolve("state").toString());
    pb.environment().put("CNM_SEED", "7");
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("bin/cnm %s finished", String.join(" ", args)).isTrue();
    return new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
        p.exitValue());
  }

  @Test
  void aScenarioThroughBinCnm_printsWhatDockerPrints() throws Exception {
    assertThat(ROOT.resolve("cnm-cli/target/cnm.jar")).exists();

    Result ls = cnm("network", "ls", "--format", "{{.Name}} {{.Driver}}");
    assertThat(ls.rc()).as(ls.err()).isZero();
    assertThat(ls.out()).isEqualTo("bridge bridge\nhost host\nnone null\n");

    Result created = cnm("network", "create", "dev");
    assertThat(created.rc()).as(created.err()).isZero();
    assertThat(created.out()).matches("[0-9a-f]{64}\n");

    Result run = cnm("run", "-d", "--name", "web", "--net", "dev", "-p", "8080:80", "nginx");
    assertThat(run.rc()).as(run.err()).isZero();
    assertThat(run.out()).matches("[0-9a-f]{64}\n");

    assertThat(cnm("port", "web").out()).isEqualTo("80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n");
    assertThat(cnm("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", "web").out())
        .isEqualTo("172.18.0.2\n");
    Result lookup = cnm("run", "--rm", "--net", "dev", "busybox", "nslookup", "web");
    assertThat(lookup.rc()).as(lookup.err()).isZero();
    assertThat(lookup.out()).contains("Address: 172.18.0.2");

    Result busy = cnm("network", "rm", "dev");
    assertThat(busy.rc()).isEqualTo(1);
    assertThat(busy.err()).startsWith("Error response from daemon: error while removing network: network dev has active endpoints");

    assertThat(cnm("rm", "-f", "web").out()).isEqualTo("web\n");
    assertThat(cnm("network", "rm", "dev").out()).isEqualTo("dev\n");
    assertThat(cnm("ps", "-a", "-q").out()).isEmpty();

    Result unknown = cnm("bogus");
    assertThat(unknown.rc()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("cnm: unknown command: cnm bogus\n\nRun 'cnm --help' for more information\n");
    // The archive of the classes a run loads was dumped by the first command.
    assertThat(ROOT.resolve("cnm-cli/target/cnm.jsa")).exists();
  }

  @Test
  void plugin_test_runs_the_contracts_from_the_packaged_jar() throws Exception {
    try (TcpPluginFake plugin = new TcpPluginFake()) {
      Result r = cnm("plugin", "test", "--name", "tapper", plugin.address());
      assertThat(r.rc()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("All steps went as Docker needs them to.\n")
          .contains("NetworkDriverContract: 11 passed, 0 failed, 2 skipped\n")
          .endsWith("PASS: the plugin answers as Docker needs it to\n");
    }
  }
}
