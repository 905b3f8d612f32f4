package dev.cnm.it.testkituser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * What the README and docs/TESTING.md tell users to write is what the user builds of cnm-it build
 * with, and cnm-bom lists every module that is published: a module added to the reactor without
 * its BOM entry, or a README that drifts from the builds that prove it, fails here.
 */
class BuildFilesTest {
  private static final Path ROOT = findRoot();

  @Test
  void the_readme_snippet_is_this_builds_dependencies() throws Exception {
    Element readme = xmlSnippet(ROOT.resolve("README.md"), "cnm-bom");
    Element pom = pom(Path.of("pom.xml"));

    assertThat(dependencies(readme)).isEqualTo(dependencies(pom)).isNotEmpty();
    assertThat(dependencies(child(readme, "dependencyManagement").orElseThrow()))
        .isEqualTo(dependencies(child(pom, "dependencyManagement").orElseThrow()))
        .containsExactly("dev.cnm:cnm-bom:pom:import");
    assertThat(text(child(child(child(readme, "dependencyManagement").orElseThrow(), "dependencies")
            .orElseThrow(), "dependency").orElseThrow(), "version"))
        .as("the BOM version the README shows").isEqualTo(text(pom(ROOT.resolve("pom.xml")), "version"));
  }

  @Test
  void production_code_needs_only_what_the_readme_gives_it() throws Exception {
    Element readme = xmlSnippet(ROOT.resolve("README.md"), "cnm-bom");
    Element coreUser = pom(ROOT.resolve("cnm-it/core-user/pom.xml"));

    assertThat(nonTest(dependencies(coreUser))).isEqualTo(nonTest(dependencies(readme)))
        .containsExactly("dev.cnm:cnm-core:jar:compile");
  }

  @Test
  void the_bom_lists_every_published_module_at_the_builds_version() throws Exception {
    Map<String, Element> modules = new HashMap<>();
    collectModules(ROOT, modules);
    List<String> published = new ArrayList<>();
    modules.forEach((artifactId, pom) -> {
      if (text(pom, "packaging").orElse("jar").equals("jar") && !deploySkipped(pom, modules)) {
        published.add(artifactId);
      }
    });
    Element bom = pom(ROOT.resolve("cnm-bom/pom.xml"));
    Element managed = child(child(bom, "dependencyManagement").orElseThrow(), "dependencies").orElseThrow();

    assertThat(children(managed, "dependency").stream().map(d -> text(d, "artifactId").orElseThrow()))
        .containsExactlyInAnyOrderElementsOf(published)
        .contains("cnm-api", "cnm-core", "cnm-drivers", "cnm-testkit");
    assertThat(children(managed, "dependency").stream().map(d -> text(d, "version").orElseThrow()))
        .containsOnly("${project.version}");
  }

  @Test
  void the_testing_guide_gives_the_surefire_includes_this_build_uses() throws Exception {
    Element guide = xmlSnippet(ROOT.resolve("docs/TESTING.md"), "maven-surefire-plugin");
    Element plugin = children(child(child(pom(Path.of("pom.xml")), "build").orElseThrow(), "plugins")
        .orElseThrow(), "plugin").get(0);

    assertThat(includes(child(guide, "plugin").orElseThrow())).isEqualTo(includes(plugin))
        .contains("**/*Properties.java");
  }

  // ---- reading the build's files -------------------------------------------------------------

  private static List<String> includes(Element plugin) {
    Element includes = child(child(plugin, "configuration").orElseThrow(), "includes").orElseThrow();
    return children(includes, "include").stream().map(Node::getTextContent).map(String::strip)
        .collect(Collectors.toList());
  }

  /** groupId:artifactId:type:scope of each dependency directly under {@code owner}'s dependencies. */
  private static List<String> dependencies(Element owner) {
    return child(owner, "dependencies").map(ds -> children(ds, "dependency")).orElse(List.of()).stream()
        .map(d -> text(d, "groupId").orElseThrow() + ":" + text(d, "artifactId").orElseThrow() + ":"
            + text(d, "type").orElse("jar") + ":" + text(d, "scope").orElse("compile"))
        .collect(Collectors.toList());
  }

  private static List<String> nonTest(List<String> dependencies) {
    return dependencies.stream().filter(d -> !d.endsWith(":test")).collect(Collectors.toList());
  }

  private static void collectModules(Path dir, Map<String, Element> into) throws Exception {
    Element pom = pom(dir.resolve("pom.xml"));
    into.put(text(pom, "artifactId").orElseThrow(), pom);
    Optional<Element> modules = child(pom, "modules");
    if (modules.isPresent()) {
      for (Element m : children(modules.get(), "module")) {
        collectModules(dir.resolve(m.getTextContent().strip()), into);
      }
    }
  }

  /** Whether the pom, or a parent of it in this build, sets {@code maven.deploy.skip}. */
  private static boolean deploySkipped(Element pom, Map<String, Element> modules) {
    for (Element p = pom; p != null; ) {
      Optional<String> skip = child(p, "properties").flatMap(ps -> text(ps, "maven.deploy.skip"));
      if (skip.isPresent()) {
        return Boolean.parseBoolean(skip.get());
      }
      p = child(p, "parent").flatMap(parent -> text(parent, "artifactId")).map(modules::get).orElse(null);
    }
    return false;
  }

  /** The first {@code ```xml} block of a Markdown file that mentions {@code marker}. */
  private static Element xmlSnippet(Path markdown, String marker) throws Exception {
    Matcher m = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(markdown, StandardCharsets.UTF_8));
    while (m.find()) {
      if (m.group(1).contains(marker)) {
        return parse("<snippet>" + m.group(1) + "</snippet>");
      }
    }
    throw new AssertionError("no xml snippet mentioning " + marker + " in " + markdown);
  }

  private static Element pom(Path file) throws Exception {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static Element parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
        out.add((Element) n);
      }
    }
    return out;
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
  }

  private static Optional<String> text(Element parent, String name) {
    return child(parent, name).map(Node::getTextContent).map(String::strip);
  }

  private static Path findRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("cnm-bom/pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no cnm-bom/pom.xml above " + Path.of("").toAbsolutePath());
  }
}
