package dev.cnm.testkit.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of docs/TESTING.md appears word for word (up to indentation) in a test source
 * of this module or of cnm-it's Testcontainers build, so the guide only shows code that compiles and
 * runs with the build.
 */
class TestingGuideTest {

  @Test
  void every_java_snippet_is_quoted_from_a_compiled_test() throws IOException {
    Path root = findRoot();
    String guide = Files.readString(root.resolve("docs/TESTING.md"), StandardCharsets.UTF_8);
    List<String> snippets = new ArrayList<>();
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(guide);
    while (m.find()) {
      snippets.add(normalize(m.group(1)));
    }
    assertThat(snippets).as("Java snippets in docs/TESTING.md").hasSizeGreaterThanOrEqualTo(10);

    List<String> sources = new ArrayList<>();
    // 11.6 quotes the Testcontainers test, which lives in the only build that has Testcontainers
    for (String dir : List.of("cnm-testkit/src/test/java", "cnm-it/testcontainers/src/test/java")) {
      try (Stream<Path> files = Files.walk(root.resolve(dir))) {
        files.filter(p -> p.toString().endsWith(".java")).map(TestingGuideTest::read)
            .map(TestingGuideTest::normalize).forEach(sources::add);
      }
    }
    for (String snippet : snippets) {
      assertThat(sources.stream().anyMatch(s -> s.contains(snippet)))
          .as("this snippet of docs/TESTING.md is not in any test source:%n%s", snippet).isTrue();
    }
  }

  /** Each line without its indentation, blank lines kept. */
  private static String normalize(String code) {
    return code.lines().map(String::strip).collect(Collectors.joining("\n"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path findRoot() throws IOException {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("docs/TESTING.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IOException("docs/TESTING.md not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
