package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * No Java stack trace reaches a user (issue 17): a failure nothing expected is one line and exit
 * 1; the trace only when asked for ({@code CNM_DEBUG}). The mistake this catches: picocli printed the
 * exception's stack trace.
 */
class UnexpectedFailureTest {
  /** An engine every call of which fails as a bug would. */
  private static final Engine BROKEN = (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(),
      new Class<?>[] {Engine.class}, (proxy, method, args) -> {
        throw new NullPointerException();
      });

  private static String[] run(boolean debug, String line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Commands c = new Commands(BROKEN, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Instant::now);
    c.debug(debug);
    int rc = c.execute(Tutorial.split(line));
    return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void an_unexpected_failure_is_one_line_and_exit_1() {
    for (String line : new String[] {"ps", "network ls", "run -d nginx", "inspect web", "network prune -f"}) {
      String[] r = run(false, line);
      assertThat(r[0]).as(line).isEqualTo("1");
      assertThat(r[2]).as(line).isEqualTo("cnm: internal error: NullPointerException (CNM_DEBUG=1 prints the details)\n");
    }
  }

  @Test
  void cnm_debug_prints_the_trace_too() {
    String[] r = run(true, "ps");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).startsWith("cnm: internal error: NullPointerException").contains("\tat ");
  }
}
