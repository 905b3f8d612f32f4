package dev.cnm.core.filter;

import dev.cnm.api.CnmStyle;
import org.immutables.value.Value;

/**
 * What {@code docker images} asks the daemon for ({@code GET /images/json}, moby's {@code
 * image.ListOptions}): intermediate images too ({@code all}), and the {@link FilterArgs}
 * ({@code dangling}, {@code label}, {@code before}, {@code since}, {@code reference}, {@code
 * until}).
 *
 * <pre>{@code
 * ImageListOptions dangling = ImageListOptions.builder()
 *     .filters(FilterArgs.builder().addFlag("dangling=true").build()).build();
 * List<Image> rows = Listing.images(engine, dangling, Clock.systemUTC());
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ImageListOptions {
  private static final ImageListOptions DEFAULT = builder().build();

  ImageListOptions() {}

  /**
   * Intermediate images too ({@code -a}): untagged images other images are built on.
   *
   * @return whether intermediate images are listed
   */
  @Value.Default
  public boolean all() {
    return false;
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

  /** {@return plain {@code docker images}: tagged and dangling images, unfiltered} */
  public static ImageListOptions defaults() {
    return DEFAULT;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ImageListOptions} values. */
  public static final class Builder extends ImmutableImageListOptions.Builder {}
}
