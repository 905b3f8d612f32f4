/**
 * Port values: {@link dev.cnm.api.port.ExposedPort} ({@code 80/tcp}), what a user asks to publish
 * ({@link dev.cnm.api.port.PortBinding}, parsed from {@code -p} by {@link dev.cnm.api.port.PortSpec}),
 * and what is published ({@link dev.cnm.api.port.PublishedPort}, with {@code docker port}
 * formatting).
 */
package dev.cnm.api.port;
