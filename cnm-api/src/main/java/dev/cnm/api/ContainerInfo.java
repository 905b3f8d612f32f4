package dev.cnm.api;

import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PublishedPort;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An immutable snapshot of a container, as {@code docker inspect} shows it.
 *
 * <pre>{@code
 * ContainerInfo web = engine.run(ContainerSpec.of("nginx"));
 * web.name();                       // e.g. "happy_curie"
 * web.status();                     // RUNNING
 * web.networks().get("bridge").endpoint().orElseThrow().ipv4Address();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ContainerInfo {
  ContainerInfo() {}

  /** {@return the 64-hex id} */
  public abstract String id();

  /** {@return the first 12 characters of the id} */
  @Value.Derived
  public String shortId() {
    return id().substring(0, 12);
  }

  /** {@return the name, without Docker's leading slash} */
  public abstract String name();

  /** {@return the image reference as given ({@code Config.Image}): a name, or an id when created by id} */
  public abstract String image();

  /**
   * {@return the id of the image it was created from ({@code .Image}, {@code sha256:...}); empty
   * for a snapshot built without one}
   */
  @Value.Default
  public String imageId() {
    return "";
  }

  /**
   * {@return the effective command ({@code Config.Cmd}): the one given, else the image's
   * {@code CMD}}
   */
  public abstract List<String> command();

  /**
   * {@return the image's {@code ENTRYPOINT} ({@code Config.Entrypoint}), run with {@link #command}
   * as its arguments}
   */
  public abstract List<String> entrypoint();

  /** {@return the effective environment: the image's, then the container's} */
  public abstract List<String> env();

  /**
   * Labels.
   *
   * @return the labels: those given at creation ({@code --label}), then the image's others
   */
  public abstract Map<String, String> labels();

  /** {@return the working directory ({@code -w}, else the image's {@code WORKDIR}); empty for {@code /}} */
  @Value.Default
  public String workingDir() {
    return "";
  }

  /** {@return the user ({@code -u}, else the image's {@code USER}); empty for root} */
  @Value.Default
  public String user() {
    return "";
  }

  /** {@return the volumes the image declares ({@code VOLUME}), by path} */
  public abstract java.util.Set<String> volumes();

  /** {@return the hostname: {@code --hostname}, or the short id} */
  public abstract String hostname();

  /** {@return the domain name, usually empty} */
  public abstract String domainname();

  /** {@return the state} */
  public abstract ContainerStatus status();

  /**
   * When it was created.
   *
   * @return when the container was created
   */
  public abstract Instant created();

  /**
   * When it last started.
   *
   * @return when the container last started; empty if it never did
   */
  public abstract Optional<Instant> startedAt();

  /**
   * When it last stopped.
   *
   * @return when the container last stopped; empty if it never did
   */
  public abstract Optional<Instant> finishedAt();

  /** {@return the exit code of the last run (0 while running or never started)} */
  @Value.Default
  public int exitCode() {
    return 0;
  }

  /** {@return how often it was restarted by the engine ({@code RestartCount})} */
  @Value.Default
  public int restartCount() {
    return 0;
  }

  /**
   * {@return the process id while running ({@code State.Pid}): a stand-in derived from the id and
   * the start time, so that a seeded engine is deterministic; 0 when not running}
   */
  @Value.Default
  public int pid() {
    return 0;
  }

  /** {@return whether the kernel's out-of-memory killer ended the last run ({@code State.OOMKilled})} */
  @Value.Default
  public boolean oomKilled() {
    return false;
  }

  /** {@return the last error, such as a failed start ({@code State.Error}); empty when none} */
  @Value.Default
  public String error() {
    return "";
  }

  /**
   * {@return the health ({@code State.Health}): present once a container with a health check has
   * started}
   */
  public abstract Optional<HealthState> health();

  /**
   * {@return the health check in effect ({@code Config.Healthcheck}): the image's, merged with the
   * container's {@code --health-*} flags}
   */
  public abstract Optional<Healthcheck> healthcheck();

  /** {@return the stop signal in effect ({@code Config.StopSignal}): the container's, else the image's} */
  public abstract Optional<String> stopSignal();

  /** {@return the spec it was created from (the name and network mode as given)} */
  public abstract ContainerSpec spec();

  /** {@return the network mode} */
  public abstract NetworkMode networkMode();

  /**
   * {@return every exposed port: the image's, {@code --expose} and the container ports of
   * {@code -p}, sorted}
   */
  public abstract List<ExposedPort> exposedPorts();

  /**
   * {@return the host ports published while it runs, in {@code docker port} order; empty when
   * stopped}
   */
  public abstract List<PublishedPort> ports();

  /** {@return the networks it is configured on, keyed by network name, in connection order} */
  public abstract Map<String, AttachedNetwork> networks();

  /**
   * {@return the endpoint on {@code network} while running}
   *
   * @param network the network's name
   */
  public Optional<EndpointInfo> endpoint(String network) {
    AttachedNetwork n = networks().get(network);
    return n == null ? Optional.empty() : n.endpoint();
  }

  /** {@return whether the container is running (not restarting: a restarting container has no endpoint)} */
  public boolean isRunning() {
    return status() == ContainerStatus.RUNNING;
  }

  /**
   * {@return whether the container waits to be restarted by its restart policy; Docker reports it
   * as running too ({@code State.Running})}
   */
  public boolean isRestarting() {
    return status() == ContainerStatus.RESTARTING;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ContainerInfo} values. */
  public static final class Builder extends ImmutableContainerInfo.Builder {}
}
