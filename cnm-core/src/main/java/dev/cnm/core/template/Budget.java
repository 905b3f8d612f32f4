package dev.cnm.core.template;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cnm.core.template.TemplateLimitException.Limit;
import java.util.List;
import java.util.Locale;

/**
 * What one execution may still spend, from its {@link TemplateLimits}: the interpreter and the
 * functions that build large values check it as they go, and an overrun throws {@link Exceeded},
 * which the interpreter turns into a {@link TemplateLimitException} at the current action.
 */
final class Budget {
  /** For formatting outside an execution (error messages): no bounds. */
  static final Budget UNLIMITED = new Budget(
      Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, "", "", "");

  /** The weight of one list element against the output limit, about its memory in chars. */
  static final long ELEMENT_WEIGHT = 16;

  /** An overrun; carries no stack trace. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final Limit limit;

    Exceeded(Limit limit, String message) {
      super(message, null, false, false);
      this.limit = limit;
    }
  }

  private final long maxChars;
  private final long maxIterations;
  private final long timeoutNanos;
  private final long start;
  private final String outputMessage;
  private final String iterationMessage;
  private final String timeMessage;
  private long iterations;

  private Budget(long maxChars, long maxIterations, long timeoutNanos, String outputMessage,
      String iterationMessage, String timeMessage) {
    this.maxChars = maxChars;
    this.maxIterations = maxIterations;
    this.timeoutNanos = timeoutNanos;
    this.start = System.nanoTime();
    this.outputMessage = outputMessage;
    this.iterationMessage = iterationMessage;
    this.timeMessage = timeMessage;
  }

  /** A budget starting now. */
  static Budget start(TemplateLimits limits) {
    long nanos;
    try {
      nanos = limits.timeout().toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE; // beyond 292 years: no limit
    }
    return new Budget(limits.maxOutputChars(), limits.maxRangeIterations(), nanos,
        "output exceeds the limit of " + limits.maxOutputChars() + " characters",
        "range iterations exceed the limit of " + limits.maxRangeIterations(),
        "execution exceeds the time limit of " + goDuration(nanos));
  }

  long maxChars() {
    return maxChars;
  }

  /** Fails when {@code chars} characters (of output, or of one value) exceed the limit. */
  void checkChars(long chars) {
    if (chars > maxChars) {
      throw new Exceeded(Limit.OUTPUT, outputMessage);
    }
  }

  /** Fails when the builder has grown past the limit, or time is up. */
  void check(StringBuilder sb) {
    checkChars(sb.length());
    checkTime();
  }

  /** Fails when time is up. */
  void checkTime() {
    if (System.nanoTime() - start > timeoutNanos) {
      throw new Exceeded(Limit.TIME, timeMessage);
    }
  }

  /** Counts one range iteration. */
  void iteration() {
    if (++iterations > maxIterations) {
      throw new Exceeded(Limit.RANGE_ITERATIONS, iterationMessage);
    }
    checkTime();
  }

  /** Fails when a value a function returned is larger than the limit allows. */
  void checkValue(Object value) {
    Object v = GoValues.unbox(value);
    if (v instanceof String) {
      checkChars(((String) v).length());
    } else if (v instanceof List) {
      long size = 0;
      for (Object e : (List<?>) v) {
        size += ELEMENT_WEIGHT + (e instanceof String ? ((String) e).length() : 0);
        checkChars(size);
      }
    } else if (v instanceof ArrayNode) {
      checkChars(ELEMENT_WEIGHT * ((ArrayNode) v).size());
    }
  }

  /** Go's {@code time.Duration.String}: {@code 10s}, {@code 1m30s}, {@code 1.5s}, {@code 250ms}. */
  static String goDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    if (nanos < 1_000L) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000L) {
      return decimal(nanos, 3) + "\u00b5s";
    }
    if (nanos < 1_000_000_000L) {
      return decimal(nanos, 6) + "ms";
    }
    long hours = nanos / 3_600_000_000_000L;
    long minutes = nanos / 60_000_000_000L % 60;
    String out = decimal(nanos % 60_000_000_000L, 9) + "s";
    if (hours > 0 || minutes > 0) {
      out = minutes + "m" + out;
    }
    return hours > 0 ? hours + "h" + out : out;
  }

  private static String decimal(long value, int fractionDigits) {
    long unit = (long) Math.pow(10, fractionDigits);
    String fraction = String.format(Locale.ROOT, "%0" + fractionDigits + "d", value % unit)
        .replaceAll("0+$", "");
    return value / unit + (fraction.isEmpty() ? "" : "." + fraction);
  }
}
