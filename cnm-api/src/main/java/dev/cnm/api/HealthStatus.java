package dev.cnm.api;

/**
 * A container's health ({@code State.Health.Status}).
 *
 * <pre>{@code
 * engine.container("db").health().map(HealthState::status); // Optional[HEALTHY]
 * }</pre>
 */
public enum HealthStatus {
  /** No check has passed yet. */
  STARTING("starting"),
  /** The last check passed. */
  HEALTHY("healthy"),
  /** As many checks as the retries failed in a row, or the container stopped. */
  UNHEALTHY("unhealthy");

  private final String text;

  HealthStatus(String text) {
    this.text = text;
  }

  /** {@return Docker's spelling, such as {@code healthy}} */
  @Override
  public String toString() {
    return text;
  }
}
