package dev.cnm.core.template;

import java.util.List;

/**
 * An extra template function, registered with {@link TemplateFunctions.Builder#add}. It takes
 * any number of arguments of type {@code interface{}}. Arguments and the result use the
 * template value model: {@link String}, {@link Long} (Go int), {@link Double} (float64), {@link
 * Boolean}, a {@link List} of strings ({@code []string}), a Jackson {@code ObjectNode} or {@code
 * ArrayNode} (a JSON map or array), or {@code null} (Go's nil). Throwing {@link
 * IllegalArgumentException} makes the template fail with {@code error calling NAME: MESSAGE},
 * as a Go function returning an error does.
 *
 * <pre>{@code
 * TemplateFunctions fns = TemplateFunctions.docker().toBuilder()
 *     .add("shout", args -> String.valueOf(args.get(0)).toUpperCase() + "!")
 *     .build();
 * Template.parse("{{shout .Name}}", fns);
 * }</pre>
 */
@FunctionalInterface
public interface TemplateFunction {
  /**
   * Applies the function; see the class comment for the value model.
   *
   * @param args the arguments, in the template value model
   * @return the result, in the template value model
   */
  Object apply(List<Object> args);
}
