package dev.cnm.core.format;

import dev.cnm.core.json.HumanDuration;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The docker CLI's (and go-units') text helpers, for code that must print what docker prints:
 * durations ({@code About a minute}), container status lines ({@code Exited (0) 2 hours ago}),
 * the PORTS column, short IDs and Go's {@code time.Time.String()}.
 *
 * <pre>{@code
 * DockerText.humanDuration(Duration.ofMinutes(5));                 // "5 minutes"
 * DockerText.truncateId("sha256:8d591b0b7dea080ea3be9e12ae56");     // "8d591b0b7dea"
 * DockerText.status(true, start, Instant.EPOCH, 0, now);            // "Up 5 minutes"
 * }</pre>
 */
public final class DockerText {
  private DockerText() {}

  /**
   * go-units HumanDuration: {@code Less than a second}, {@code 2 hours}, {@code 3 weeks}...
   *
   * @param d the duration
   * @return the duration as go-units' {@code HumanDuration} words it: {@code Less than a second},
   *     {@code 2 hours}, {@code 3 weeks}
   */
  public static String humanDuration(Duration d) {
    return HumanDuration.format(d);
  }

  /**
   * {@return the engine's container status text (moby {@code State.String()}), as the
   * {@code Status} field of {@code GET /containers/json} carries it} {@code Instant.EPOCH} or
   * earlier stands for Go's zero time (never started / never finished).
   *
   * @param running whether the container runs
   * @param startedAt when it last started
   * @param finishedAt when it last stopped
   * @param exitCode the exit code of its last run
   * @param now the time the status is worded as of
   */
  public static String status(boolean running, Instant startedAt, Instant finishedAt,
      int exitCode, Instant now) {
    requireNonNull(startedAt, "startedAt");
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(now, "now");
    if (running) {
      return "Up " + humanDuration(Duration.between(startedAt, now));
    }
    if (!startedAt.isAfter(Instant.EPOCH)) {
      return "Created";
    }
    if (!finishedAt.isAfter(Instant.EPOCH)) {
      return "";
    }
    return "Exited (" + exitCode + ") " + humanDuration(Duration.between(finishedAt, now)) + " ago";
  }

