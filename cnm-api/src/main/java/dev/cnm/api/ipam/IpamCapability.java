package dev.cnm.api.ipam;

/**
 * What an IPAM driver needs from the engine (libnetwork {@code ipamapi.Capability}).
 *
 * <pre>{@code
 * IpamCapability c = IpamCapability.of(false, true); // the default driver's
 * c.requiresRequestReplay(); // true: its state is rebuilt by replaying requests at startup
 * }</pre>
 */
public final class IpamCapability {
  private static final IpamCapability NONE = new IpamCapability(false, false);

  private final boolean requiresMacAddress;
  private final boolean requiresRequestReplay;

  private IpamCapability(boolean requiresMacAddress, boolean requiresRequestReplay) {
    this.requiresMacAddress = requiresMacAddress;
    this.requiresRequestReplay = requiresRequestReplay;
  }

  /**
   * {@return the capability with both flags as given}
   *
   * @param requiresMacAddress whether the engine must pass the endpoint's MAC address with every
   *     address request
   * @param requiresRequestReplay whether the engine must replay the pool and address requests of
   *     local networks at startup
   */
  public static IpamCapability of(boolean requiresMacAddress, boolean requiresRequestReplay) {
    return requiresMacAddress || requiresRequestReplay ? new IpamCapability(requiresMacAddress, requiresRequestReplay) : NONE;
  }

  /** {@return the capability that asks for nothing} */
  public static IpamCapability none() {
    return NONE;
  }

  /**
   * {@return whether the engine must generate a MAC address and pass it with every address
   * request}
   */
  public boolean requiresMacAddress() {
    return requiresMacAddress;
  }

  /**
   * {@return whether the engine must replay pool and address requests of local networks at
   * startup}
   */
  public boolean requiresRequestReplay() {
    return requiresRequestReplay;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpamCapability
        && ((IpamCapability) o).requiresMacAddress == requiresMacAddress
        && ((IpamCapability) o).requiresRequestReplay == requiresRequestReplay;
  }

  @Override
  public int hashCode() {
    return (requiresMacAddress ? 2 : 0) + (requiresRequestReplay ? 1 : 0);
  }

  @Override
  public String toString() {
    return "IpamCapability{requiresMacAddress=" + requiresMacAddress + ", requiresRequestReplay=" + requiresRequestReplay + "}";
  }
}
