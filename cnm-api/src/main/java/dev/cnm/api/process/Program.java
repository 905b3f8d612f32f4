package dev.cnm.api.process;

/**
 * A program a container can run: turns an {@link Invocation} (its arguments and environment) into
 * the {@link Script} the process follows. Register one for a program name or an image with
 * {@code Cnm.builder().program(...)}. The engine keeps only the script it returns, so a program
 * may be a lambda; what a restored engine goes on with is the saved script.
 *
 * <pre>{@code
 * Program greeter = inv -> Script.builder().stdout("hello " + String.join(" ", inv.args())).exit(0).build();
 * Engine engine = Cnm.builder().seed(1).program("greet", greeter).build();
 * }</pre>
 */
@FunctionalInterface
public interface Program {
  /**
   * {@return what the process does when started as {@code invocation}}
   *
   * @param invocation the program's arguments, environment, terminal and input
   */
  Script script(Invocation invocation);

  /**
   * {@return a program that runs {@code script} whatever its arguments}
   *
   * @param script the script
   */
  static Program of(Script script) {
    return invocation -> script;
  }
}
