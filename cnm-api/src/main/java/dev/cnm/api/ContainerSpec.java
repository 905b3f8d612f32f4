package dev.cnm.api;

import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@code docker create} / {@code docker run} asks for: the image, an optional name, the
 * network mode and per-network endpoint settings, published and exposed ports, links, extra
 * hosts, environment and labels, and how its process runs: command, entrypoint, terminal,
 * restart policy, health check and stop signal.
 *
 * <pre>{@code
 * ContainerSpec search = ContainerSpec.builder()
 *     .image("elasticsearch")
 *     .name("search")
 *     .networkMode(NetworkMode.network("dev"))
 *     .build();
 * ContainerSpec web = ContainerSpec.of("nginx");
 * ContainerSpec db = ContainerSpec.builder().image("postgres").name("db")
 *     .network("dev", "database")        // --network dev --network-alias database
 *     .network("backend")                // a second --network
 *     .build();
 * }</pre>
 */
@Value.Immutable
@CnmStyle
public abstract class ContainerSpec {
  ContainerSpec() {}

  /** {@return the image reference, for example {@code nginx} or {@code jpetazzo/clock}} */
  public abstract String image();

  /**
   * {@code --name}; a generated {@code adjective_surname} name when empty.
   *
   * @return the name ({@code --name}); when empty, the engine generates an
   *     {@code adjective_surname} name
   */
  public abstract Optional<String> name();

  /**
   * A copy with another name, sharing every other attribute (no collection is copied).
   *
   * <pre>{@code
   * ContainerSpec web = ContainerSpec.builder().image("nginx").name("web").build();
   * web.withName(Optional.of("web2")).name();   // Optional[web2]
   * web.withName(Optional.empty()).name();      // Optional.empty
   * }</pre>
   *
   * @param name the name, or empty for a generated one
   * @return the copy (this spec when the name is equal)
   */
  public abstract ContainerSpec withName(Optional<String> name);

  /** {@return the command and its arguments; the image's default when empty} */
  public abstract List<String> command();

  /**
   * {@code -e NAME=value}, added to the image's environment.
   *
   * @return the variables ({@code -e NAME=value}) added to the image's environment
   */
  public abstract List<String> env();

  /**
   * {@code --label}.
   *
   * @return the labels ({@code --label})
   */
  public abstract Map<String, String> labels();

  /**
   * {@code --hostname}; the 12-character short id when empty.
   *
   * @return the hostname ({@code --hostname}); when empty, the 12-character short id
   */
  public abstract Optional<String> hostname();

  /**
   * {@code --domainname}.
   *
   * @return the domain name ({@code --domainname})
   */
  public abstract Optional<String> domainname();

  /**
   * {@code --network}: the network mode; {@code bridge} by default.
   *
   * @return the network mode ({@code --network}); {@code bridge} by default
   */
  @Value.Default
  public NetworkMode networkMode() {
    return NetworkMode.bridge();
  }

  /**
   * Endpoint settings keyed by network name or id. The network of the mode may have an entry
   * (its aliases, static address); further entries connect the container to more networks, as
   * the Engine API's {@code EndpointsConfig} does.
   *
   * @return the endpoint settings, keyed by network name or id
   */
  public abstract Map<String, EndpointSpec> endpoints();

  /**
   * {@code -p}: the port bindings asked for, in order ({@code PortSpec.parse} gives them).
   *
   * @return the port bindings asked for ({@code -p}), in order; {@code PortSpec.parse} gives them
   */
  public abstract List<PortBinding> portBindings();

  /**
   * {@code -P}: publish every exposed port on an ephemeral host port.
   *
   * @return whether every exposed port is published on an ephemeral host port ({@code -P})
   */
  @Value.Default
  public boolean publishAllPorts() {
    return false;
  }

  /**
   * {@code --expose}: ports exposed in addition to the image's.
   *
   * @return the ports exposed in addition to the image's ({@code --expose})
   */
  public abstract List<ExposedPort> exposedPorts();

  /**
   * {@code --link name[:alias]} on the default bridge.
   *
   * @return the legacy links ({@code --link name[:alias]}), which work on the default bridge
   */
  public abstract List<String> links();

