package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * One step of an image's history, as its configuration records it (OCI {@code history}): when,
 * the instruction that made it ({@code /bin/sh -c #(nop)  ENV A=1}), and whether it added a
 * layer.
 *
 * <pre>{@code
 * ImageHistory step = ImageHistory.builder().created(Instant.now())
 *     .createdBy("/bin/sh -c #(nop)  CMD [\"sh\"]").emptyLayer(true).build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ImageHistory {
  ImageHistory() {}

  /** {@return when the step ran} */
  public abstract Instant created();

  /** {@return the command that made the step} */
  @Value.Default
  public String createdBy() {
    return "";
  }

  /** {@return the author of the step} */
  @Value.Default
  public String author() {
    return "";
  }

  /** {@return the step's comment} */
  @Value.Default
  public String comment() {
    return "";
  }

  /** {@return whether the step added no layer (a metadata instruction)} */
  @Value.Default
  public boolean emptyLayer() {
    return false;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ImageHistory} values. */
  public static final class Builder extends ImmutableImageHistory.Builder {}
}
