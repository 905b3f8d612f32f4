package dev.cnm.core.filter;

import dev.cnm.api.CnmStyle;
import org.immutables.value.Value;

/**
 * What {@code docker ps} asks the daemon for ({@code GET /containers/json}, moby's {@code
 * container.ListOptions}): stopped containers too ({@code all}), the newest {@code limit} only,
 * and the {@link FilterArgs}.
 *
 * <pre>{@code
 * ContainerListOptions psA = ContainerListOptions.builder().all(true)
 *     .filters(FilterArgs.builder().addFlag("network=dev").build()).build();
 * List<ContainerInfo> rows = Listing.containers(engine, psA);
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ContainerListOptions {
  private static final ContainerListOptions RUNNING = builder().build();

  ContainerListOptions() {}

  /**
   * Stopped containers too ({@code -a}); a {@code status} filter or a {@link #limit} implies it.
   *
   * @return whether stopped containers are listed too
   */
  @Value.Default
  public boolean all() {
    return false;
  }

  /**
   * At most this many of the newest matching containers, stopped ones included ({@code -n},
   * {@code -l} is 1); zero or less for no limit.
   *
   * @return the limit, zero or less for none
   */
  @Value.Default
  public int limit() {
    return 0;
  }

  /**
   * The filters.
   *
   * @return the filters
   */
  @Value.Default
  public FilterArgs filters() {
    return FilterArgs.empty();
  }

  /** {@return running containers, unfiltered: plain {@code docker ps}} */
  public static ContainerListOptions running() {
    return RUNNING;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ContainerListOptions} values. */
  public static final class Builder extends ImmutableContainerListOptions.Builder {}
}
