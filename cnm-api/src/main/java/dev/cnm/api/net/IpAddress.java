package dev.cnm.api.net;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An IPv4 or IPv6 address, without a zone. Printed the way Go's {@code netip.Addr} prints it:
 * dotted quad for IPv4, RFC 5952 (lower case, longest run of zeros compressed) for IPv6.
 *
 * <p>Parsing is strict, as Go's is: no leading zeros in IPv4 fields, no zones, no brackets. Use
 * {@link #parse} where bad input is a caller's mistake, {@link #tryParse} or {@link #isValid}
 * where it is user input that needs Docker's own message.
 *
 * <p>Immutable. Only this class makes instances (it is sealed): an IPv4 address is a 16-byte
 * object holding its 32 bits, half the size of an IPv6 one, since allocators hand out and engines
 * keep mostly IPv4 addresses. Compare with {@link #equals}, never with {@code ==}.
 *
 * <pre>{@code
 * IpAddress a = IpAddress.parse("172.17.0.2");
 * IpAddress b = a.plus(1);                 // 172.17.0.3
 * IpAddress.isValid("300.1.1.1");          // false
 * IpAddress.parse("2001:DB8::1").toString(); // "2001:db8::1"
 * }</pre>
 */
public abstract sealed class IpAddress implements Comparable<IpAddress> {
  /** {@code 0.0.0.0}. */
  public static final IpAddress ANY_V4 = new V4(0);
  /** {@code ::}. */
  public static final IpAddress ANY_V6 = new V6(0, 0);

  /** Only the two forms below. */
  private IpAddress() {}

  /** An IPv4 address: its 32 bits. */
  private static final class V4 extends IpAddress {
    private final int bits;

    V4(int bits) {
      this.bits = bits;
    }
  }

  /** An IPv6 address: its high and low 64 bits. */
  private static final class V6 extends IpAddress {
    private final long hi;
    private final long lo;

    V6(long hi, long lo) {
      this.hi = hi;
      this.lo = lo;
    }
  }

  /**
   * {@return the IPv4 address whose 32 bits are {@code bits}}
   *
   * @param bits the address's 32 bits, most significant first
   */
  public static IpAddress ofV4(int bits) {
    return new V4(bits);
  }

  /**
   * {@return the IPv6 address whose high and low 64 bits are given}
   *
   * @param high the address's high 64 bits
   * @param low the address's low 64 bits
   */
  public static IpAddress ofV6(long high, long low) {
    return new V6(high, low);
  }

  /**
   * {@return the address of 4 (IPv4) or 16 (IPv6) bytes in network order}
   *
   * @param bytes 4 or 16 bytes, most significant first; the array is copied
   */
  public static IpAddress ofBytes(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    checkArgument(bytes.length == 4 || bytes.length == 16, "an IP address has 4 or 16 bytes, not %s", bytes.length);
    if (bytes.length == 4) {
      return ofV4(((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF));
    }
    long h = 0;
    long l = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (bytes[i] & 0xFF);
      l = (l << 8) | (bytes[i + 8] & 0xFF);
    }
    return ofV6(h, l);
  }

  /**
   * Parses an address literal.
   *
   * @param text an IPv4 literal such as {@code 172.18.0.2} or an IPv6 one such as {@code fd00::2}
   * @return the address
   * @throws IllegalArgumentException if {@code text} is not an IPv4 or IPv6 literal
   */
  public static IpAddress parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP string literal."));
  }

  /**
   * {@return whether {@code text} is an IPv4 or IPv6 literal that {@link #parse} accepts}
   *
   * @param text any text
   */
  public static boolean isValid(String text) {
    return tryParse(text).isPresent();
  }

  /**
   * Parses an address literal, or returns empty for anything else (never throws for bad text).
   *
   * @param text any text
   * @return the address, or empty when {@code text} is not an address literal
   */
  public static Optional<IpAddress> tryParse(String text) {
    requireNonNull(text, "text");
    if (text.indexOf(':') >= 0) {
      return parseV6(text);
    }
    long v = parseV4Bits(text, 0, text.length());
    return v < 0 ? Optional.empty() : Optional.of(ofV4((int) v));
  }

  /** Parses dotted-quad text in [from, to); returns -1 when invalid. */
  private static long parseV4Bits(String s, int from, int to) {
    long result = 0;
    int fields = 0;
    int i = from;
    while (true) {
      int start = i;
      int value = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3 || value > 255) {
          return -1;
        }
      }
      int len = i - start;
      if (len == 0 || (len > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      result = (result << 8) | value;
      fields++;
      if (i == to) {
        break;
      }
      if (s.charAt(i) != '.' || fields == 4) {
        return -1;
      }
      i++;
    }
    return fields == 4 ? result : -1;
  }

  private static Optional<IpAddress> parseV6(String s) {
    int[] groups = new int[8];
    int n = 0;
    int ellipsis = -1;
    int i = 0;
    int len = s.length();
    if (len >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      i = 2;
      if (i == len) {
        return Optional.of(ANY_V6);
      }
    }
    while (i < len) {
      int start = i;
      int value = 0;
      while (i < len && Character.digit(s.charAt(i), 16) >= 0 && i - start < 4) {
        value = (value << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i == start) {
        return Optional.empty();
      }
      if (i < len && s.charAt(i) == '.') {
        // An embedded IPv4 address ends the literal.
        if (n > 6) {
          return Optional.empty();
        }
        long v4 = parseV4Bits(s, start, len);
        if (v4 < 0) {
          return Optional.empty();
        }
        groups[n++] = (int) (v4 >>> 16);
        groups[n++] = (int) (v4 & 0xFFFF);
        i = len;
        break;
      }
      if (i < len && Character.digit(s.charAt(i), 16) >= 0) {
        return Optional.empty(); // a group of more than four digits
      }
      if (n == 8) {
        return Optional.empty();
      }
      groups[n++] = value;
      if (i == len) {
        break;
      }
      if (s.charAt(i) != ':') {
        return Optional.empty();
      }
      i++;
      if (i < len && s.charAt(i) == ':') {
        if (ellipsis >= 0) {
          return Optional.empty();
        }
        ellipsis = n;
        i++;
        if (i == len) {
          break;
        }
      } else if (i == len) {
        return Optional.empty(); // a trailing single colon
      }
    }
    if (ellipsis >= 0) {
      if (n == 8) {
        return Optional.empty();
      }
      int shift = 8 - n;
      for (int j = n - 1; j >= ellipsis; j--) {
        groups[j + shift] = groups[j];
      }
      for (int j = ellipsis; j < ellipsis + shift; j++) {
        groups[j] = 0;
      }
    } else if (n != 8) {
      return Optional.empty();
    }
    long h = 0;
    long l = 0;
    for (int j = 0; j < 4; j++) {
      h = (h << 16) | groups[j];
      l = (l << 16) | groups[j + 4];
    }
    return Optional.of(ofV6(h, l));
  }

  /** {@return whether this is an IPv4 address} */
  public final boolean isV4() {
    return this instanceof V4;
  }

  /** {@return whether this is an IPv6 address} */
  public final boolean isV6() {
    return this instanceof V6;
  }

  /**
   * 32 for IPv4, 128 for IPv6.
   *
   * @return the number of bits: 32 for IPv4, 128 for IPv6
   */
  public final int bitLength() {
    return this instanceof V4 ? 32 : 128;
  }

  /** {@return the 32 bits of an IPv4 address} */
  public final int v4Bits() {
    checkArgument(this instanceof V4, "%s is not an IPv4 address", this);
    return ((V4) this).bits;
  }

  /** {@return the high 64 bits (IPv6) or 0 (IPv4)} */
  public final long high() {
    return this instanceof V4 ? 0 : ((V6) this).hi;
  }

  /** {@return the low 64 bits (IPv6) or the 32 bits as an unsigned value (IPv4)} */
  public final long low() {
    return this instanceof V4 ? ((V4) this).bits & 0xFFFF_FFFFL : ((V6) this).lo;
  }

  /** {@return the address in network byte order: 4 or 16 bytes} */
  public final byte[] toBytes() {
    long hi = high();
    long lo = low();
    if (this instanceof V4) {
      return new byte[] {(byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[i + 8] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  /**
   * {@code 0.0.0.0} or {@code ::}.
   *
   * @return whether this is the unspecified address, {@code 0.0.0.0} or {@code ::}
   */
  public final boolean isUnspecified() {
    return this instanceof V4 ? ((V4) this).bits == 0 : ((V6) this).hi == 0 && ((V6) this).lo == 0;
  }

  /**
   * {@code 127.0.0.0/8} or {@code ::1}.
   *
   * @return whether this is a loopback address, in {@code 127.0.0.0/8} or {@code ::1}
   */
  public final boolean isLoopback() {
    return this instanceof V4 ? (((V4) this).bits >>> 24) == 127 : high() == 0 && low() == 1;
  }

  /**
   * {@code 169.254.0.0/16} or {@code fe80::/10}.
   *
   * @return whether this is a link-local unicast address, in {@code 169.254.0.0/16} or
   *     {@code fe80::/10}
   */
  public final boolean isLinkLocalUnicast() {
    return this instanceof V4 ? (((V4) this).bits >>> 16) == 0xA9FE : (high() >>> 54) == (0xFE80L >>> 6);
  }

  /** {@return the unspecified address of this address's family} */
  public final IpAddress unspecified() {
    return this instanceof V4 ? ANY_V4 : ANY_V6;
  }

  /**
   * {@return the address {@code delta} places after (or before, when negative) this one, wrapping
   * within the family's address space}
   *
   * @param delta how many addresses to move: forward when positive, back when negative
   */
  public final IpAddress plus(long delta) {
    if (this instanceof V4) {
      return new V4((int) (((V4) this).bits + delta));
    }
    long lo = low();
    long l = lo + delta;
    long h = high();
    if (delta >= 0 && Long.compareUnsigned(l, lo) < 0) {
      h++;
    } else if (delta < 0 && Long.compareUnsigned(l, lo) > 0) {
      h--;
    }
    return new V6(h, l);
  }

  @Override
  public final int compareTo(IpAddress o) {
    if (this instanceof V4) {
      return o instanceof V4 ? Integer.compareUnsigned(((V4) this).bits, ((V4) o).bits) : -1;
    }
    if (o instanceof V4) {
      return 1;
    }
    int c = Long.compareUnsigned(high(), o.high());
    return c != 0 ? c : Long.compareUnsigned(low(), o.low());
  }

  @Override
  public final boolean equals(Object o) {
    if (this instanceof V4) {
      return o instanceof V4 && ((V4) o).bits == ((V4) this).bits;
    }
    return o instanceof V6 && ((V6) o).hi == ((V6) this).hi && ((V6) o).lo == ((V6) this).lo;
  }

  @Override
  public final int hashCode() {
    return this instanceof V4 ? Long.hashCode(((V4) this).bits & 0xFFFF_FFFFL)
        : Long.hashCode(high() * 31 + low()) ^ 1;
  }

  @Override
  public final String toString() {
    long hi = high();
    long lo = low();
    if (this instanceof V4) {
      return (lo >>> 24) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
    }
    int[] g = new int[8];
    for (int i = 0; i < 4; i++) {
      g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
      g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
    }
    // RFC 5952: compress the longest run (of at least two) of zero groups, the first if tied.
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb.toString();
  }
}
