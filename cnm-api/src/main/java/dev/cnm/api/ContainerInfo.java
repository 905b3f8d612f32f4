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

  /** The 64-hex id. */
  public abstract String id();

  /** The first 12 characters of the id. */
  @Value.Derived
  public String shortId() {
    return id().substring(0, 12);
  }

  /** The name, without Docker's leading slash. */
  public abstract String name();

  /** The image reference as given. */
  public abstract String image();

  /** The effective command ({@code Config.Cmd}): the one given, else the image's {@code CMD}. */
  public abstract List<String> command();

  /** The image's {@code ENTRYPOINT} ({@code Config.Entrypoint}), run with {@link #command} as its arguments. */
  public abstract List<String> entrypoint();

  /** The effective environment: the image's, then the container's. */
  public abstract List<String> env();

  /** Labels. */
  public abstract Map<String, String> labels();

  /** The hostname: {@code --hostname}, or the short id. */
  public abstract String hostname();

  /** The domain name, usually empty. */
  public abstract String domainname();

  /** The state. */
  public abstract ContainerStatus status();

  /** When it was created. */
  public abstract Instant created();

  /** When it last started. */
  public abstract Optional<Instant> startedAt();

  /** When it last stopped. */
  public abstract Optional<Instant> finishedAt();

  /** The exit code of the last run (0 while running or never started). */
  @Value.Default
  public int exitCode() {
    return 0;
  }

  /** How often it was restarted by the engine ({@code RestartCount}). */
  @Value.Default
  public int restartCount() {
    return 0;
  }

  /** The spec it was created from (the name and network mode as given). */
  public abstract ContainerSpec spec();

  /** The network mode. */
  public abstract NetworkMode networkMode();

  /** Every exposed port: the image's, {@code --expose} and the container ports of {@code -p}, sorted. */
  public abstract List<ExposedPort> exposedPorts();

  /** The host ports published while it runs, in {@code docker port} order; empty when stopped. */
  public abstract List<PublishedPort> ports();

  /** The networks it is configured on, keyed by network name, in connection order. */
  public abstract Map<String, AttachedNetwork> networks();

  /** The endpoint on {@code network} while running. */
  public Optional<EndpointInfo> endpoint(String network) {
    AttachedNetwork n = networks().get(network);
    return n == null ? Optional.empty() : n.endpoint();
  }

  /** Whether the container is running. */
  public boolean isRunning() {
    return status() == ContainerStatus.RUNNING;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ContainerInfo} values. */
  public static final class Builder extends ImmutableContainerInfo.Builder {}
}
