package dev.cnm.api.net;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A 48-bit Ethernet MAC address, printed as Docker prints it: six lower-case hex pairs joined by
 * colons.
 *
 * <pre>{@code
 * MacAddress m = MacAddress.parse("02:42:AC:11:00:02");
 * m.toString();                                  // "02:42:ac:11:00:02"
 * MacAddress r = MacAddress.randomLocallyAdministered(new Random(42));
 * r.isLocallyAdministered();                     // true
 * }</pre>
 */
public final class MacAddress {
  private final long bits;

  private MacAddress(long bits) {
    this.bits = bits & 0xFFFF_FFFF_FFFFL;
  }

  /**
   * {@return the MAC address whose 48 bits are the low bits of {@code bits}}
   *
   * @param bits the address in the low 48 bits; the high 16 are ignored
   */
  public static MacAddress of(long bits) {
    return new MacAddress(bits);
  }

  /**
   * Parses six hex pairs separated by {@code :} or {@code -}.
   *
   * @param text such as {@code 02:42:ac:11:00:02}
   * @return the address
   * @throws IllegalArgumentException if {@code text} is not such a MAC address
   */
  public static MacAddress parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a MAC address."));
  }

  /**
   * {@return whether {@code text} is a MAC address {@link #parse} accepts}
   *
   * @param text any text
   */
  public static boolean isValid(String text) {
    return tryParse(text).isPresent();
  }

  /**
   * Parses a MAC address, or returns empty (never throws for bad text).
   *
   * @param text any text
   * @return the address, or empty when {@code text} is not a MAC address
   */
  public static Optional<MacAddress> tryParse(String text) {
    requireNonNull(text, "text");
    if (text.length() != 17) {
      return Optional.empty();
    }
    char sep = text.charAt(2);
    if (sep != ':' && sep != '-') {
      return Optional.empty();
    }
    long v = 0;
    for (int i = 0; i < 6; i++) {
      int p = i * 3;
      int a = Character.digit(text.charAt(p), 16);
      int b = Character.digit(text.charAt(p + 1), 16);
      if (a < 0 || b < 0 || (i < 5 && text.charAt(p + 2) != sep)) {
        return Optional.empty();
      }
      v = (v << 8) | (a << 4) | b;
    }
    return Optional.of(new MacAddress(v));
  }

  /**
   * {@return a random unicast, locally administered address, as Docker 28's bridge driver assigns
   * (moby/moby#48808): random bytes with the multicast bit cleared and the local bit set}
   *
   * @param random the random source, the engine's for a deterministic address
   */
  public static MacAddress randomLocallyAdministered(RandomGenerator random) {
    long v = random.nextLong() & 0xFFFF_FFFF_FFFFL;
    v &= ~(1L << 40); // unicast
    v |= 1L << 41; // locally administered
    return new MacAddress(v);
  }

  /** {@return the 48 bits} */
  public long bits() {
    return bits;
  }

  /** {@return whether the locally-administered bit is set} */
  public boolean isLocallyAdministered() {
    return (bits & (1L << 41)) != 0;
  }

  /** {@return whether the multicast bit is set} */
  public boolean isMulticast() {
    return (bits & (1L << 40)) != 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MacAddress && ((MacAddress) o).bits == bits;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bits);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(17);
    for (int i = 5; i >= 0; i--) {
      int b = (int) (bits >>> (8 * i)) & 0xFF;
      sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
      if (i > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
