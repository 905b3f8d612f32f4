/**
 * The {@code host} network driver, after libnetwork's {@code drivers/host}: one network per
 * engine, never deleted; containers on it share the host's network namespace, so its endpoints
 * have no interface and no address. Created by {@link dev.cnm.drivers.host.HostDriverProvider}.
 */
package dev.cnm.drivers.host;
