package dev.cnm.api;

/**
 * A container's state, as {@code State.Status} reports it.
 *
 * <pre>{@code
 * if (engine.container("web").status() == ContainerStatus.RUNNING) { ... }
 * }</pre>
 */
public enum ContainerStatus {
  /** Created, never started. */
  CREATED("created"),
  /** Started and not stopped. */
  RUNNING("running"),
  /**
   * Its process exited and its restart policy restarts it after a back-off ({@code State.Running}
   * and {@code State.Restarting} are both true; it holds no endpoint meanwhile).
   */
  RESTARTING("restarting"),
  /** Stopped after running. */
  EXITED("exited");

  private final String text;

  ContainerStatus(String text) {
    this.text = text;
  }

  /** Docker's spelling: {@code created}, {@code running}, {@code restarting}, {@code exited}. */
  @Override
  public String toString() {
    return text;
  }
}
