package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * What a pull did ({@code docker pull}): the image now in the engine under the reference pulled,
 * whether it was new ({@code Status: Downloaded newer image for nginx:latest}) or already there
 * ({@code Status: Image is up to date for nginx:latest}), and the progress messages the daemon
 * wrote.
 *
 * <pre>{@code
 * PullResult r = engine.images().pull("nginx");
 * r.reference();   // "docker.io/library/nginx:latest"
 * r.downloaded();  // true the first time
 * r.image().id();  // "sha256:..."
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class PullResult {
  PullResult() {}

  /** {@return the full reference pulled, with its tag or digest ({@code docker.io/library/nginx:latest})} */
  public abstract String reference();

  /** {@return the image pulled} */
  public abstract Image image();

  /** {@return whether the image was new (else it was up to date)} */
  public abstract boolean downloaded();

  /** {@return the progress messages, in order} */
  public abstract List<ProgressMessage> messages();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PullResult} values. */
  public static final class Builder extends ImmutablePullResult.Builder {}
}
