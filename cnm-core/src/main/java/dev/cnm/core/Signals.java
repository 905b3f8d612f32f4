package dev.cnm.core;

import java.util.Locale;
import java.util.Set;

/** moby/sys/signal's {@code ParseSignal} on Linux: a signal number other than 0, or a name with or without {@code SIG}. */
final class Signals {
  private static final Set<String> NAMES = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL",
      "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM",
      "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMIN+1",
      "RTMIN+2", "RTMIN+3", "RTMIN+4", "RTMIN+5", "RTMIN+6", "RTMIN+7", "RTMIN+8", "RTMIN+9", "RTMIN+10", "RTMIN+11",
      "RTMIN+12", "RTMIN+13", "RTMIN+14", "RTMIN+15", "RTMAX-14", "RTMAX-13", "RTMAX-12", "RTMAX-11", "RTMAX-10",
      "RTMAX-9", "RTMAX-8", "RTMAX-7", "RTMAX-6", "RTMAX-5", "RTMAX-4", "RTMAX-3", "RTMAX-2", "RTMAX-1", "RTMAX");

  private Signals() {}

  /** Whether {@code raw} names a signal ({@code invalid signal: x} otherwise). */
  static boolean isValid(String raw) {
    try {
      return Integer.parseInt(raw) != 0;
    } catch (NumberFormatException e) {
      String name = raw.toUpperCase(Locale.ROOT);
      return NAMES.contains(name.startsWith("SIG") ? name.substring(3) : name);
    }
  }
}
