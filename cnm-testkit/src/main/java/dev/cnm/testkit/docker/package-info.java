/**
 * A Docker endpoint over a cnm engine, for code that talks to Docker itself: {@link
 * dev.cnm.testkit.docker.DockerEndpoint} serves an engine with cnm-docker-api's {@code
 * DockerApiServer} on a loopback port or a Unix socket, gives its {@code DOCKER_HOST} URI, and
 * hands out docker-java clients connected to it. {@link dev.cnm.testkit.junit.CnmExtension} injects
 * both per test.
 *
 * <p>The package needs cnm-docker-api on the class path, and docker-java (core plus the zerodep or
 * httpclient5 transport) for its clients; the kit declares them optional, so a build adds them
 * when it wants the endpoint.
 */
package dev.cnm.testkit.docker;