  /**
   * {@code --add-host name:ip} (the ip may be {@code host-gateway}).
   *
   * @return the extra {@code /etc/hosts} entries ({@code --add-host name:ip}); the ip may be
   *     {@code host-gateway}
   */
  public abstract List<String> extraHosts();

  /**
   * {@code --dns}.
   *
   * @return the DNS servers ({@code --dns})
   */
  public abstract List<String> dns();

  /**
   * {@code --rm}: remove the container when it stops.
   *
   * @return whether the container is removed when it stops ({@code --rm})
   */
  @Value.Default
  public boolean autoRemove() {
    return false;
  }

  /**
   * {@code --restart}: what the daemon does when the process exits.
   *
   * @return the restart policy ({@code --restart}); {@code no} by default
   */
  @Value.Default
  public RestartPolicy restartPolicy() {
    return RestartPolicy.no();
  }

  /**
   * {@code --health-cmd} and the other {@code --health-*} flags, merged into the image's {@code
   * HEALTHCHECK}; {@link Healthcheck#none()} for {@code --no-healthcheck}.
   *
   * @return the container's health check, merged into the image's
   */
  public abstract Optional<Healthcheck> healthcheck();

  /**
   * {@code --stop-signal}: the signal {@code docker stop} sends, as the user wrote it.
   *
   * @return the stop signal ({@code --stop-signal}); the image's, else {@code SIGTERM}, when empty
   */
  public abstract Optional<String> stopSignal();

  /**
   * {@code --stop-timeout}: seconds {@code docker stop} waits before {@code SIGKILL}.
   *
   * @return the stop timeout in seconds ({@code --stop-timeout}); 10 when empty
   */
  public abstract Optional<Integer> stopTimeout();

  /**
   * {@code -t}: the container has a terminal.
   *
   * @return whether the container has a terminal ({@code -t}), which keeps an interactive shell
   *     waiting for input
   */
  @Value.Default
  public boolean tty() {
    return false;
  }

  /**
   * {@code -i}: standard input stays open.
   *
   * @return whether standard input stays open ({@code -i}), which keeps an interactive shell
   *     waiting for input
   */
  @Value.Default
  public boolean openStdin() {
    return false;
  }

  /**
   * {@code --entrypoint}: replaces the image's {@code ENTRYPOINT} (and drops its {@code CMD}).
   *
   * @return the entrypoint ({@code --entrypoint}); the image's when empty
   */
  public abstract Optional<List<String>> entrypoint();

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return a container of {@code image} with every default: {@code docker create IMAGE}}
   *
   * @param image the image reference, such as {@code nginx} or {@code redis:7}
   */
  public static ContainerSpec of(String image) {
    return builder().image(image).build();
  }

  /** Builds {@link ContainerSpec} values. */
  public static final class Builder extends ImmutableContainerSpec.Builder {
    /** Whether {@link #network} chose the network mode already. */
    private boolean networkChosen;

    /** For {@link ContainerSpec#builder()}. */
    Builder() {}

    /**
     * Joins the network {@code network} with network-scoped {@code aliases}, as {@code --network
     * dev --network-alias db} does. The first call sets the {@linkplain #networkMode network mode};
     * each further call connects the container to one more network, as a repeated {@code
     * --network} does. The aliases become the network's entry of {@link ContainerSpec#endpoints()};
     * for a static address or a MAC as well, use {@link #putEndpoint} with a full {@link
     * EndpointSpec} instead.
     *
     * <pre>{@code
     * ContainerSpec.builder().image("postgres").network("dev", "db", "database").build();
     * }</pre>
     *
     * @param network the network's name or id
     * @param aliases its network-scoped aliases ({@code --network-alias}), possibly none
     * @return this builder
     */
    public Builder network(String network, String... aliases) {
      java.util.Objects.requireNonNull(network, "network");
      List<String> names = List.of(aliases);
      boolean first = !networkChosen;
      if (first) {
        networkMode(NetworkMode.network(network));
        networkChosen = true;
      }
      if (!first || !names.isEmpty()) {
        putEndpoint(network, EndpointSpec.builder().addAllAliases(names).build());
      }
      return this;
    }
  }
}
