package dev.cnm.cli;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.core.filter.FilterArgs;
import dev.cnm.core.template.Template;
import dev.cnm.core.template.TemplateFunctions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The docker CLI's parsing of flag values that several commands share. */
final class Inputs {
  private Inputs() {}

  /** {@code key=value} items ({@code --label}, {@code -o}): a bare key has the empty value. */
  static Map<String, String> keyValues(List<String> items) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String s : items) {
      int eq = s.indexOf('=');
      m.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
    }
    return m;
  }

  /**
   * {@code --filter} flags, as the docker CLI reads them before it calls the daemon.
   *
   * @param display the flag as pflag names it in errors ({@code -f, --filter})
   * @throws UsageException {@code invalid argument "x" for "-f, --filter" flag: bad format of
   *     filter (expected name=value)}
   */
  static FilterArgs filters(List<String> flags, String display) {
    FilterArgs.Builder b = FilterArgs.builder();
    for (String f : flags) {
      try {
        b.addFlag(f);
      } catch (InvalidParameterException e) {
        throw new UsageException("invalid argument \"" + f + "\" for \"" + display + "\" flag: " + e.getMessage());
      }
    }
    return b.build();
  }

  static IpAddress parseIp(String text) {
    return IpAddress.tryParse(text).orElseThrow(() -> new ClientError("invalid IP address: " + text));
  }

  static MacAddress parseMac(String text) {
    return MacAddress.tryParse(text).orElseThrow(() -> new ClientError(text + " is not a valid mac address"));
  }

  /** A {@code --format} template with the docker CLI's functions. */
  static Template template(String text) {
    return Template.parse(text, TemplateFunctions.docker());
  }

  /** The format of {@code ps} and {@code network ls}: {@code --format}, else {@code -q}: IDs, else the table. */
  static String listFormat(Args a) {
    if (a.given("--format")) {
      return a.get("--format");
    }
    return a.has("-q") ? "{{.ID}}" : "table"; // of("table") is the default table
  }

  /** One line of {@code in} (standard input), for a confirmation prompt; empty at its end. */
  static String readLine(java.io.InputStream in) {
    try {
      StringBuilder sb = new StringBuilder();
      int ch;
      while ((ch = in.read()) >= 0 && ch != '\n') {
        sb.append((char) ch);
      }
      return sb.toString();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
