package dev.cnm.api.host;

/**
 * libnetwork's generated veth names ({@code netutils.GenerateIfaceName("veth", 7)}: {@code veth}
 * and 7 lower-case hex digits) as their number, 0 to 2^28 - 1. A host holds two such names per
 * running container on a bridge network; as an {@code int} each costs 4 bytes instead of a
 * 56-byte {@code String}, and the text is made again when asked for.
 *
 * <pre>{@code
 * VethName.number("veth00a1b2c"); // 0xa1b2c
 * VethName.number("eth0");        // -1: not a generated veth name
 * VethName.text(0xa1b2c);         // "veth00a1b2c"
 * }</pre>
 */
public final class VethName {
  /** The prefix of every generated name. */
  public static final String PREFIX = "veth";
  /** The number of hex digits after the prefix. */
  public static final int DIGITS = 7;

  private VethName() {}

  /**
   * {@return the number of a generated veth name, or -1 when {@code name} is not {@code veth} and
   * exactly 7 lower-case hex digits (so that {@link #text} gives back the same string)}
   *
   * @param name an interface name
   */
  public static int number(String name) {
    if (name.length() != PREFIX.length() + DIGITS || !name.startsWith(PREFIX)) {
      return -1;
    }
    int n = 0;
    for (int i = PREFIX.length(); i < name.length(); i++) {
      char ch = name.charAt(i);
      int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      n = n << 4 | d;
    }
    return n;
  }

  /**
   * {@return {@code veth} and {@code n} as 7 lower-case hex digits}
   *
   * @param n a number from 0 to 2^28 - 1
   */
  public static String text(int n) {
    if (n < 0 || n >= 1 << (4 * DIGITS)) {
      throw new IllegalArgumentException("veth number " + n + " out of range");
    }
    byte[] c = new byte[PREFIX.length() + DIGITS];
    for (int i = 0; i < PREFIX.length(); i++) {
      c[i] = (byte) PREFIX.charAt(i);
    }
    for (int i = c.length - 1, v = n; i >= PREFIX.length(); i--, v >>>= 4) {
      c[i] = (byte) Character.forDigit(v & 0xF, 16);
    }
    return new String(c, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
