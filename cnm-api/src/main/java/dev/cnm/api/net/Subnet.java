package dev.cnm.api.net;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An IP prefix in CIDR notation, {@code address/prefixLength}, as Docker takes it from
 * {@code --subnet}, {@code --ip-range} and {@code --bip}. The address is kept as written, so a
 * value with host bits set ({@code 10.1.2.3/16}) can be reported the way Docker reports it;
 * {@link #isCanonical()} and {@link #canonical()} tell and fix that.
 *
 * <pre>{@code
 * Subnet s = Subnet.parse("172.18.0.0/16");
 * s.contains(IpAddress.parse("172.18.0.2")); // true
 * s.addressAt(1);                            // 172.18.0.1
 * s.overlaps(Subnet.parse("172.18.5.0/24")); // true
 * }</pre>
 */
public final class Subnet implements Comparable<Subnet> {
  private final IpAddress address;
  private final int prefixLength;

  private Subnet(IpAddress address, int prefixLength) {
    this.address = address;
    this.prefixLength = prefixLength;
  }

  /**
   * {@return the prefix of {@code address} with {@code prefixLength} leading bits}
   *
   * @param address the address, whose host bits are kept as written
   * @param prefixLength the number of leading network bits
   * @throws IllegalArgumentException if the length is negative or longer than the address
   */
  public static Subnet of(IpAddress address, int prefixLength) {
    requireNonNull(address, "address");
    checkArgument(prefixLength >= 0 && prefixLength <= address.bitLength(),
        "prefix length %s is out of range for %s", prefixLength, address);
    return new Subnet(address, prefixLength);
  }

  /**
   * Parses {@code address/length}.
   *
   * @param text a CIDR literal such as {@code 172.18.0.0/16} or {@code fd00::/64}
   * @return the prefix, with the address's host bits kept as written
   * @throws IllegalArgumentException if {@code text} is not a CIDR literal
   */
  public static Subnet parse(String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a CIDR string literal."));
  }

  /**
   * {@return whether {@code text} is a CIDR literal that {@link #parse} accepts}
   *
   * @param text any text
   */
  public static boolean isValid(String text) {
    return tryParse(text).isPresent();
  }

  /**
   * Parses {@code address/length}, or returns empty for anything else (never throws for bad text).
   *
   * @param text any text
   * @return the prefix, or empty when {@code text} is not a CIDR literal
   */
  public static Optional<Subnet> tryParse(String text) {
    requireNonNull(text, "text");
    int slash = text.indexOf('/');
    if (slash < 0 || slash == text.length() - 1 || text.length() - slash > 4) {
      return Optional.empty();
    }
    String bits = text.substring(slash + 1);
    if (!bits.chars().allMatch(c -> c >= '0' && c <= '9') || (bits.length() > 1 && bits.charAt(0) == '0')) {
      return Optional.empty();
    }
    int length = Integer.parseInt(bits);
    return IpAddress.tryParse(text.substring(0, slash))
        .filter(a -> length <= a.bitLength())
        .map(a -> new Subnet(a, length));
  }

  /** {@return the address as written} */
  public IpAddress address() {
    return address;
  }

  /** {@return the number of leading network bits} */
  public int prefixLength() {
    return prefixLength;
  }

  /** {@return the number of host bits: 32 or 128 minus the prefix length} */
  public int hostBits() {
    return address.bitLength() - prefixLength;
  }

  /** {@return whether this is an IPv4 prefix} */
  public boolean isV4() {
    return address.isV4();
  }

  /** {@return whether this is an IPv6 prefix} */
  public boolean isV6() {
    return address.isV6();
  }

  /** {@return the network address: the address with every host bit cleared} */
  public IpAddress network() {
    if (address.isV4()) {
      long mask = prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
      return IpAddress.ofV4((int) (address.low() & mask));
    }
    return IpAddress.ofV6(address.high() & highMask(prefixLength), address.low() & lowMask(prefixLength));
  }

  /** {@return the last address of the prefix (the IPv4 broadcast address)} */
  public IpAddress lastAddress() {
    if (address.isV4()) {
      long hostMask = hostBits() == 32 ? 0xFFFF_FFFFL : (1L << hostBits()) - 1;
      return IpAddress.ofV4((int) (network().low() | hostMask));
    }
    IpAddress n = network();
    return IpAddress.ofV6(n.high() | ~highMask(prefixLength), n.low() | ~lowMask(prefixLength));
  }

  private static long highMask(int len) {
    return len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
  }

  private static long lowMask(int len) {
    return len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
  }

  /** {@return whether no host bit of the written address is set} */
  public boolean isCanonical() {
    return address.equals(network());
  }

  /**
   * {@return this prefix with its host bits cleared ({@code 10.1.2.3/16} becomes
   * {@code 10.1.0.0/16})}
   */
  public Subnet canonical() {
    return isCanonical() ? this : new Subnet(network(), prefixLength);
  }

  /**
   * {@return whether {@code ip} lies in this prefix}
   *
   * @param ip the address
   */
  public boolean contains(IpAddress ip) {
    return ip.isV6() == address.isV6() && Subnet.of(ip, prefixLength).network().equals(network());
  }

  /**
   * {@return whether {@code other} lies entirely within this prefix (a prefix contains itself)}
   *
   * @param other the other prefix
   */
  public boolean contains(Subnet other) {
    return other.isV6() == isV6() && other.prefixLength >= prefixLength && contains(other.address);
  }

  /**
   * {@return whether the two prefixes share an address: one contains the other}
   *
   * @param other the other prefix
   */
  public boolean overlaps(Subnet other) {
    return contains(other) || other.contains(this);
  }

  /**
   * {@return the address {@code ordinal} places after the network address ({@code addressAt(0)} is
   * the network address)}
   *
   * @param ordinal the distance from the network address
   * @throws IllegalArgumentException if the ordinal lies outside the prefix
   */
  public IpAddress addressAt(long ordinal) {
    checkArgument(ordinal >= 0 && (hostBits() >= 63 || ordinal < (1L << hostBits())),
        "ordinal %s is outside %s", ordinal, this);
    return network().plus(ordinal);
  }

  /**
   * {@return the ordinal of {@code ip} within this prefix: its distance from the network address}
   *
   * @param ip an address in this prefix
   * @throws IllegalArgumentException if {@code ip} is not in this prefix, or the prefix has more
   *     than 63 host bits and the distance does not fit in a {@code long}
   */
  public long ordinalOf(IpAddress ip) {
    checkArgument(contains(ip), "%s is not in %s", ip, this);
    IpAddress n = network();
    if (ip.isV4()) {
      return ip.low() - n.low();
    }
    checkArgument(ip.high() == n.high() && ip.low() - n.low() >= 0,
        "the ordinal of %s in %s does not fit in 63 bits", ip, this);
    return ip.low() - n.low();
  }

  @Override
  public int compareTo(Subnet o) {
    int c = address.compareTo(o.address);
    return c != 0 ? c : Integer.compare(prefixLength, o.prefixLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Subnet && ((Subnet) o).prefixLength == prefixLength && ((Subnet) o).address.equals(address);
  }

  @Override
  public int hashCode() {
    return address.hashCode() * 131 + prefixLength;
  }

  @Override
  public String toString() {
    return address + "/" + prefixLength;
  }
}
