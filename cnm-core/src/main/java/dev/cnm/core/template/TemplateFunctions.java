package dev.cnm.core.template;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The functions a template may call: Go's builtins ({@code and or not eq ne lt le gt ge len index
 * slice print printf println html js urlquery call}), optionally docker's ({@code json join split
 * title lower upper pad truncate}), plus any registered {@link TemplateFunction}s. Immutable.
 * Unknown names are rejected at parse time ({@code function "x" not defined}).
 *
 * <pre>{@code
 * TemplateFunctions fns = TemplateFunctions.docker().toBuilder()
 *     .add("hello", args -> "hello " + args.get(0))
 *     .build();
 * String out = Template.parse("{{hello .Name}}", fns).execute(json); // hello web
 * }</pre>
 */
public final class TemplateFunctions {
  private static final TemplateFunctions BUILTINS = new TemplateFunctions(Builtins.all());
  private static final TemplateFunctions DOCKER;

  static {
    Map<String, Fn> m = new LinkedHashMap<>(BUILTINS.functions);
    m.putAll(DockerFunctions.all());
    DOCKER = new TemplateFunctions(m);
  }

  private static final TemplateFunctions DOCKER_HEADERS;

  static {
    Map<String, Fn> m = new LinkedHashMap<>(BUILTINS.functions);
    m.putAll(DockerFunctions.headers());
    DOCKER_HEADERS = new TemplateFunctions(m);
  }

  private final Map<String, Fn> functions;

  private TemplateFunctions(Map<String, Fn> functions) {
    this.functions = Map.copyOf(functions);
  }

  /**
   * Go's text/template builtins only.
   *
   * @return Go's text/template builtins only
   */
  public static TemplateFunctions builtins() {
    return BUILTINS;
  }

  /**
   * Go's builtins plus the docker CLI's template functions (templates/templates.go).
   *
   * @return Go's builtins plus the docker CLI's template functions (templates/templates.go)
   */
  public static TemplateFunctions docker() {
    return DOCKER;
  }

  /**
   * Go's builtins plus docker's header functions ({@code templates.HeaderFunctions}): the
   * functions a table format runs with when the CLI prints the header row. {@code json} yields
   * an empty string, and {@code split join title lower upper pad truncate} return their first
   * argument unchanged.
   *
   * @return Go's builtins plus docker's header functions ({@code templates.HeaderFunctions})
   */
  public static TemplateFunctions dockerHeaders() {
    return DOCKER_HEADERS;
  }

  /** {@return the names of all functions} */
  public Set<String> names() {
    return functions.keySet();
  }

  Map<String, Fn> asMap() {
    return functions;
  }

  Fn get(String name) {
    return functions.get(name);
  }

  /** {@return a builder starting from these functions} */
  public Builder toBuilder() {
    return new Builder(functions);
  }

  /**
   * Adds functions to a set.
   *
   * <pre>{@code
   * TemplateFunctions.builtins().toBuilder().add("id", args -> args.get(0)).build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, Fn> functions;

    private Builder(Map<String, Fn> start) {
      this.functions = new LinkedHashMap<>(start);
    }

    /**
     * Adds (or replaces) a function taking any number of {@code interface{}} arguments. The
     * name must be a Go identifier.
     *
     * @param name the function's name, a Go identifier
     * @param function the function
     * @return this builder
     */
    public Builder add(String name, TemplateFunction function) {
      requireNonNull(name, "name");
      requireNonNull(function, "function");
      if (name.isEmpty() || !name.codePoints().allMatch(Lexer::isAlphaNumeric)
          || Character.isDigit(name.codePointAt(0))) {
        throw new IllegalArgumentException("function name is not a Go identifier: " + name);
      }
      functions.put(
          name,
          new Fn(name, List.of(), Fn.Param.ANY, (args, budget) -> {
            java.util.ArrayList<Object> plain = new java.util.ArrayList<>();
            for (Object a : args) {
              Object c = GoValues.concrete(a);
              plain.add(c);
            }
            return GoValues.normalize(function.apply(java.util.Collections.unmodifiableList(plain)));
          }));
      return this;
    }

    /** {@return the immutable function set} */
    public TemplateFunctions build() {
      return new TemplateFunctions(functions);
    }
  }
}
