/**
 * The {@code bridge} network driver, after libnetwork's {@code drivers/bridge}: {@link
 * dev.cnm.drivers.bridge.BridgeDriverProvider} creates it, {@link
 * dev.cnm.drivers.bridge.BridgeOptions} parses its {@code -o} options with Docker's defaults and
 * errors. The driver itself and its per-network and per-endpoint state are package-private.
 */
package dev.cnm.drivers.bridge;
