package dev.cnm.api.ipam;

/**
 * The well-known option keys and values of libnetwork's IPAM contract ({@code ipamapi/labels.go},
 * {@code netlabel}), for drivers that read the raw option maps.
 *
 * <pre>{@code
 * Map<String, String> opts = Map.of(IpamOptions.SERIAL, "true");
 * AddressRequest r = AddressRequest.builder().poolId(id).options(opts).build();
 * r.serial(); // true
 * }</pre>
 */
public final class IpamOptions {
  /** {@code com.docker.network.ipam.serial}: {@code "true"} asks for next-after-last allocation. */
  public static final String SERIAL = "com.docker.network.ipam.serial";
  /** {@code RequestAddressType}: the kind of address requested. */
  public static final String REQUEST_ADDRESS_TYPE = "RequestAddressType";
  /** {@code com.docker.network.gateway}: the {@link #REQUEST_ADDRESS_TYPE} of a gateway request, and the pool meta key of a gateway. */
  public static final String GATEWAY = "com.docker.network.gateway";
  /** {@code com.docker.network.endpoint.macaddress}: the endpoint's MAC address, for drivers that require it. */
  public static final String MAC_ADDRESS = "com.docker.network.endpoint.macaddress";

  private IpamOptions() {}
}
