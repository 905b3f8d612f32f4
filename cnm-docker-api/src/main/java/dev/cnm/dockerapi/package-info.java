/**
 * The Docker Engine API over HTTP for a cnm {@link dev.cnm.api.Engine}: {@link
 * dev.cnm.dockerapi.DockerApiServer}.
 *
 * <pre>{@code
 * DockerApiServer server = DockerApiServer.builder().engine(engine).build().start();
 * }</pre>
 */
package dev.cnm.dockerapi;
