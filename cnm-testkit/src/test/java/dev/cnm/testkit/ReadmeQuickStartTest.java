package dev.cnm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the README's Java quick start verbatim, against the real engine and drivers
 * on this module's classpath, and checks that it prints what its comments promise.
 */
class ReadmeQuickStartTest {

  @Test
  void quick_start_compiles_and_runs_as_written(@TempDir Path dir) throws Exception {
    assertThat(run(dir, "## Quick start", List.of())).containsExactly("172.18.0.2", "8080",
        "[80/tcp -> 0.0.0.0:8080, 80/tcp -> [::]:8080]");
  }

  @Test
  void the_process_example_compiles_and_runs_as_written(@TempDir Path dir) throws Exception {
    assertThat(run(dir, "### Containers that live and die", List.of("import dev.cnm.api.*;",
        "import dev.cnm.api.event.EventQuery;", "import dev.cnm.api.process.*;", "import dev.cnm.core.Cnm;",
        "import java.time.Duration;", "import java.util.List;"))).containsExactly("0", "migrating", "die");
  }

  /** Compiles and runs the first Java block after {@code heading}; returns the lines it printed. */
  private List<String> run(Path dir, String heading, List<String> extraImports) throws Exception {
    String readme = Files.readString(findReadme(), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile(Pattern.quote(heading) + "\\s+.*?```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find()).as("README has a Java block under %s", heading).isTrue();
    String snippet = m.group(1);
    List<String> imports = new ArrayList<>(extraImports);
    StringBuilder body = new StringBuilder();
    for (String line : snippet.split("\n")) {
      if (line.startsWith("import ")) {
        imports.add(line);
      } else {
        body.append("    ").append(line).append('\n');
      }
    }
    String source = String.join("\n", imports) + "\n\npublic class QuickStart {\n  public static void main(String[] args) {\n"
        + body + "  }\n}\n";
    Path file = dir.resolve("QuickStart.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, null, diagnostics, "-classpath", System.getProperty("java.class.path"),
        "-d", dir.toString(), file.toString());
    assertThat(rc).as("javac: %s\n%s", diagnostics, source).isZero();

    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static Path findReadme() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("README.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IOException("README.md not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("README.md");
  }
}
