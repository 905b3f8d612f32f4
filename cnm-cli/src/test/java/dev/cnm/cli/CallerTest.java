package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One resident server runs the commands of many clients, each with its own environment, working
 * directory and input: a command that asked {@link System} for them would see the server's. So
 * the command line's sources reach them through {@link Caller} only.
 */
class CallerTest {
  /** What reads this process's environment, directory or streams instead of the caller's. */
  private static final Pattern PROCESS_WIDE = Pattern.compile(
      "System\\.getenv|System\\.in\\b|System\\.out|System\\.err|System\\.exit|System\\.console|Path\\.of\\("
          + "|Paths\\.get\\(|new File\\(|\"user\\.dir\"");

  /**
   * The classes that may: the entry point, {@link Caller} itself, the server and its Java client,
   * and {@code serve} (run in a process of its own, never through the server). {@link Cli} only
   * for {@code ~/.cnm}: the server serves its own user alone.
   */
  private static final Set<String> ALLOWED = Set.of("Main.java", "Caller.java", "ResidentServer.java",
      "ResidentClient.java", "Serve.java");

  @Test
  void commands_read_the_callers_environment_directory_and_input_never_the_processes() throws IOException {
    Path src = Path.of("src/main/java/dev/cnm/cli");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(src)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (ALLOWED.contains(f.getFileName().toString())) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          Matcher m = PROCESS_WIDE.matcher(line);
          boolean home = line.contains("Path.of(System.getProperty(\"user.home\"), \".cnm\")");
          if (m.find() && !home) {
            found.add(f.getFileName() + ":" + (i + 1) + ": " + line.strip());
          }
        }
      }
    }
    assertThat(found).as("use Commands.caller() (env, path, in) instead").isEmpty();
  }

  @Test
  void a_relative_path_is_the_callers() {
    Caller served = new Caller(java.util.Map.of(), Path.of("/home/u/project"), null);
    assertThat(served.path("ctx/Dockerfile")).isEqualTo(Path.of("/home/u/project/ctx/Dockerfile"));
    assertThat(served.path("/abs")).isEqualTo(Path.of("/abs"));
    assertThat(Caller.thisProcess(java.util.Map.of()).path("rel")).isEqualTo(Path.of("rel"));
  }

  @Test
  void the_state_directory_is_the_callers() {
    Caller served = new Caller(java.util.Map.of("CNM_STATE", "st"), Path.of("/w"), null);
    Cli cli = new Cli(served, null, null);
    assertThat(cli.stateDirectory(null)).isEqualTo(Path.of("/w/st"));
    assertThat(cli.stateDirectory("other")).isEqualTo(Path.of("/w/other"));
    assertThat(cli.stateDirectory("/abs")).isEqualTo(Path.of("/abs"));
  }
}
