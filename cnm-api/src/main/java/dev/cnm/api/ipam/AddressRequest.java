package dev.cnm.api.ipam;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request for one address from a pool ({@code RequestAddress}): a {@linkplain #preferred()
 * preferred} (static) address, or the next free one. {@link #serial()} and {@link #gateway()} are
 * the typed forms of the options {@code com.docker.network.ipam.serial=true} and {@code
 * RequestAddressType=com.docker.network.gateway}; either form sets them, so a request built from
 * Docker's raw option map reads the same as one built with the flags.
 *
 * <pre>{@code
 * AddressRequest gw = AddressRequest.builder().poolId(pool.poolId()).gateway(true).build();
 * AddressRequest ip = AddressRequest.of(pool.poolId(), IpAddress.parse("172.18.0.10"));
 * }</pre>
 */
public final class AddressRequest {
  private final String poolId;
  private final Optional<IpAddress> preferred;
  private final boolean gateway;
  private final boolean serial;
  private final Optional<MacAddress> macAddress;
  private final Map<String, String> options;

  private AddressRequest(Builder b) {
    this.poolId = requireNonNull(b.poolId, "poolId");
    this.preferred = Optional.ofNullable(b.preferred);
    this.options = Map.copyOf(b.options);
    this.gateway = b.gateway || IpamOptions.GATEWAY.equals(options.get(IpamOptions.REQUEST_ADDRESS_TYPE));
    this.serial = b.serial || "true".equals(options.get(IpamOptions.SERIAL));
    this.macAddress = Optional.ofNullable(b.macAddress);
  }

  /** {@return a new builder; {@code poolId} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a request for the next free address of the pool}
   *
   * @param poolId the pool's id, as {@link IpamDriver#requestPool} returned it
   */
  public static AddressRequest of(String poolId) {
    return builder().poolId(poolId).build();
  }

  /**
   * {@return a request for exactly {@code preferred}}
   *
   * @param poolId the pool's id, as {@link IpamDriver#requestPool} returned it
   * @param preferred the address wanted
   */
  public static AddressRequest of(String poolId, IpAddress preferred) {
    return builder().poolId(poolId).preferred(preferred).build();
  }

  /** {@return the pool to allocate from, as {@link AllocatedPool#poolId()} returned it} */
  public String poolId() {
    return poolId;
  }

  /** {@return the exact address wanted ({@code --ip}, {@code --gateway}); empty for "next free"} */
  public Optional<IpAddress> preferred() {
    return preferred;
  }

  /** {@return whether this requests the network's gateway address} */
  public boolean gateway() {
    return gateway;
  }

  /**
   * {@return whether the next free address is searched after the last one handed out (wrapping)}
   */
  public boolean serial() {
    return serial;
  }

  /**
   * {@return the endpoint's MAC address, for drivers that
   * {@linkplain IpamCapability#requiresMacAddress() need it}}
   */
  public Optional<MacAddress> macAddress() {
    return macAddress;
  }

  /** {@return the raw options, as given} */
  public Map<String, String> options() {
    return options;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AddressRequest)) {
      return false;
    }
    AddressRequest r = (AddressRequest) o;
    return r.poolId.equals(poolId) && r.preferred.equals(preferred) && r.gateway == gateway && r.serial == serial
        && r.macAddress.equals(macAddress) && r.options.equals(options);
  }

  @Override
  public int hashCode() {
    int h = poolId.hashCode();
    h = h * 31 + preferred.hashCode();
    h = h * 31 + (gateway ? 1 : 0) + (serial ? 2 : 0);
    h = h * 31 + macAddress.hashCode();
    return h * 31 + options.hashCode();
  }

  @Override
  public String toString() {
    return "AddressRequest{poolId=" + poolId + preferred.map(p -> ", preferred=" + p).orElse("")
        + (gateway ? ", gateway" : "") + (serial ? ", serial" : "") + macAddress.map(m -> ", mac=" + m).orElse("")
        + (options.isEmpty() ? "" : ", options=" + options) + "}";
  }

  /**
   * Builds an {@link AddressRequest}.
   *
   * <pre>{@code
   * AddressRequest r = AddressRequest.builder().poolId(id).serial(true).build();
   * }</pre>
   */
  public static final class Builder {
    private String poolId;
    private IpAddress preferred;
    private boolean gateway;
    private boolean serial;
    private MacAddress macAddress;
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the pool id.
     *
     * @param poolId the pool's id, as {@link IpamDriver#requestPool} returned it
     * @return this builder
     */
    public Builder poolId(String poolId) {
      this.poolId = requireNonNull(poolId, "poolId");
      return this;
    }

    /**
     * Sets the preferred address.
     *
     * @param preferred the address wanted
     * @return this builder
     */
    public Builder preferred(IpAddress preferred) {
      this.preferred = requireNonNull(preferred, "preferred");
      return this;
    }

    /**
     * Sets the preferred address, or clears it when empty.
     *
     * @param preferred the address wanted, or empty for any free one
     * @return this builder
     */
    public Builder preferred(Optional<IpAddress> preferred) {
      this.preferred = preferred.orElse(null);
      return this;
    }

    /**
     * Marks a gateway request.
     *
     * @param gateway whether the address is the network's gateway
     * @return this builder
     */
    public Builder gateway(boolean gateway) {
      this.gateway = gateway;
      return this;
    }

    /**
     * Asks for serial (next-after-last) allocation.
     *
     * @param serial whether to hand out the next free address after the last one, wrapping, rather
     *     than the lowest
     * @return this builder
     */
    public Builder serial(boolean serial) {
      this.serial = serial;
      return this;
    }

    /**
     * Sets the endpoint's MAC address.
     *
     * @param macAddress the endpoint's MAC address
     * @return this builder
     */
    public Builder macAddress(MacAddress macAddress) {
      this.macAddress = requireNonNull(macAddress, "macAddress");
      return this;
    }

    /**
     * Sets the MAC address, or clears it when empty.
     *
     * @param macAddress the endpoint's MAC address, or empty for none
     * @return this builder
     */
    public Builder macAddress(Optional<MacAddress> macAddress) {
      this.macAddress = macAddress.orElse(null);
      return this;
    }

    /**
     * Replaces the raw options.
     *
     * @param options the options as the engine passes them to the driver, replacing any set before
     * @return this builder
     */
    public Builder options(Map<String, String> options) {
      this.options.clear();
      this.options.putAll(options);
      return this;
    }

    /**
     * Adds one raw option.
     *
     * @param key the option's name
     * @param value the option's value
     * @return this builder
     */
    public Builder putOption(String key, String value) {
      this.options.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws NullPointerException if no pool id was set
     */
    public AddressRequest build() {
      return new AddressRequest(this);
    }
  }
}
