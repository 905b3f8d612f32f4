package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/**
 * One line of {@code docker history} (moby's {@code HistoryResponseItem}), newest first: the id
 * of the local image the step made ({@code <missing>} for steps of a pulled image), when, by
 * which command, its tags, and the size of the layer it added.
 *
 * <pre>{@code
 * for (ImageHistoryItem step : engine.images().history("web")) {
 *   System.out.println(step.id() + " " + step.createdBy() + " " + step.size());
 * }
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ImageHistoryItem {
  /** The id of a step whose image is not in the engine. */
  public static final String MISSING = "<missing>";

  ImageHistoryItem() {}

  /** {@return the id of the image the step made, or {@link #MISSING}} */
  public abstract String id();

  /** {@return when the step ran} */
  public abstract Instant created();

  /** {@return the command that made the step} */
  public abstract String createdBy();

  /** {@return the tags of the step's image} */
  public abstract List<String> tags();

  /** {@return the size of the layer the step added, in bytes} */
  public abstract long size();

  /** {@return the step's comment} */
  public abstract String comment();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ImageHistoryItem} values. */
  public static final class Builder extends ImmutableImageHistoryItem.Builder {}
}
