/**
 * Docker Engine API JSON views of the model: {@code ContainerJSON} ({@code GET
 * /containers/{id}/json}), {@code NetworkResource} ({@code GET /networks/{id}}), the list items
 * of {@code GET /containers/json} and {@code GET /networks}, and the exact bytes Docker puts on
 * the wire and {@code docker inspect} prints.
 *
 * <p>Entry point: {@link dev.cnm.core.json.DockerJson}. Documents are Jackson trees whose key
 * order is Docker's (Go struct field order; map keys sorted as Go sorts them), and
 * {@link dev.cnm.core.json.GoJson} writes them byte for byte as Go's {@code encoding/json} does.
 * {@link dev.cnm.core.json.NetworkResource}, {@link dev.cnm.core.json.ContainerSummary} and
 * {@link dev.cnm.core.json.EndpointSettings} are typed mirrors for reading documents and request
 * bodies back.
 *
 * <p>Sources: the reference document's shapes (API 1.50, Docker 28.2), moby's struct
 * definitions, and published Docker 28 {@code docker inspect} output. Values that could not be
 * pinned to a Docker 28 source and follow the nearest evidence instead:
 *
 * <ul>
 *   <li>{@code Config.OnBuild: null} is written (the v28 struct has no {@code omitempty}; Docker
 *       29 output omits it);
 *   <li>{@code HostConfig.MaskedPaths} in moby 28's unsorted order, with {@code /proc/interrupts};
 *   <li>a container never started has empty {@code ResolvConfPath}, {@code HostnamePath},
 *       {@code HostsPath}, {@code LogPath}, {@code SandboxID}, and its endpoint settings have no
 *       {@code NetworkID} and {@code DNSNames: null} (they are set at start);
 *   <li>a stopped container keeps its last {@code SandboxID} and {@code SandboxKey}, and shows a
 *       {@code MacAddress} only when one was asked for;
 *   <li>{@code ConsoleSize: [0, 0]} ({@code docker run -d} without a TTY) and {@code
 *       AppArmorProfile: "docker-default"}.
 * </ul>
 */
package dev.cnm.core.json;
