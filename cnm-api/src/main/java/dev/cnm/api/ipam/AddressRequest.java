package dev.cnm.api.ipam;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

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
@Value.Immutable
@CnmStyle
public abstract class AddressRequest {
  AddressRequest() {}

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
  public abstract String poolId();

  /** {@return the exact address wanted ({@code --ip}, {@code --gateway}); empty for "next free"} */
  public abstract Optional<IpAddress> preferred();

  /** {@return whether this requests the network's gateway address} */
  @Value.Default
  public boolean gateway() {
    return false;
  }

  /**
   * {@return whether the next free address is searched after the last one handed out (wrapping)}
   */
  @Value.Default
  public boolean serial() {
    return false;
  }

  /**
   * {@return the endpoint's MAC address, for drivers that
   * {@linkplain IpamCapability#requiresMacAddress() need it}}
   */
  public abstract Optional<MacAddress> macAddress();

  /** {@return the raw options, as given} */
  public abstract Map<String, String> options();

  /**
   * Sets the typed flags the raw options ask for, so that both forms read the same; a request
   * without options (the engine's) is returned as it is.
   */
  @Value.Check
  AddressRequest withFlagsFromOptions() {
    if (options().isEmpty()) {
      return this;
    }
    boolean gateway = gateway() || IpamOptions.GATEWAY.equals(options().get(IpamOptions.REQUEST_ADDRESS_TYPE));
    boolean serial = serial() || "true".equals(options().get(IpamOptions.SERIAL));
    if (gateway == gateway() && serial == serial()) {
      return this;
    }
    return builder().from(this).gateway(gateway).serial(serial).build();
  }

  /**
   * Builds an {@link AddressRequest}; {@link #build()} throws {@link IllegalStateException}
   * naming the pool id when none was set.
   *
   * <pre>{@code
   * AddressRequest r = AddressRequest.builder().poolId(id).serial(true).build();
   * }</pre>
   */
  public static final class Builder extends ImmutableAddressRequest.Builder {}
}
