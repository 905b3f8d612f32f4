package dev.cnm.core.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A value with Go-style methods, for data that is not a plain JSON tree: docker's formatter
 * contexts ({@code ContainerContext}, {@code NetworkContext}) expose placeholders such as
 * {@code .ID} and {@code .Label "com.example"} as methods. The interpreter calls {@link #invoke}
 * for {@code .Name} field syntax, checks the argument count like Go's reflection does, and
 * passes string arguments only.
 *
 * <pre>{@code
 * TemplateObject row = ...; // e.g. what ContainerListFormat builds per container
 * Template.parse("{{.ID}} {{.Label \"env\"}}").execute(row);
 * }</pre>
 */
public interface TemplateObject {
  /**
   * Go's type name for error messages, e.g. {@code *formatter.ContainerContext}.
   *
   * @return Go's type name, for error messages, such as {@code *formatter.ContainerContext}
   */
  String typeName();

  /**
   * {@return the number of string arguments method {@code name} takes, or -1 if there is none}
   *
   * @param name the method's name
   */
  int arity(String name);

  /**
   * Calls method {@code name}; returns a value of the template value model (String, Long,
   * Double, Boolean, a List of String, a Jackson node, or null for Go's nil). An {@link
   * IllegalArgumentException} is reported as {@code error calling NAME: MESSAGE}.
   *
   * @param name the method's name
   * @param args the method's string arguments
   * @return the method's result
   */
  Object invoke(String name, List<String> args);

  /** {@return what {@code {{json .}}} prints for this object (docker: its MarshalJSON)} */
  ObjectNode toJson();
}
