package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

/**
 * The default local and global address-space names of an IPAM driver
 * ({@code GetDefaultAddressSpaces}): {@code LocalDefault}/{@code GlobalDefault} for the default
 * driver, {@code null}/{@code null} for the null driver.
 *
 * <pre>{@code
 * AddressSpaces s = driver.defaultAddressSpaces();
 * String space = network.scope().equals("global") ? s.global() : s.local();
 * }</pre>
 */
public final class AddressSpaces {
  private final String local;
  private final String global;

  private AddressSpaces(String local, String global) {
    this.local = requireNonNull(local, "local");
    this.global = requireNonNull(global, "global");
  }

  /**
   * {@return the pair of names}
   *
   * @param local the name of the local address space, such as {@code LocalDefault}
   * @param global the name of the global address space, such as {@code GlobalDefault}
   */
  public static AddressSpaces of(String local, String global) {
    return new AddressSpaces(local, global);
  }

  /** {@return the address space of local-scope networks} */
  public String local() {
    return local;
  }

  /** {@return the address space of global-scope (swarm, overlay) networks} */
  public String global() {
    return global;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressSpaces && ((AddressSpaces) o).local.equals(local) && ((AddressSpaces) o).global.equals(global);
  }

  @Override
  public int hashCode() {
    return local.hashCode() * 31 + global.hashCode();
  }

  @Override
  public String toString() {
    return "AddressSpaces{local=" + local + ", global=" + global + "}";
  }
}
