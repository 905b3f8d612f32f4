package dev.cnm.api.image;

import dev.cnm.api.CnmStyle;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.port.ExposedPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.immutables.value.Value;

/**
 * The run configuration an image carries (moby's {@code DockerOCIImageConfig}): what a container
 * made from it runs and with which defaults. Dockerfile instructions set it ({@code ENV}, {@code
 * CMD}, {@code ENTRYPOINT}, {@code EXPOSE}, {@code LABEL}, {@code WORKDIR}, {@code USER}, {@code
 * HEALTHCHECK}, {@code STOPSIGNAL}, {@code VOLUME}, {@code ONBUILD}, {@code SHELL}); {@code docker
 * create} merges it under the container's own settings.
 *
 * <pre>{@code
 * ImageConfig web = ImageConfig.builder()
 *     .addEnv("PATH=/usr/local/bin:/usr/bin:/bin")
 *     .cmd(List.of("nginx", "-g", "daemon off;"))
 *     .addExposedPort(ExposedPort.tcp(80))
 *     .stopSignal("SIGQUIT")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ImageConfig {
  private static final ImageConfig EMPTY = builder().build();

  ImageConfig() {}

  /** {@return the user processes run as ({@code USER}); empty for root} */
  @Value.Default
  public String user() {
    return "";
  }

  /** {@return the exposed ports ({@code EXPOSE}), in natural order} */
  @Value.NaturalOrder
  public abstract SortedSet<ExposedPort> exposedPorts();

  /** {@return the environment ({@code ENV}), {@code NAME=value} entries in image order} */
  public abstract List<String> env();

  /** {@return the entrypoint ({@code ENTRYPOINT}), exec form; empty when none} */
  public abstract List<String> entrypoint();

  /** {@return the default command ({@code CMD}), exec form; empty when none} */
  public abstract List<String> cmd();

  /** {@return the volumes ({@code VOLUME}), by path} */
  @Value.NaturalOrder
  public abstract SortedSet<String> volumes();

  /** {@return the working directory ({@code WORKDIR}); empty for {@code /}} */
  @Value.Default
  public String workingDir() {
    return "";
  }

  /** {@return the labels ({@code LABEL})} */
  public abstract Map<String, String> labels();

  /** {@return the signal {@code docker stop} sends ({@code STOPSIGNAL}), if not SIGTERM} */
  public abstract Optional<String> stopSignal();

  /** {@return the health check ({@code HEALTHCHECK}), if any} */
  public abstract Optional<Healthcheck> healthcheck();

  /** {@return the triggers run when the image is built upon ({@code ONBUILD})} */
  public abstract List<String> onBuild();

  /** {@return the shell of shell-form instructions ({@code SHELL}); empty for {@code /bin/sh -c}} */
  public abstract List<String> shell();

  /** {@return whether every field is empty} */
  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /** {@return a configuration with nothing set} */
  public static ImageConfig empty() {
    return EMPTY;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ImageConfig} values. */
  public static final class Builder extends ImmutableImageConfig.Builder {}
}
