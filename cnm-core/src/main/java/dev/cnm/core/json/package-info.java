/**
 * Docker Engine API JSON views of the model: {@code ContainerJSON} ({@code GET
 * /containers/{id}/json}), {@code NetworkResource} ({@code GET /networks/{id}}), the list items
 * of {@code GET /containers/json} and {@code GET /networks}, and the exact bytes Docker puts on
 * the wire and {@code docker inspect} prints.
 *
 * <p>Entry point: {@link dev.cnm.core.json.DockerJson}. Documents are Jackson trees whose key
 * order is Docker's (Go struct field order; map keys sorted as Go sorts them), and
 * {@link dev.cnm.core.json.GoJson} writes them byte for byte as Go's {@code encoding/json} does.
 */
package dev.cnm.core.json;
