package dev.cnm.api;

/**
 * An option of {@link Engine#removeContainer(String, RemoveOption...)}, as {@code docker rm}'s
 * flags.
 *
 * <pre>{@code
 * docker.removeContainer("web");                      // docker rm web: refuses a running container
 * docker.removeContainer("web", RemoveOption.FORCE);  // docker rm -f web
 * }</pre>
 */
public enum RemoveOption {
  /** {@code -f}: a running container is killed first (exit code 137) instead of refused. */
  FORCE
}
