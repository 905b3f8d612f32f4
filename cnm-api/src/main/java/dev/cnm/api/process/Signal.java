package dev.cnm.api.process;

import dev.cnm.api.error.InvalidParameterException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Linux signal as {@code docker kill -s} and {@code --stop-signal} name it: a number and its
 * name, parsed with the daemon's rules (moby {@code sys/signal.ParseSignal}: a number, or a name
 * with or without {@code SIG}, in any case; real-time signals as {@code RTMIN+3}).
 *
 * <pre>{@code
 * Signal.parse("term");     // SIGTERM (15)
 * Signal.parse("SIGKILL");  // SIGKILL (9)
 * Signal.parse("10");       // SIGUSR1
 * Signal.TERM.exitCode();   // 143, what a process killed by it reports
 * }</pre>
 */
public final class Signal implements Comparable<Signal> {
  private static final Map<Integer, Signal> BY_NUMBER = new LinkedHashMap<>();
  private static final Map<String, Signal> BY_NAME = new LinkedHashMap<>();

  /** {@code SIGHUP} (1). */
  public static final Signal HUP = define(1, "HUP");
  /** {@code SIGINT} (2). */
  public static final Signal INT = define(2, "INT");
  /** {@code SIGQUIT} (3). */
  public static final Signal QUIT = define(3, "QUIT");
  /** {@code SIGKILL} (9): cannot be caught or ignored. */
  public static final Signal KILL;
  /** {@code SIGUSR1} (10). */
  public static final Signal USR1;
  /** {@code SIGUSR2} (12). */
  public static final Signal USR2;
  /** {@code SIGTERM} (15): Docker's default stop signal. */
  public static final Signal TERM;
  /** {@code SIGWINCH} (28): ignored unless handled (Apache's graceful stop). */
  public static final Signal WINCH;

  static {
    define(4, "ILL");
    define(5, "TRAP");
    define(6, "ABRT");
    define(7, "BUS");
    define(8, "FPE");
    KILL = define(9, "KILL");
    USR1 = define(10, "USR1");
    define(11, "SEGV");
    USR2 = define(12, "USR2");
    define(13, "PIPE");
    define(14, "ALRM");
    TERM = define(15, "TERM");
    define(16, "STKFLT");
    define(17, "CHLD");
    define(18, "CONT");
    define(19, "STOP");
    define(20, "TSTP");
    define(21, "TTIN");
    define(22, "TTOU");
    define(23, "URG");
    define(24, "XCPU");
    define(25, "XFSZ");
    define(26, "VTALRM");
    define(27, "PROF");
    WINCH = define(28, "WINCH");
    define(29, "IO");
    define(30, "PWR");
    define(31, "SYS");
    BY_NAME.put("IOT", BY_NUMBER.get(6));
    BY_NAME.put("CLD", BY_NUMBER.get(17));
    BY_NAME.put("POLL", BY_NUMBER.get(29));
    define(34, "RTMIN");
    for (int i = 1; i <= 15; i++) {
      define(34 + i, "RTMIN+" + i);
    }
    for (int i = 14; i >= 1; i--) {
      define(64 - i, "RTMAX-" + i);
    }
    define(64, "RTMAX");
  }

  private final int number;
  private final String name;

  private Signal(int number, String name) {
    this.number = number;
    this.name = name;
  }

  private static Signal define(int number, String name) {
    Signal s = new Signal(number, name);
    BY_NUMBER.put(number, s);
    BY_NAME.put(name, s);
    return s;
  }

  /**
   * {@return the signal {@code raw} names, as the daemon parses it: a number other than 0, or a
   * name with or without {@code SIG}, in any case}
   *
   * @param raw what the user typed, such as {@code TERM}, {@code sigkill} or {@code 15}
   * @throws InvalidParameterException {@code invalid signal: X} for an unknown name or 0, and
   *     {@code the linux daemon does not support signal N} for a number Linux does not have
   */
  public static Signal parse(String raw) {
    try {
      int n = Integer.parseInt(raw);
      if (n == 0) {
        throw new InvalidParameterException("invalid signal: " + raw);
      }
      return of(n).orElseThrow(
          () -> new InvalidParameterException("the linux daemon does not support signal " + n));
    } catch (NumberFormatException e) {
      String key = raw.toUpperCase(Locale.ROOT);
      if (key.startsWith("SIG")) {
        key = key.substring(3);
      }
      Signal s = BY_NAME.get(key);
      if (s == null) {
        throw new InvalidParameterException("invalid signal: " + raw);
      }
      return s;
    }
  }

  /**
   * {@return the signal with Linux number {@code number}, or empty (32 and 33 are the C
   * library's, and there is none above 64)}
   *
   * @param number the signal number
   */
  public static Optional<Signal> of(int number) {
    return Optional.ofNullable(BY_NUMBER.get(number));
  }

  /** {@return every Linux signal, by number} */
  public static Map<Integer, Signal> all() {
    return Collections.unmodifiableMap(BY_NUMBER);
  }

  /** {@return the signal's number, for example 15 for {@code SIGTERM}} */
  public int number() {
    return number;
  }

  /** {@return the name without {@code SIG}, for example {@code TERM} or {@code RTMIN+3}} */
  public String name() {
    return name;
  }

  /**
   * {@return the exit code a process that this signal killed reports: 128 plus its number (143 for
   * {@code SIGTERM}, 137 for {@code SIGKILL})}
   */
  public int exitCode() {
    return 128 + number;
  }

  /**
   * {@return whether the kernel's default action for this signal is to ignore it ({@code CHLD},
   * {@code CONT}, {@code URG}, {@code WINCH}) or to stop the process ({@code STOP}, {@code TSTP},
   * {@code TTIN}, {@code TTOU}), which the model treats alike: the process keeps running}
   */
  public boolean ignoredByDefault() {
    switch (number) {
      case 17:
      case 18:
      case 19:
      case 20:
      case 21:
      case 22:
      case 23:
      case 28:
        return true;
      default:
        return false;
    }
  }

  @Override
  public int compareTo(Signal o) {
    return Integer.compare(number, o.number);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signal && ((Signal) o).number == number;
  }

  @Override
  public int hashCode() {
    return number;
  }

  /** {@return {@code SIG} and the name, for example {@code SIGTERM}} */
  @Override
  public String toString() {
    return "SIG" + name;
  }
}
