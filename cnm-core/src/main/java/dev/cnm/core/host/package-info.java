/**
 * In-memory implementations of the host services of {@code dev.cnm.api.host}: the port table
 * ({@link dev.cnm.core.host.DefaultHostPortAllocator}), the packet-filter rule table and the host's
 * interfaces.
 */
package dev.cnm.core.host;