  /**
   * stringid.TruncateID: drops an algorithm prefix ({@code sha256:}), keeps 12 characters.
   *
   * @param id an id, with or without an algorithm prefix
   * @return the id as {@code stringid.TruncateID} shortens it: without an algorithm prefix
   *     ({@code sha256:}), at most 12 characters
   */
  public static String truncateId(String id) {
    requireNonNull(id, "id");
    int i = id.indexOf(':');
    if (i >= 0) {
      id = id.substring(i + 1);
    }
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  /**
   * formatter.Ellipsis: cuts to a display width and appends {@code …}.
   *
   * @param s the text
   * @param maxDisplayWidth the widest the result may be, in display columns
   * @return the text as {@code formatter.Ellipsis} cuts it: at most {@code maxDisplayWidth} wide,
   *     ending in {@code …} when cut
   */
  public static String ellipsis(String s, int maxDisplayWidth) {
    requireNonNull(s, "s");
    if (maxDisplayWidth <= 0) {
      return "";
    }
    int[] rs = s.codePoints().toArray();
    if (maxDisplayWidth == 1) {
      return rs.length == 0 ? "" : new String(rs, 0, 1);
    }
    int displayWidth = 0;
    int[] display = new int[rs.length];
    for (int i = 0; i < rs.length; i++) {
      displayWidth += runeWidth(rs[i]);
      display[i] = displayWidth;
    }
    if (displayWidth <= maxDisplayWidth) {
      return s;
    }
    for (int i = 0; i + 1 < display.length; i++) {
      if (display[i] <= maxDisplayWidth - 1 && display[i + 1] > maxDisplayWidth - 1) {
        return new String(rs, 0, i + 1) + "…";
      }
    }
    if (display.length > 0 && display[0] > maxDisplayWidth - 1) {
      return "…";
    }
    return s;
  }

  /** East Asian wide runes count 2 (go-runewidth, approximated), combining marks 0. */
  private static int runeWidth(int r) {
    int type = Character.getType(r);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || r == 0) {
      return 0;
    }
    if ((r >= 0x1100 && r <= 0x115F) || (r >= 0x2E80 && r <= 0xA4CF) || (r >= 0xAC00 && r <= 0xD7A3)
        || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) || (r >= 0xFF00 && r <= 0xFF60)
        || (r >= 0xFFE0 && r <= 0xFFE6) || (r >= 0x1F300 && r <= 0x1F64F)
        || (r >= 0x1F900 && r <= 0x1F9FF) || (r >= 0x20000 && r <= 0x3FFFD)) {
      return 2;
    }
    return 1;
  }

  /**
   * {@return the PORTS column (formatter.DisplayablePorts) from a {@code /containers/json} item's
   * {@code Ports} array: ports sorted by (private port, IP, public port, type); exposed-only ports
   * as {@code 80/tcp}; bindings whose public port equals the private one merged into ranges per IP
   * and type ({@code 0.0.0.0:9000-9002->9000-9002/tcp}); other bindings last
   * ({@code [::]:8080->80/tcp}); joined with {@code ", "}}
   *
   * @param ports the item's {@code Ports} array
   */
  public static String displayablePorts(JsonNode ports) {
    if (ports == null || !ports.isArray()) {
      return "";
    }
    final class Port {
      final String ip;
      final int privatePort;
      final int publicPort;
      final String type;

      Port(JsonNode p) {
        this.ip = p.path("IP").asText("");
        this.privatePort = p.path("PrivatePort").asInt(0) & 0xffff;
        this.publicPort = p.path("PublicPort").asInt(0) & 0xffff;
        this.type = p.path("Type").asText("");
      }
    }
    List<Port> list = new ArrayList<>();
    for (JsonNode p : ports) {
      list.add(new Port(p));
    }
    list.sort(Comparator.<Port>comparingInt(p -> p.privatePort)
        .thenComparing((a, b) -> compareBytes(a.ip, b.ip))
        .thenComparingInt(p -> p.publicPort)
        .thenComparing((a, b) -> compareBytes(a.type, b.type)));
    Map<String, int[]> groupMap = new LinkedHashMap<>();
    List<String> groupMapKeys = new ArrayList<>();
    List<String> result = new ArrayList<>();
    List<String> hostMappings = new ArrayList<>();
    for (Port port : list) {
      int current = port.privatePort;
      String portKey = port.type;
      if (!port.ip.isEmpty()) {
        if (port.publicPort != current) {
          hostMappings.add(joinHostPort(port.ip, Integer.toString(port.publicPort)) + "->"
              + port.privatePort + "/" + port.type);
          continue;
        }
        portKey = port.ip + "/" + port.type;
      }
      int[] group = groupMap.get(portKey);
      if (group == null) {
        groupMap.put(portKey, new int[] {current, current});
        groupMapKeys.add(portKey);
        continue;
      }
      if (current == ((group[1] + 1) & 0xffff)) {
        group[1] = current;
        continue;
      }
      result.add(formGroup(portKey, group[0], group[1]));
      groupMap.put(portKey, new int[] {current, current});
    }
    for (String key : groupMapKeys) {
      int[] g = groupMap.get(key);
      result.add(formGroup(key, g[0], g[1]));
    }
    result.addAll(hostMappings);
    return String.join(", ", result);
  }

  private static int compareBytes(String a, String b) {
    return a.compareTo(b);
  }

  private static String formGroup(String key, int start, int last) {
    String[] parts = key.split("/", -1);
    String groupType = parts[0];
    String ip = "";
    if (parts.length > 1) {
      ip = parts[0];
      groupType = parts[1];
    }
    String group = Integer.toString(start);
    if (start != last) {
      group = group + "-" + last;
    }
    if (!ip.isEmpty()) {
      group = joinHostPort(ip, group) + "->" + group;
    }
    return group + "/" + groupType;
  }

  /** net.JoinHostPort: brackets hosts containing a colon. */
  static String joinHostPort(String host, String port) {
    if (host.indexOf(':') >= 0) {
      return "[" + host + "]:" + port;
    }
    return host + ":" + port;
  }

  private static final DateTimeFormatter GO_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /**
   * Go's {@code time.Time.String()} of an RFC 3339 timestamp as the engine sends it ({@code
   * 2025-06-02T09:13:58.725856123Z} becomes {@code 2025-06-02 09:13:58.725856123 +0000 UTC}); a
   * missing or unparsable value is Go's zero time.
   *
   * @param rfc3339 the timestamp, or null
   * @return the timestamp as Go's {@code time.Time.String()} prints it
   */
  public static String goTimeString(String rfc3339) {
    OffsetDateTime t;
    try {
      t = rfc3339 == null || rfc3339.isEmpty() ? null : OffsetDateTime.parse(rfc3339);
    } catch (RuntimeException e) {
      t = null;
    }
    if (t == null) {
      return "0001-01-01 00:00:00 +0000 UTC";
    }
    return goTimeString(t);
  }

  /**
   * Go's {@code time.Time.String()} of an instant in UTC.
   *
   * @param instant the instant
   * @return the instant as Go's {@code time.Time.String()} prints it in UTC
   */
  public static String goTimeString(Instant instant) {
    requireNonNull(instant, "instant");
    return goTimeString(instant.atOffset(ZoneOffset.UTC));
  }

  private static String goTimeString(OffsetDateTime t) {
    StringBuilder sb = new StringBuilder(GO_TIME.format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    int off = t.getOffset().getTotalSeconds();
    String sign = off < 0 ? "-" : "+";
    int abs = Math.abs(off);
    String hhmm = String.format("%s%02d%02d", sign, abs / 3600, (abs / 60) % 60);
    sb.append(' ').append(hhmm).append(' ').append(off == 0 ? "UTC" : hhmm);
    return sb.toString();
  }

  /** jsonmessage's {@code RFC3339NanoFixed}: nine digits of nanoseconds, always. */
  private static final DateTimeFormatter RFC3339_NANO_FIXED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX");

  /**
   * {@return the line {@code docker events} prints for an event without {@code --format} (the
   * CLI's {@code prettyPrintEvent}): its time in {@code zone} with nine fractional digits, type,
   * action, actor id, and the attributes sorted by key in parentheses, then a newline}
   *
   * <pre>{@code
   * 2025-06-02T09:00:00.000000000Z container start 4a5b... (image=nginx, name=web)
   * }</pre>
   *
   * @param event the event
   * @param zone the terminal's time zone (the CLI prints local time)
   */
  public static String eventLine(dev.cnm.api.event.Event event, java.time.ZoneId zone) {
    requireNonNull(event, "event");
    requireNonNull(zone, "zone");
    StringBuilder sb = new StringBuilder();
    sb.append(RFC3339_NANO_FIXED.format(event.time().atZone(zone))).append(' ')
        .append(event.type()).append(' ').append(event.action()).append(' ').append(event.actorId());
    if (!event.attributes().isEmpty()) {
      List<String> keys = new ArrayList<>(event.attributes().keySet());
      keys.sort(Comparator.naturalOrder());
      StringBuilder attrs = new StringBuilder();
      for (String k : keys) {
        if (attrs.length() > 0) {
          attrs.append(", ");
        }
        attrs.append(k).append('=').append(event.attributes().get(k));
      }
      sb.append(" (").append(attrs).append(')');
    }
    return sb.append('\n').toString();
  }

  /** fvbommel/sortorder NaturalLess, which {@code docker network ls} sorts names with. */
  static int naturalCompare(String s1, String s2) {
    if (naturalLess(s1, s2)) {
      return -1;
    }
    return naturalLess(s2, s1) ? 1 : 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean naturalLess(String str1, String str2) {
    int idx1 = 0;
    int idx2 = 0;
    while (idx1 < str1.length() && idx2 < str2.length()) {
      char c1 = str1.charAt(idx1);
      char c2 = str2.charAt(idx2);
      boolean dig1 = isDigit(c1);
      boolean dig2 = isDigit(c2);
      if (dig1 != dig2) {
        return dig1;
      } else if (!dig1) {
        if (c1 != c2) {
          return c1 < c2;
        }
        idx1++;
        idx2++;
      } else {
        while (idx1 < str1.length() && str1.charAt(idx1) == '0') {
          idx1++;
        }
        while (idx2 < str2.length() && str2.charAt(idx2) == '0') {
          idx2++;
        }
        int nonZero1 = idx1;
        int nonZero2 = idx2;
        while (idx1 < str1.length() && isDigit(str1.charAt(idx1))) {
          idx1++;
        }
        while (idx2 < str2.length() && isDigit(str2.charAt(idx2))) {
          idx2++;
        }
        int len1 = idx1 - nonZero1;
        int len2 = idx2 - nonZero2;
        if (len1 != len2) {
          return len1 < len2;
        }
        String nr1 = str1.substring(nonZero1, idx1);
        String nr2 = str2.substring(nonZero2, idx2);
        if (!nr1.equals(nr2)) {
          return nr1.compareTo(nr2) < 0;
        }
        if (nonZero1 != nonZero2) {
          return nonZero1 < nonZero2;
        }
      }
    }
    return str1.length() < str2.length();
  }
}
