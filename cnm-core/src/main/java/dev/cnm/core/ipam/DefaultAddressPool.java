package dev.cnm.core.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One entry of the daemon's {@code default-address-pools}: a base prefix split into subnets of
 * {@code size} bits, from which networks without {@code --subnet} get theirs.
 *
 * <pre>{@code
 * DefaultAddressPool p = DefaultAddressPool.of(Subnet.parse("10.10.0.0/16"), 24); // 256 /24s
 * }</pre>
 */
public final class DefaultAddressPool {
  private final Subnet base;
  private final int size;

  private DefaultAddressPool(Subnet base, int size) {
    this.base = base;
    this.size = size;
  }

  /**
   * {@return the pool {@code base} split into /{@code size} subnets} The base's host bits are
   * cleared.
   *
   * @param base the prefix the subnets are cut from
   * @param size the prefix length of each subnet
   * @throws InvalidParameterException {@code invalid pools size: <size>} when the size is shorter
   *     than the base's prefix or longer than the address
   */
  public static DefaultAddressPool of(Subnet base, int size) {
    requireNonNull(base, "base");
    if (size < base.prefixLength() || size > base.address().bitLength() || size <= 0) {
      throw new InvalidParameterException("invalid pools size: " + size);
    }
    return new DefaultAddressPool(base.canonical(), size);
  }

  /**
   * {@return the host-unique IPv6 pool Docker 27+ adds when the configured pools have no IPv6
   * base: the ULA prefix {@code fd00::/8} followed by the low 40 bits of the first 8 bytes
   * (big-endian) of SHA-256 of the host id, as a /48 split into /64s (moby
   * {@code deriveULABaseNetwork})}
   *
   * <pre>{@code
   * DefaultAddressPool ula = DefaultAddressPool.derivedUla(engineId); // e.g. fd3c:52a1:9e07::/48, size 64
   * }</pre>
   *
   * @param hostId the host's id; the same id always gives the same pool
   */
  public static DefaultAddressPool derivedUla(String hostId) {
    requireNonNull(hostId, "hostId");
    byte[] sha;
    try {
      sha = MessageDigest.getInstance("SHA-256").digest(hostId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    long first8 = 0;
    for (int i = 0; i < 8; i++) {
      first8 = (first8 << 8) | (sha[i] & 0xFF);
    }
    long globalId = first8 & ((1L << 40) - 1);
    IpAddress base = IpAddress.ofV6(0xFD00_0000_0000_0000L | (globalId << 16), 0);
    return new DefaultAddressPool(Subnet.of(base, 48), 64);
  }

  /** {@return the base prefix, host bits cleared} */
  public Subnet base() {
    return base;
  }

  /** {@return the prefix length of the subnets handed out} */
  public int size() {
    return size;
  }

  /** {@return the number of subnets, saturated at {@link Long#MAX_VALUE}} */
  public long subnetCount() {
    int bits = size - base.prefixLength();
    return bits >= 63 ? Long.MAX_VALUE : 1L << bits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DefaultAddressPool && ((DefaultAddressPool) o).base.equals(base) && ((DefaultAddressPool) o).size == size;
  }

  @Override
  public int hashCode() {
    return base.hashCode() * 31 + size;
  }

  @Override
  public String toString() {
    return "{base=" + base + ", size=" + size + "}";
  }
}
