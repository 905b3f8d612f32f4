/**
 * The docker CLI's list output: {@code docker ps} and {@code docker network ls} tables, {@code
 * --format} templates and {@code --format json}, computed from the Engine API list JSON exactly
 * as the CLI does on the client side (ID truncation, command quoting, the PORTS column, name
 * sorting, Go's tab writer alignment).
 *
 * <pre>{@code
 * System.out.print(NetworkListFormat.table().format(networksJson));
 * System.out.print(ContainerListFormat.of("json").format(containersJson, Instant.now()));
 * }</pre>
 */
package dev.cnm.core.format;
