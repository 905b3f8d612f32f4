package dev.cnm.core.template;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How much one execution of a {@link Template} may spend before it stops with a {@link
 * TemplateLimitException}: characters of output, iterations of {@code range}, and time. Go's
 * {@code text/template} has no such bounds; they are here because a template is user input run
 * while the engine's state is locked, and {@code {{range 1000000000}}} or {@code {{printf
 * "%9999999d" 1}}} would otherwise hold that lock for minutes or exhaust the heap. Immutable.
 *
 * <p>The defaults are far above what a real template reaches: the largest document {@code
 * inspect} prints (a {@code /16} network with every address taken, about 65,000 endpoints of
 * some 250 characters each) is about 16 Mi characters, half the output limit; a range over every
 * container of such a network, even with a range over its aliases inside, stays below a million
 * iterations, a tenth of the limit; and executing the largest output takes well under a second,
 * a tenth of the time limit.
 *
 * <p>The output limit bounds every value a function builds as well as what the template
 * writes: a string counts its characters, a list the characters of its strings plus 16 per
 * element (roughly its memory), so that doubling a variable in a loop or splitting a huge
 * string fails cleanly instead of exhausting the heap. Iterations are counted over the whole
 * execution, nested ranges and {@code {{template}}} calls included. Time is wall-clock time
 * from the start of the execution.
 *
 * <pre>{@code
 * Template t = Template.parse("{{range .}}{{.}}{{end}}")
 *     .withLimits(TemplateLimits.defaults().withMaxOutputChars(1 << 20).withTimeout(Duration.ofSeconds(1)));
 * }</pre>
 */
public final class TemplateLimits {
  /** 32 Mi characters: twice the largest inspect document (see the class comment). */
  public static final long DEFAULT_MAX_OUTPUT_CHARS = 32L << 20;

  /** Ten million iterations of {@code range} bodies in one execution. */
  public static final long DEFAULT_MAX_RANGE_ITERATIONS = 10_000_000L;

  /** Ten seconds for one execution. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final TemplateLimits DEFAULTS = new TemplateLimits(
      DEFAULT_MAX_OUTPUT_CHARS, DEFAULT_MAX_RANGE_ITERATIONS, DEFAULT_TIMEOUT);

  private final long maxOutputChars;
  private final long maxRangeIterations;
  private final Duration timeout;

  private TemplateLimits(long maxOutputChars, long maxRangeIterations, Duration timeout) {
    if (maxOutputChars < 0) {
      throw new IllegalArgumentException("maxOutputChars (" + maxOutputChars + ") must not be negative");
    }
    if (maxRangeIterations < 0) {
      throw new IllegalArgumentException(
          "maxRangeIterations (" + maxRangeIterations + ") must not be negative");
    }
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout (" + timeout + ") must not be negative");
    }
    this.maxOutputChars = maxOutputChars;
    this.maxRangeIterations = maxRangeIterations;
    this.timeout = timeout;
  }

  /** {@return the default limits: 32 Mi characters, 10,000,000 iterations, 10 seconds} */
  public static TemplateLimits defaults() {
    return DEFAULTS;
  }

  /** {@return the most characters one execution may write, and the largest value a function may build} */
  public long maxOutputChars() {
    return maxOutputChars;
  }

  /** {@return the most {@code range} iterations one execution may run, over all its ranges} */
  public long maxRangeIterations() {
    return maxRangeIterations;
  }

  /** {@return the longest one execution may run} */
  public Duration timeout() {
    return timeout;
  }

  /**
   * These limits with another output limit.
   *
   * @param max the most characters one execution may write
   * @return the new limits
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public TemplateLimits withMaxOutputChars(long max) {
    return new TemplateLimits(max, maxRangeIterations, timeout);
  }

  /**
   * These limits with another iteration limit.
   *
   * @param max the most range iterations one execution may run
   * @return the new limits
   * @throws IllegalArgumentException if {@code max} is negative
   */
  public TemplateLimits withMaxRangeIterations(long max) {
    return new TemplateLimits(maxOutputChars, max, timeout);
  }

  /**
   * These limits with another time limit.
   *
   * @param timeout the longest one execution may run
   * @return the new limits
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public TemplateLimits withTimeout(Duration timeout) {
    return new TemplateLimits(maxOutputChars, maxRangeIterations, timeout);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TemplateLimits)) {
      return false;
    }
    TemplateLimits other = (TemplateLimits) o;
    return maxOutputChars == other.maxOutputChars && maxRangeIterations == other.maxRangeIterations
        && timeout.equals(other.timeout);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(maxOutputChars, maxRangeIterations, timeout);
  }

  @Override
  public String toString() {
    return "TemplateLimits{maxOutputChars=" + maxOutputChars + ", maxRangeIterations="
        + maxRangeIterations + ", timeout=" + timeout + "}";
  }
}
