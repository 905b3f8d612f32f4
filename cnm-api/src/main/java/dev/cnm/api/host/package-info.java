/**
 * Host services a driver uses, handed to it by the engine: the host's port table ({@link
 * dev.cnm.api.host.HostPortAllocator}), its packet-filter rules ({@link dev.cnm.api.host.HostRules})
 * and its network interfaces ({@link dev.cnm.api.host.HostInterfaces}). Implementations live in
 * cnm-core; drivers see only these interfaces.
 */
package dev.cnm.api.host;
