package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.util.ConcurrentModificationException;
import java.util.List;

/**
 * Coverage-guided fuzzing of the state-file loader: any bytes given to {@link
 * EngineState#restore} either load or are refused with {@code invalid engine state: ...}
 * ({@link InvalidParameterException}) whose cause, if any, is a parse or validation error,
 * never a Java programming error such as a {@link NullPointerException} that the loader's
 * catch-all happened to wrap. A state that loads exports a document that loads again to the
 * same export. {@link StateCheck}'s refusals (duplicate ids and names, a missing predefined
 * network, dangling references) are {@code invalid engine state: ...} without a cause.
 *
 * <p>The seeds ({@code src/test/resources/dev/cnm/core/EngineStateFuzzTestInputs/restore}) are
 * states exported by this version; {@code mvn verify} replays them, {@code -Pfuzz} fuzzes
 * (docs/TESTING.md).
 */
class EngineStateFuzzTest {
  /** Exceptions that mean a bug in the loader, not a bad document. */
  private static final List<Class<? extends Throwable>> PROGRAMMING_ERRORS = List.of(
      NullPointerException.class, ClassCastException.class, IndexOutOfBoundsException.class,
      ArithmeticException.class, IllegalStateException.class,
      UnsupportedOperationException.class, ConcurrentModificationException.class,
      NegativeArraySizeException.class, ArrayStoreException.class);

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"\"version\"", "\"networks\"", "\"containers\"", "\"id\"", "\"name\"",
      "\"spec\"", "\"pools\"", "\"subnet\"", "\"gateway\"", "\"ipRange\"", "\"auxAddresses\"",
      "\"attachments\"", "\"endpoints\"", "\"published\"", "\"hostPort\"", "\"containerPort\"",
      "\"status\"", "\"RUNNING\"", "\"EXITED\"", "\"CREATED\"", "\"networkMode\"", "\"bridge\"",
      "\"predefined\"", "\"inStore\"", "\"created\"", "\"2026-01-01T00:00:00Z\"", "\"ipv4\"",
      "\"mac\"", "\"sandboxId\"", "\"portBindings\"", "\"networkId\"", "\"networkName\"",
      "\"gatewayNetwork\"", "\"networkGone\"", "\"container:\"", "\"hostIp\"", "\"links\"", "null", "true",
      "[]", "{}"})
  void restore(byte[] input) {
    Engine engine;
    try {
      engine = EngineState.restore(input, TestDrivers.builder(1));
    } catch (InvalidParameterException e) {
      assertThat(e.getMessage()).startsWith("invalid engine state: ");
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        for (Class<? extends Throwable> bug : PROGRAMMING_ERRORS) {
          if (bug.isInstance(c)) {
            throw new AssertionError("the loader crashed on " + new String(input,
                StandardCharsets.UTF_8), e);
          }
        }
      }
      return;
    }
    byte[] exported = EngineState.export(engine);
    Engine again = EngineState.restore(exported, TestDrivers.builder(2));
    assertThat(new String(EngineState.export(again), StandardCharsets.UTF_8))
        .isEqualTo(new String(exported, StandardCharsets.UTF_8));
  }
}
