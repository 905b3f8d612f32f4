package dev.cnm.core.filter;

import dev.cnm.api.error.SystemException;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code publish} and {@code expose} filters' values, as moby's {@code portOp} reads them:
 * {@code PORT[/PROTO]} or {@code START-END[/PROTO]}, tcp by default, expanded into the set of
 * {@code port/proto} keys they cover.
 */
final class PortFilter {
  private final Set<String> keys = new HashSet<>();

  private PortFilter() {}

  /**
   * The ports every value of {@code key} names; empty without the key.
   *
   * @throws SystemException for a value with a colon or a bad port or range; moby returns these
   *     errors untyped, which its API answers with 500
   */
  static PortFilter of(FilterArgs filters, String key) {
    PortFilter f = new PortFilter();
    for (String value : filters.get(key)) {
      f.add(key, value);
    }
    return f;
  }

  private void add(String key, String value) {
    if (value.contains(":")) {
      throw new SystemException("filter for '" + key + "' should not contain ':': " + value);
    }
    // nat.SplitProtoPort: "80" is 80/tcp, "80/" too, "/udp" is nothing.
    String[] parts = value.split("/", -1);
    String proto;
    String port;
    if (value.isEmpty() || parts[0].isEmpty()) {
      proto = "";
      port = "";
    } else if (parts.length == 1) {
      proto = "tcp";
      port = value;
    } else {
      proto = parts[1].isEmpty() ? "tcp" : parts[1];
      port = parts[0];
    }
    long start;
    long end;
    try {
      // nat.ParsePortRange: one port, or START-END (anything after a second dash is ignored).
      if (port.isEmpty()) {
        throw new SystemException("error while looking up for " + key + " " + value
            + ": empty string specified for ports");
      }
      if (!port.contains("-")) {
        start = GoText.parseUint(port, 16);
        end = start;
      } else {
        String[] range = port.split("-", -1);
        start = GoText.parseUint(range[0], 16);
        end = GoText.parseUint(range[1], 16);
        if (end < start) {
          throw new SystemException("error while looking up for " + key + " " + value
              + ": invalid range specified for port: " + port);
        }
      }
    } catch (GoText.NumError e) {
      throw new SystemException("error while looking up for " + key + " " + value + ": " + e.getMessage());
    }
    for (long p = start; p <= end; p++) {
      keys.add(p + "/" + proto);
    }
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  boolean contains(int port, String proto) {
    return keys.contains(port + "/" + proto);
  }
}
