/**
 * The IPAM SPI, libnetwork's {@code ipamapi} with typed arguments: an {@link
 * dev.cnm.api.ipam.IpamDriver} hands out address pools and addresses within them. The values it
 * takes and returns ({@link dev.cnm.api.ipam.PoolRequest}, {@link dev.cnm.api.ipam.AllocatedPool},
 * {@link dev.cnm.api.ipam.AddressRequest}, {@link dev.cnm.api.ipam.IpamCapability}, {@link
 * dev.cnm.api.ipam.AddressSpaces}) are immutable, and the failures callers branch on are typed
 * leaves of {@link dev.cnm.api.error.CnmException} carrying Docker's exact messages.
 */
package dev.cnm.api.ipam;
