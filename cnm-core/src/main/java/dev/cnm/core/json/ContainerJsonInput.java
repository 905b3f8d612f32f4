package dev.cnm.core.json;

import dev.cnm.api.CnmStyle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a container's JSON views take beyond {@link dev.cnm.api.ContainerInfo}: the resolved
 * legacy links and the names legacy links give the container, which the snapshot does not carry,
 * and overrides for the ports, which it does ({@link dev.cnm.api.ContainerInfo#exposedPorts()},
 * {@link dev.cnm.api.ContainerInfo#ports()}, {@link dev.cnm.api.ContainerSpec#portBindings()}).
 * Every part is optional; an empty part means "take it from the snapshot", and {@link #none()}
 * takes everything from it.
 *
 * <p>Port keys are Docker's {@code "<port>/<proto>"} ({@code "80/tcp"}). The views sort keys as
 * Go sorts map keys, so the order given here does not matter.
 *
 * <pre>{@code
 * ObjectNode web = DockerJson.container(engine.container("web")); // ports from the snapshot
 * ObjectNode lnk = DockerJson.container(engine.container("lnk"),
 *     ContainerJsonInput.builder().addHostConfigLink("/web:/lnk/w").build());
 * ObjectNode item = DockerJson.containerSummary(engine.container("web"),
 *     ContainerJsonInput.builder().addLinkName("/lnk/w").build(), Instant.now());
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ContainerJsonInput {
  private static final ContainerJsonInput NONE = builder().build();

  ContainerJsonInput() {}

  /**
   * {@code Config.ExposedPorts}: the image's exposed ports plus every published one (Docker adds
   * {@code -p} ports to it). Running containers also list each in {@code NetworkSettings.Ports},
   * with {@code null} when it is not published. Empty: the snapshot's {@code exposedPorts()}.
   *
   * @return the ports for {@code Config.ExposedPorts}: the image's exposed ports plus every
   *     published one
   */
  public abstract List<String> exposedPorts();

  /**
   * {@code HostConfig.PortBindings}: the bindings asked for with {@code -p}, by port key. Empty:
   * the spec's {@code portBindings()}.
   *
   * @return the bindings for {@code HostConfig.PortBindings}, as asked for with {@code -p}, by port
   *     key
   */
  public abstract Map<String, List<HostBinding>> portBindings();

  /**
   * {@code NetworkSettings.Ports} of a running container: the bindings actually made, by port
   * key; an empty-{@code HostIp} request typically shows twice, as {@code 0.0.0.0} and {@code ::}.
   * Ignored while the container is not running. Empty: the snapshot's {@code ports()}.
   *
   * @return the bindings for {@code NetworkSettings.Ports}, as made for a running container, by
   *     port key
   */
  public abstract Map<String, List<HostBinding>> publishedPorts();

  /**
   * {@code HostConfig.Links} in Docker's internal form {@code /child:/parent/alias}. When empty,
   * the views derive it from the spec's {@code --link name[:alias]} values on the default bridge,
   * taking each {@code name} as the child's name.
   *
   * @return the links for {@code HostConfig.Links}, in Docker's internal form
   *     {@code /child:/parent/alias}
   */
  public abstract List<String> hostConfigLinks();

  /**
   * {@return the names legacy links give this container as a child ({@code /parent/alias}), listed
   * after its own name in the summary's {@code Names}}
   */
  public abstract List<String> linkNames();

  /**
   * {@code Image} / {@code ImageID}; by default {@link DockerJson#imageId(String)} of the image.
   *
   * @return the image id for {@code Image} and {@code ImageID}; by default
   *     {@link DockerJson#imageId(String)} of the image
   */
  public abstract Optional<String> imageId();

  /**
   * {@code HostConfig.PublishAllPorts} ({@code -P}); also true when the spec says so.
   *
   * @return whether every exposed port is published ({@code HostConfig.PublishAllPorts},
   *     {@code -P}); also true when the spec says so
   */
  @Value.Default
  public boolean publishAllPorts() {
    return false;
  }

  /**
   * Nothing beyond the snapshot.
   *
   * @return an input with nothing beyond the snapshot
   */
  public static ContainerJsonInput none() {
    return NONE;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ContainerJsonInput} values. */
  public static final class Builder extends ImmutableContainerJsonInput.Builder {}
}
