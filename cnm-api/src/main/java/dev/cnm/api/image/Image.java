package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An image present in the engine ({@code docker image inspect}): its content-addressed id, the
 * tags and digests that name it, its run configuration, its layers and how it was made. Images
 * get there by a pull ({@link ImageService#pull}) or a build ({@link ImageService#build}).
 *
 * <p>The id is the SHA-256 of the image's configuration document (the JSON Docker stores as the
 * image: architecture, config, created, history, os, rootfs, and for local builds their parent),
 * as Docker's content-addressed store makes it: the same content always has the same id.
 *
 * <pre>{@code
 * Image nginx = engine.images().pull("nginx").image();
 * nginx.id();          // "sha256:..."
 * nginx.repoTags();    // [nginx:latest]
 * nginx.config().cmd(); // [nginx, -g, daemon off;]
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class Image {
  Image() {}

  /** {@return the id, {@code sha256:} and 64 hex digits} */
  public abstract String id();

  /** {@return the first 12 hex digits of the id, as {@code docker images} shows it} */
  @Value.Derived
  public String shortId() {
    String id = id();
    int colon = id.indexOf(':');
    String hex = colon < 0 ? id : id.substring(colon + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  /** {@return the tags naming it, familiar and sorted ({@code nginx:latest})} */
  public abstract List<String> repoTags();

  /** {@return the registry digests naming it, familiar and sorted ({@code nginx@sha256:...})} */
  public abstract List<String> repoDigests();

  /** {@return the id of the image it was built on, for an image built locally} */
  public abstract Optional<String> parent();

  /** {@return the comment of its last history entry} */
  @Value.Default
  public String comment() {
    return "";
  }

  /** {@return when it was created} */
  public abstract Instant created();

  /** {@return the author ({@code MAINTAINER})} */
  @Value.Default
  public String author() {
    return "";
  }

  /** {@return the Docker version that built it; empty for a pulled image} */
  @Value.Default
  public String dockerVersion() {
    return "";
  }

  /** {@return the run configuration} */
  public abstract ImageConfig config();

  /** {@return the CPU architecture, {@code amd64}} */
  @Value.Default
  public String architecture() {
    return "amd64";
  }

  /** {@return the operating system, {@code linux}} */
  @Value.Default
  public String os() {
    return "linux";
  }

  /** {@return the size of all its layers, in bytes} */
  public abstract long size();

  /** {@return the layers' diff ids ({@code RootFS.Layers}), base first} */
  public abstract List<String> layers();

  /** {@return how it was made, oldest step first} */
  public abstract List<ImageHistory> history();

  /** {@return when a tag was last set on it by {@code docker tag} or a build} */
  public abstract Optional<Instant> lastTagTime();

  /** {@return whether nothing names it (no tag and no digest): a dangling or intermediate image} */
  public boolean isUntagged() {
    return repoTags().isEmpty() && repoDigests().isEmpty();
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Image} values. */
  public static final class Builder extends ImmutableImage.Builder {}
}
