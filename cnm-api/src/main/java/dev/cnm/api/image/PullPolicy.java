package dev.cnm.api.image;

/**
 * What creating a container does when its image is not in the engine ({@code docker run
 * --pull}). The docker CLI pulls on the daemon's 404 ({@code MISSING}); the daemon's API itself
 * never pulls ({@code NEVER}).
 *
 * <pre>{@code
 * Engine strict = Cnm.builder().pullPolicy(PullPolicy.NEVER).build();
 * strict.createContainer(ContainerSpec.of("nginx")); // NotFoundException: No such image: nginx:latest
 * strict.images().pull("nginx");
 * strict.createContainer(ContainerSpec.of("nginx")); // created
 * }</pre>
 */
public enum PullPolicy {
  /** Pull an absent image from the registry first, as {@code docker run} does by default. */
  MISSING,
  /** Fail with {@code No such image: NAME:TAG} (404), as the daemon's create does. */
  NEVER
}
