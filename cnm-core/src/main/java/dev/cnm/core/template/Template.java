package dev.cnm.core.template;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.core.template.Node.ListNode;
import java.util.Map;

/**
 * A parsed Go {@code text/template}, executed over a Jackson JSON tree with Go's semantics (see
 * the {@linkplain dev.cnm.core.template package documentation} for the value model). Parse once,
 * execute many times: instances are immutable and safe to share between threads. Each execution
 * is bounded by {@link #limits()} (output size, {@code range} iterations, time), so a hostile
 * template fails with a {@link TemplateLimitException} instead of running for minutes.
 *
 * <pre>{@code
 * Template t = Template.parse("{{range $k, $v := .Labels}}{{$k}}={{$v}} {{end}}",
 *     TemplateFunctions.docker());
 * String out = t.execute(new ObjectMapper().readTree("{\"Labels\":{\"b\":\"2\",\"a\":\"1\"}}"));
 * // "a=1 b=2 "
 * }</pre>
 */
public final class Template {
  private static final String NAME = "";

  private final String text;
  private final TemplateFunctions functions;
  private final Map<String, ListNode> trees;
  private final MissingKey missingKey;
  private final Map<String, String> fieldAliases;
  private final TemplateLimits limits;

  /**
   * The Go field names of docker's typed structs whose JSON keys differ ({@code ID} is JSON
   * {@code Id}; IPAM's {@code AuxAddress} is {@code AuxiliaryAddresses}), for {@link
   * #withFieldAliases}: {@code docker inspect} first runs a template over its typed structs, so
   * {@code {{.ID}}} works there as well as {@code {{.Id}}}.
   */
  public static final Map<String, String> DOCKER_GO_FIELD_NAMES =
      Map.of("ID", "Id", "AuxAddress", "AuxiliaryAddresses");

  private Template(String text, TemplateFunctions functions, Map<String, ListNode> trees,
      MissingKey missingKey, Map<String, String> fieldAliases, TemplateLimits limits) {
    this.text = text;
    this.functions = functions;
    this.trees = trees;
    this.missingKey = missingKey;
    this.fieldAliases = fieldAliases;
    this.limits = limits;
  }

  /**
   * Parses text with Go's builtin functions only.
   *
   * @param text the template text
   * @return the template
   */
  public static Template parse(String text) {
    return parse(text, TemplateFunctions.builtins());
  }

  /**
   * Parses text; the template is named {@code ""} as the docker CLI names its templates.
   *
   * @param text the template text
   * @param functions the functions the template may call
   * @return the template
   * @throws TemplateException with {@link TemplateException#isParseError()} true, and Go's
   *     message, e.g. {@code template: :1: unclosed action}
   */
  public static Template parse(String text, TemplateFunctions functions) {
    requireNonNull(text, "text");
    requireNonNull(functions, "functions");
    Map<String, ListNode> trees;
    try {
      trees = Parser.parse(NAME, text, functions.names());
    } catch (TemplateException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw TemplateException.parse("template: " + NAME + ":1: max expression depth exceeded");
    } catch (RuntimeException e) {
      throw TemplateException.parse("template: " + NAME + ": internal error: " + e);
    }
    return new Template(text, functions, Map.copyOf(trees), MissingKey.DEFAULT, Map.of(),
        TemplateLimits.defaults());
  }

  /**
   * {@return this template with another missing-key behaviour (Go's
   * {@code Option("missingkey=...")})}
   *
   * @param option what a missing map key yields
   */
  public Template withMissingKey(MissingKey option) {
    requireNonNull(option, "option");
    return new Template(text, functions, trees, option, fieldAliases, limits);
  }

  /**
   * {@return this template where a field {@code .NAME} missing from a JSON object is looked up as
   * {@code aliases.get(NAME)} before the missing-key rule applies}
   *
   * <pre>{@code
   * Template.parse("{{.ID}}").withFieldAliases(Template.DOCKER_GO_FIELD_NAMES);
   * }</pre>
   *
   * @param aliases field names to JSON keys, such as {@code ID} to {@code Id}
   */
  public Template withFieldAliases(Map<String, String> aliases) {
    return new Template(text, functions, trees, missingKey, Map.copyOf(aliases), limits);
  }

  /**
   * This template with other bounds on each execution (output size, range iterations, time);
   * an execution that exceeds one fails with a {@link TemplateLimitException}.
   *
   * <pre>{@code
   * Template.parse(userText).withLimits(TemplateLimits.defaults().withTimeout(Duration.ofSeconds(1)));
   * }</pre>
   *
   * @param limits the bounds of each execution
   * @return this template with those bounds
   */
  public Template withLimits(TemplateLimits limits) {
    requireNonNull(limits, "limits");
    return new Template(text, functions, trees, missingKey, fieldAliases, limits);
  }

  /** {@return the bounds of each execution ({@link TemplateLimits#defaults()} unless set)} */
  public TemplateLimits limits() {
    return limits;
  }

  /** {@return the missing-key behaviour} */
  public MissingKey missingKey() {
    return missingKey;
  }

  /** {@return the template text as given} */
  public String text() {
    return text;
  }

  /**
   * Executes the template with {@code data} as dot. A JSON object acts as Go's {@code
   * map[string]interface{}}, an array as {@code []interface{}}, JSON null as nil.
   *
   * @param data the value of dot
   * @return what the template wrote
   * @throws TemplateException (never a parse error) with Go's message, e.g. {@code template:
   *     :1:2: executing "" at <.A.B>: nil pointer evaluating interface {}.B}; a {@link
   *     TemplateLimitException} when the execution exceeds one of its {@link #limits()}
   */
  public String execute(JsonNode data) {
    requireNonNull(data, "data");
    Object root = GoValues.fromJson(data);
    return run(root == GoValues.NIL ? null : root);
  }

  /**
   * Executes the template with a {@link TemplateObject} (a formatter context) as dot.
   *
   * @param data the value of dot
   * @return what the template wrote
   */
  public String execute(TemplateObject data) {
    requireNonNull(data, "data");
    return run(data);
  }

  /**
   * Executes the template appending to {@code out}, like Go's {@code Execute(w, data)}: when it
   * fails, what was written before the failure stays in {@code out} (docker's table headers rely
   * on this).
   *
   * @param data the value of dot
   * @param out receives what the template writes
   */
  public void execute(JsonNode data, StringBuilder out) {
    requireNonNull(data, "data");
    requireNonNull(out, "out");
    Object root = GoValues.fromJson(data);
    run(root == GoValues.NIL ? null : root, out);
  }

  /**
   * Executes the template with a {@link TemplateObject} as dot, appending to {@code out}.
   *
   * @param data the value of dot
   * @param out receives what the template writes
   */
  public void execute(TemplateObject data, StringBuilder out) {
    requireNonNull(data, "data");
    requireNonNull(out, "out");
    run(data, out);
  }

  private String run(Object data) {
    StringBuilder out = new StringBuilder();
    run(data, out);
    return out.toString();
  }

  private void run(Object data, StringBuilder out) {
    Exec exec = new Exec(text, NAME, trees, functions, missingKey, fieldAliases, out, limits);
    try {
      exec.run(NAME, data);
    } catch (TemplateException e) {
      throw e;
    } catch (StackOverflowError e) {
      // Only reachable with absurdly deep data: templates themselves are depth-limited.
      throw TemplateException.exec("template: " + NAME + ": value nesting too deep to execute");
    } catch (RuntimeException e) {
      throw TemplateException.exec("template: " + NAME + ": internal error: " + e);
    }
  }

  @Override
  public String toString() {
    return "Template{" + text + "}";
  }
}
