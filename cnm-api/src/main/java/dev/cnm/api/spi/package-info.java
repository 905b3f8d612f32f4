/**
 * The network driver SPI, shaped after libnetwork's {@code driverapi} with typed arguments: a
 * {@link dev.cnm.api.spi.NetworkDriverProvider} creates a {@link dev.cnm.api.spi.NetworkDriver}
 * for an engine, handing it a {@link dev.cnm.api.spi.DriverContext} with the host services it may
 * use. Built-in drivers use nothing else, so a third-party driver has exactly their powers.
 */
package dev.cnm.api.spi;
