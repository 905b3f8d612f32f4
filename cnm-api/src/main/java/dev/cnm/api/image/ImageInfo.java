package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Healthcheck;
import dev.cnm.api.port.ExposedPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the model knows of an image: its normalised reference, the ports its {@code EXPOSE} lines
 * declare ({@code Config.ExposedPorts}, which {@code -P} publishes) and its {@code ENV} (which
 * {@code --link} copies into the linking container as {@code <ALIAS>_ENV_<NAME>}), and its
 * {@code ENTRYPOINT} and {@code CMD} (the program a container runs when given no command), its
 * {@code HEALTHCHECK} and its {@code STOPSIGNAL}.
 *
 * <pre>{@code
 * ImageInfo web = ImageInfo.of("myorg/web:2", List.of(ExposedPort.tcp(8080)), List.of("PATH=/usr/bin"))
 *     .withCommand(List.of("/entrypoint.sh"), List.of("web", "--port", "8080"));
 * web.reference();    // "docker.io/myorg/web:2"
 * web.exposedPorts(); // [8080/tcp]
 * web.cmd();          // [web, --port, 8080]
 * }</pre>
 */
public final class ImageInfo {
  private final String reference;
  private final SortedSet<ExposedPort> exposedPorts;
  private final List<String> env;
  private final List<String> entrypoint;
  private final List<String> cmd;
  private final Optional<Healthcheck> healthcheck;
  private final Optional<String> stopSignal;

  private ImageInfo(String reference, SortedSet<ExposedPort> exposedPorts, List<String> env,
      List<String> entrypoint, List<String> cmd, Optional<Healthcheck> healthcheck, Optional<String> stopSignal) {
    this.reference = reference;
    this.exposedPorts = exposedPorts;
    this.env = env;
    this.entrypoint = entrypoint;
    this.cmd = cmd;
    this.healthcheck = healthcheck;
    this.stopSignal = stopSignal;
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
    return new ImageInfo(ref, Collections.unmodifiableSortedSet(new TreeSet<>(exposedPorts)),
        Collections.unmodifiableList(new ArrayList<>(env)), List.of(), List.of(), Optional.empty(), Optional.empty());
  }

  /**
   * {@return this image with {@code ENTRYPOINT} {@code entrypoint} and {@code CMD} {@code cmd}
   * (either may be empty)}
   *
   * @param entrypoint the {@code ENTRYPOINT} in exec form, possibly empty
   * @param cmd the {@code CMD} in exec form, possibly empty
   */
  public ImageInfo withCommand(List<String> entrypoint, List<String> cmd) {
    return new ImageInfo(reference, exposedPorts, env, List.copyOf(entrypoint), List.copyOf(cmd), healthcheck,
        stopSignal);
  }

  /**
   * {@return this image with {@code HEALTHCHECK} {@code healthcheck}}
   *
   * @param healthcheck the image's health check
   */
  public ImageInfo withHealthcheck(Healthcheck healthcheck) {
    return new ImageInfo(reference, exposedPorts, env, entrypoint, cmd, Optional.of(healthcheck), stopSignal);
  }

  /**
   * {@return this image with {@code STOPSIGNAL} {@code signal}}
   *
   * @param signal the signal as the Dockerfile writes it, such as {@code SIGQUIT}
   */
  public ImageInfo withStopSignal(String signal) {
    return new ImageInfo(reference, exposedPorts, env, entrypoint, cmd, healthcheck,
        Optional.of(Objects.requireNonNull(signal, "signal")));
  }

  /** {@return the normalised reference, e.g. {@code docker.io/library/nginx:latest}} */
  public String reference() {
    return reference;
  }

  /** {@return the exposed ports, in natural order} */
  public SortedSet<ExposedPort> exposedPorts() {
    return exposedPorts;
  }

  /** {@return the {@code ENV} entries, {@code NAME=value}, in image order} */
  public List<String> env() {
    return env;
  }

  /** {@return the {@code ENTRYPOINT} (exec form), empty when the image has none} */
  public List<String> entrypoint() {
    return entrypoint;
  }

  /**
   * {@return the {@code CMD} (exec form): a container's command when it is given none; may be
   * empty}
   */
  public List<String> cmd() {
    return cmd;
  }

  /** {@return the {@code HEALTHCHECK}, if the image has one} */
  public Optional<Healthcheck> healthcheck() {
    return healthcheck;
  }

  /** {@return the {@code STOPSIGNAL}, if the image sets one ({@code Config.StopSignal})} */
  public Optional<String> stopSignal() {
    return stopSignal;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageInfo)) {
      return false;
    }
    ImageInfo i = (ImageInfo) o;
    return reference.equals(i.reference) && exposedPorts.equals(i.exposedPorts) && env.equals(i.env)
        && entrypoint.equals(i.entrypoint) && cmd.equals(i.cmd) && healthcheck.equals(i.healthcheck)
        && stopSignal.equals(i.stopSignal);
  }

  @Override
  public int hashCode() {
    return (((reference.hashCode() * 31 + exposedPorts.hashCode()) * 31 + env.hashCode()) * 31
        + entrypoint.hashCode()) * 31 + Objects.hash(cmd, healthcheck, stopSignal);
  }

  @Override
  public String toString() {
    return reference + " " + exposedPorts;
  }
}
