/**
 * Docker's remote network and IPAM plugins (plugin API v1) as cnm drivers: {@link
 * dev.cnm.plugins.RemotePlugins} finds plugins by name in Docker's plugin directories or by
 * registration, activates them, and hands the engine a {@link dev.cnm.plugins.RemoteNetworkDriver}
 * or {@link dev.cnm.plugins.RemoteIpamDriver} that speaks libnetwork's JSON over HTTP on a unix
 * socket or TCP. Every call can be watched with a {@link dev.cnm.plugins.CallListener}.
 */
package dev.cnm.plugins;
