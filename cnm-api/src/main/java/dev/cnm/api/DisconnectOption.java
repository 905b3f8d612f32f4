package dev.cnm.api;

/**
 * An option of {@link Engine#disconnect(String, String, DisconnectOption...)}, as {@code docker
 * network disconnect}'s flags.
 *
 * <pre>{@code
 * docker.disconnect("dev", "web");
 * docker.disconnect("dev", "web", DisconnectOption.FORCE); // docker network disconnect -f dev web
 * }</pre>
 */
public enum DisconnectOption {
  /**
   * {@code -f}, accepted as Docker accepts it; the model keeps no stale endpoint for it to clean
   * up, so a disconnect behaves the same with it.
   */
  FORCE
}
