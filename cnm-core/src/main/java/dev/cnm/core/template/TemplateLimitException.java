package dev.cnm.core.template;

/**
 * An execution stopped by one of its {@link TemplateLimits}. It is an execution error like any
 * other ({@link #isParseError()} is false, the CLI prints the message and exits 1), with the
 * position of the action that went over the limit, e.g. {@code template: :1:2: executing "" at
 * <printf "%9999999d" 1>: output exceeds the limit of 1048576 characters}.
 *
 * <pre>{@code
 * try {
 *   template.execute(json);
 * } catch (TemplateLimitException e) {
 *   if (e.limit() == TemplateLimitException.Limit.TIME) { ... }
 * }
 * }</pre>
 */
public final class TemplateLimitException extends TemplateException {
  private static final long serialVersionUID = 1L;

  /** Which limit was exceeded. */
  public enum Limit {
    /** {@link TemplateLimits#maxOutputChars()}: the output, or a value a function built. */
    OUTPUT,
    /** {@link TemplateLimits#maxRangeIterations()}. */
    RANGE_ITERATIONS,
    /** {@link TemplateLimits#timeout()}. */
    TIME
  }

  /** Which bound the execution overran. */
  private final Limit limit;

  TemplateLimitException(String message, Limit limit) {
    super(message, false);
    this.limit = limit;
  }

  /** {@return the limit that stopped the execution} */
  public Limit limit() {
    return limit;
  }
}
