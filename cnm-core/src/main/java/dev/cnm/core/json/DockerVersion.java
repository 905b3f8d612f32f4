package dev.cnm.core.json;

/**
 * The Docker Engine cnm stands for, in one place: what {@code GET /version} and {@code GET /info}
 * answer, what {@code cnm version} and {@code cnm info} print, and the {@code DockerVersion} a
 * build records in an image. Docker 28.2.2's own values, on linux/amd64.
 *
 * <pre>{@code
 * String server = "Docker/" + DockerVersion.ENGINE + " (linux)"; // Docker/28.2.2 (linux)
 * }</pre>
 */
public final class DockerVersion {
  /** The engine's version ({@code Version}, {@code ServerVersion}). */
  public static final String ENGINE = "28.2.2";
  /** The Engine API version served ({@code ApiVersion}). */
  public static final String API = "1.50";
  /** The oldest Engine API version served ({@code MinAPIVersion}). */
  public static final String MIN_API = "1.24";
  /** The Go release dockerd 28.2.2 was built with ({@code GoVersion}). */
  public static final String GO = "go1.24.3";
  /** dockerd 28.2.2's commit ({@code GitCommit}). */
  public static final String GIT_COMMIT = "e77ff99";
  /** When dockerd 28.2.2 was built ({@code BuildTime}, RFC 3339 with nanoseconds). */
  public static final String BUILD_TIME = "2025-05-30T12:07:26.000000000+00:00";
  /** The kernel the model reports ({@code KernelVersion}). */
  public static final String KERNEL = "6.8.0-cnm";

  private DockerVersion() {}
}
