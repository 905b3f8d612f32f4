/**
 * Docker's built-in IPAM drivers: {@link dev.cnm.core.ipam.DefaultIpamDriver} (the {@code
 * default} allocator of Docker Engine 28: predefined pools, lowest-free subnet choice, lowest-free
 * or serial addresses over compressed bitmaps) configured by {@link
 * dev.cnm.core.ipam.IpamConfiguration}, and {@link dev.cnm.core.ipam.NullIpamDriver} (the {@code
 * null} driver of host and none networks).
 */
package dev.cnm.core.ipam;
