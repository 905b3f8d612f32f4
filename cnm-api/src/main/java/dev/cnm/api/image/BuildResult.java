package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * What a build did ({@code docker build}): the image it made and the output the classic builder
 * wrote ({@code Step 1/3 : FROM alpine}, ..., {@code Successfully built 0123456789ab}).
 *
 * <pre>{@code
 * BuildResult r = engine.images().build(BuildRequest.builder()
 *     .context(BuildContext.of(Map.of("Dockerfile", "FROM alpine\nCMD [\"echo\", \"hi\"]\n".getBytes())))
 *     .addTag("hello")
 *     .build());
 * r.image().repoTags(); // [hello:latest]
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class BuildResult {
  BuildResult() {}

  /** {@return the image the build made (the last stage's)} */
  public abstract Image image();

  /** {@return the builder's output, in order} */
  public abstract List<ProgressMessage> messages();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link BuildResult} values. */
  public static final class Builder extends ImmutableBuildResult.Builder {}
}
