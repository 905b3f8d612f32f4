package dev.cnm.api.port;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import java.util.Locale;

/**
 * A transport protocol a port can be exposed and published on: Docker accepts exactly {@code tcp},
 * {@code udp} and {@code sctp} (go-connections {@code nat.validateProto}).
 *
 * <pre>{@code
 * PortProtocol p = PortProtocol.parse("UDP"); // UDP, printed "udp"
 * PortProtocol.parse("icmp");               // InvalidParameterException "Invalid proto: icmp"
 * }</pre>
 */
public enum PortProtocol {
  /** {@code tcp}, the default when a spec names no protocol. */
  TCP("tcp"),
  /** {@code udp}. */
  UDP("udp"),
  /** {@code sctp}. */
  SCTP("sctp");

  private final String text;

  PortProtocol(String text) {
    this.text = text;
  }

  /**
   * Parses a protocol name, case-insensitively as Docker does.
   *
   * @param text {@code tcp}, {@code udp} or {@code sctp}, in any case
   * @return the protocol
   * @throws InvalidParameterException {@code Invalid proto: <text>} for anything else
   */
  public static PortProtocol parse(String text) {
    requireNonNull(text, "text");
    switch (text.toLowerCase(Locale.ROOT)) {
      case "tcp":
        return TCP;
      case "udp":
        return UDP;
      case "sctp":
        return SCTP;
      default:
        throw new InvalidParameterException("Invalid proto: " + text);
    }
  }

  /** The lower-case name Docker prints: {@code tcp}, {@code udp} or {@code sctp}. */
  @Override
  public String toString() {
    return text;
  }
}
