package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What {@code docker build} asks the classic builder for ({@code POST /build}): the context, the
 * Dockerfile's path in it, the tags to give the result ({@code -t}), build arguments ({@code
 * --build-arg}), labels ({@code --label}), the stage to stop at ({@code --target}), and whether to
 * skip the build cache ({@code --no-cache}) or pull the base images again ({@code --pull}).
 *
 * <pre>{@code
 * BuildRequest r = BuildRequest.builder()
 *     .context(BuildContext.of(Map.of("Dockerfile", dockerfileBytes)))
 *     .addTag("web:1.0")
 *     .putBuildArg("VERSION", "1.0")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class BuildRequest {
  BuildRequest() {}

  /** {@return the build context} */
  @Value.Default
  public BuildContext context() {
    return BuildContext.empty();
  }

  /** {@return the Dockerfile's path in the context; {@code Dockerfile} by default} */
  @Value.Default
  public String dockerfile() {
    return "Dockerfile";
  }

  /** {@return the references to tag the image with, such as {@code web} or {@code web:1.0}} */
  public abstract List<String> tags();

  /** {@return the build arguments, by name} */
  public abstract Map<String, String> buildArgs();

  /** {@return labels added to the image, as {@code LABEL} instructions at the end} */
  public abstract Map<String, String> labels();

  /** {@return the stage to build; empty for the last one} */
  @Value.Default
  public String target() {
    return "";
  }

  /** {@return whether the build cache is ignored} */
  @Value.Default
  public boolean noCache() {
    return false;
  }

  /** {@return whether base images are pulled again even when present} */
  @Value.Default
  public boolean pull() {
    return false;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link BuildRequest} values. */
  public static final class Builder extends ImmutableBuildRequest.Builder {}
}
