package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Healthcheck;
import dev.cnm.api.port.ExposedPort;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * An image the registry holds ({@link ImageCatalog}): its normalised reference, its run
 * configuration ({@link ImageConfig}: the ports its {@code EXPOSE} lines declare, which {@code -P}
 * publishes; its {@code ENV}, which {@code --link} copies into the linking container as {@code
 * <ALIAS>_ENV_<NAME>}; its {@code ENTRYPOINT} and {@code CMD}, the program a container runs when
 * given no command; and the rest), when it was made, how big it is and in how many layers, and
 * the catalogue image it is built on (whose layers it shares, as Docker Hub's images share
 * their Debian base).
 *
 * <pre>{@code
 * ImageInfo web = ImageInfo.of("myorg/web:2", List.of(ExposedPort.tcp(8080)), List.of("PATH=/usr/bin"))
 *     .withCommand(List.of("/entrypoint.sh"), List.of("web", "--port", "8080"))
 *     .withSize(42_000_000, 3);
 * web.reference();    // "docker.io/myorg/web:2"
 * web.exposedPorts(); // [8080/tcp]
 * web.cmd();          // [web, --port, 8080]
 * }</pre>
 */
public final class ImageInfo {
  /** When an image is made unless {@link #withCreated} says otherwise. */
  public static final Instant DEFAULT_CREATED = Instant.parse("2025-05-01T00:00:00Z");
  /** The size of an image unless {@link #withSize} says otherwise: 5 MB, in one layer. */
  public static final long DEFAULT_SIZE = 5_000_000L;

  private final String reference;
  private final ImageConfig config;
  private final Instant created;
  private final long size;
  private final int layers;
  private final String base;

  private ImageInfo(String reference, ImageConfig config, Instant created, long size, int layers, String base) {
    this.reference = reference;
    this.config = config;
    this.created = created;
    this.size = size;
    this.layers = layers;
    this.base = base;
  }

  /**
   * {@return an image {@code reference} (normalised with {@link ImageCatalog#normalize}) exposing
   * {@code exposedPorts}, with environment {@code env} ({@code NAME=value} entries, in image
   * order)}
   *
   * @param reference the image reference, normalised here
   * @param exposedPorts the ports the image exposes ({@code EXPOSE})
   * @param env the image's environment, {@code NAME=value} entries in image order
   * @throws IllegalArgumentException if an env entry has no {@code =} or the reference is empty
   */
  public static ImageInfo of(String reference, Collection<ExposedPort> exposedPorts, List<String> env) {
    String ref = ImageCatalog.normalize(reference);
    for (String e : env) {
      if (requireNonNull(e, "env entry").indexOf('=') <= 0) {
        throw new IllegalArgumentException("env entry '" + e + "' is not NAME=value");
      }
    }
    ImageConfig config = ImageConfig.builder().exposedPorts(exposedPorts).env(env).build();
    return new ImageInfo(ref, config, DEFAULT_CREATED, DEFAULT_SIZE, 1, "");
  }

  /**
   * {@return an image {@code reference} with the whole run configuration {@code config}}
   *
   * @param reference the image reference, normalised here
   * @param config the run configuration
   */
  public static ImageInfo of(String reference, ImageConfig config) {
    return new ImageInfo(ImageCatalog.normalize(reference), requireNonNull(config, "config"), DEFAULT_CREATED,
        DEFAULT_SIZE, 1, "");
  }

  /**
   * {@return this image with {@code ENTRYPOINT} {@code entrypoint} and {@code CMD} {@code cmd}
   * (either may be empty)}
   *
   * @param entrypoint the {@code ENTRYPOINT} in exec form, possibly empty
   * @param cmd the {@code CMD} in exec form, possibly empty
   */
  public ImageInfo withCommand(List<String> entrypoint, List<String> cmd) {
    return withConfig(ImageConfig.builder().from(config).entrypoint(entrypoint).cmd(cmd).build());
  }

  /**
   * {@return this image with the run configuration {@code config}}
   *
   * @param config the run configuration
   */
  public ImageInfo withConfig(ImageConfig config) {
    return new ImageInfo(reference, requireNonNull(config, "config"), created, size, layers, base);
  }

