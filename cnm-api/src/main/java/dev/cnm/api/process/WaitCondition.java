package dev.cnm.api.process;

import dev.cnm.api.error.InvalidParameterException;

/**
 * What {@code docker wait --condition} waits for (moby {@code container.WaitCondition}).
 *
 * <pre>{@code
 * engine.await("migrate", WaitCondition.NOT_RUNNING).statusCode();
 * WaitCondition.parse("next-exit"); // NEXT_EXIT
 * }</pre>
 */
public enum WaitCondition {
  /** The container is not running: at once if it is not (the default). */
  NOT_RUNNING("not-running"),
  /** The container's next exit, even if it is not running now. */
  NEXT_EXIT("next-exit"),
  /** The container is removed. */
  REMOVED("removed");

  private final String text;

  WaitCondition(String text) {
    this.text = text;
  }

  /**
   * {@return the condition named {@code text}; the empty string is {@link #NOT_RUNNING}}
   *
   * @param text {@code not-running}, {@code next-exit} or {@code removed}
   * @throws InvalidParameterException {@code invalid condition: "x"}, as the daemon says
   */
  public static WaitCondition parse(String text) {
    if (text.isEmpty()) {
      return NOT_RUNNING;
    }
    for (WaitCondition c : values()) {
      if (c.text.equals(text)) {
        return c;
      }
    }
    throw new InvalidParameterException("invalid condition: \"" + text + "\"");
  }

  /** {@return Docker's spelling, such as {@code not-running}} */
  @Override
  public String toString() {
    return text;
  }
}