  /**
   * {@return this image with {@code HEALTHCHECK} {@code healthcheck}}
   *
   * @param healthcheck the image's health check
   */
  public ImageInfo withHealthcheck(Healthcheck healthcheck) {
    return withConfig(ImageConfig.builder().from(config).healthcheck(healthcheck).build());
  }

  /**
   * {@return this image with {@code STOPSIGNAL} {@code signal}}
   *
   * @param signal the signal as the Dockerfile writes it, such as {@code SIGQUIT}
   */
  public ImageInfo withStopSignal(String signal) {
    return withConfig(ImageConfig.builder().from(config).stopSignal(requireNonNull(signal, "signal")).build());
  }

  /**
   * {@return this image, made at {@code created}}
   *
   * @param created when the image was made
   */
  public ImageInfo withCreated(Instant created) {
    return new ImageInfo(reference, config, requireNonNull(created, "created"), size, layers, base);
  }

  /**
   * {@return this image, of {@code bytes} in {@code layers} layers of its own (on top of its base's)}
   *
   * @param bytes the size of its own layers, in bytes
   * @param layers how many layers of its own it has, at least 1
   * @throws IllegalArgumentException for a negative size or fewer than one layer
   */
  public ImageInfo withSize(long bytes, int layers) {
    if (bytes < 0 || layers < 1) {
      throw new IllegalArgumentException("an image has a size of at least 0 and at least one layer: " + bytes
          + " bytes, " + layers + " layers");
    }
    return new ImageInfo(reference, config, created, bytes, layers, base);
  }

  /**
   * {@return this image, built on the catalogue image {@code base}: it starts with the same layers}
   *
   * @param base the reference of the base image, in the same catalogue
   */
  public ImageInfo withBase(String base) {
    return new ImageInfo(reference, config, created, size, layers, ImageCatalog.normalize(base));
  }

  /** {@return the normalised reference, e.g. {@code docker.io/library/nginx:latest}} */
  public String reference() {
    return reference;
  }

  /** {@return the run configuration} */
  public ImageConfig config() {
    return config;
  }

  /** {@return when the image was made} */
  public Instant created() {
    return created;
  }

  /** {@return the size of the image's own layers, in bytes (its base's not counted)} */
  public long size() {
    return size;
  }

  /** {@return how many layers of its own the image has (its base's not counted)} */
  public int layers() {
    return layers;
  }

  /** {@return the normalised reference of the catalogue image it is built on, if any} */
  public Optional<String> base() {
    return base.isEmpty() ? Optional.empty() : Optional.of(base);
  }

  /** {@return the exposed ports, in natural order} */
  public SortedSet<ExposedPort> exposedPorts() {
    return config.exposedPorts();
  }

  /** {@return the {@code ENV} entries, {@code NAME=value}, in image order} */
  public List<String> env() {
    return config.env();
  }

  /** {@return the {@code ENTRYPOINT} (exec form), empty when the image has none} */
  public List<String> entrypoint() {
    return config.entrypoint();
  }

  /**
   * {@return the {@code CMD} (exec form): a container's command when it is given none; may be
   * empty}
   */
  public List<String> cmd() {
    return config.cmd();
  }

  /** {@return the {@code HEALTHCHECK}, if the image has one} */
  public Optional<Healthcheck> healthcheck() {
    return config.healthcheck();
  }

  /** {@return the {@code STOPSIGNAL}, if the image sets one ({@code Config.StopSignal})} */
  public Optional<String> stopSignal() {
    return config.stopSignal();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageInfo)) {
      return false;
    }
    ImageInfo i = (ImageInfo) o;
    return reference.equals(i.reference) && config.equals(i.config) && created.equals(i.created) && size == i.size
        && layers == i.layers && base.equals(i.base);
  }

  @Override
  public int hashCode() {
    return Objects.hash(reference, config, created, size, layers, base);
  }

  @Override
  public String toString() {
    return reference + " " + exposedPorts();
  }
}
