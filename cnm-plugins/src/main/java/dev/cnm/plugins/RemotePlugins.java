package dev.cnm.plugins;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.DriverPlugins;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.plugins.internal.GoValues;
import dev.cnm.plugins.internal.PluginClient;
import dev.cnm.plugins.internal.PluginDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Docker's legacy (v1) plugins for an engine: found by name in the plugin directories ({@code
 * /run/docker/plugins/NAME.sock}, {@code /etc/docker/plugins/NAME.spec|json}, {@code
 * /usr/lib/docker/plugins}) or registered explicitly, activated with the {@code /Plugin.Activate}
 * handshake (retried while the connection fails, for Docker's 30 s unless configured), and
 * registered as network drivers ({@code Implements: NetworkDriver}) and IPAM drivers ({@code
 * IpamDriver}) the way libnetwork's {@code remote} driver and {@code ipams/remote} do. Give it to
 * the engine builder, and {@code network create -d NAME} and {@code --ipam-driver NAME} find the
 * plugins.
 *
 * <pre>{@code
 * RemotePlugins plugins = RemotePlugins.builder()
 *     .register("weave", PluginAddress.parse("unix:///run/docker/plugins/weave.sock"))
 *     .callTimeout(Duration.ofSeconds(5))
 *     .build();
 * Engine engine = Cnm.builder().plugins(plugins).build();
 * engine.createNetwork(NetworkSpec.builder().name("w").driver("weave").build());
 * }</pre>
 */
public final class RemotePlugins implements DriverPlugins {
  /** Docker's directory of plugin sockets. */
  public static final Path DOCKER_SOCKETS = Path.of("/run/docker/plugins");
  /** Docker's directories of plugin spec files, in order. */
  public static final List<Path> DOCKER_SPECS = List.of(Path.of("/etc/docker/plugins"), Path.of("/usr/lib/docker/plugins"));
  /** Docker's retry window for a plugin whose connection fails ({@code defaultTimeOut}). */
  public static final Duration DOCKER_RETRY_WINDOW = Duration.ofSeconds(30);
  /** The default bound on one call. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  private static final RemotePlugins DOCKER_DEFAULTS = builder().build();

  private final PluginDirectories directories;
  private final Map<String, PluginAddress> registered;
  private final Duration callTimeout;
  private final Duration retryWindow;
  private final CallListener listener;
  private final PluginJournal journal;
  /** Whether this thread is restoring an engine (its repeated calls answered from the journal). */
  private final ThreadLocal<Boolean> replaying = ThreadLocal.withInitial(() -> false);
  /** Activated plugins by name, as Docker's plugin storage keeps them; a failed activation is forgotten. */
  private final Map<String, Activated> activated = new ConcurrentHashMap<>();
  /** The network driver last registered for each plugin (the one an engine holds). */
  private final Map<String, RemoteNetworkDriver> registeredDrivers = new ConcurrentHashMap<>();

  private RemotePlugins(Builder b) {
    this.directories = new PluginDirectories(b.sockets, b.specs);
    this.registered = Map.copyOf(b.registered);
    this.callTimeout = b.callTimeout;
    this.retryWindow = b.retryWindow;
    this.listener = b.listener;
    this.journal = b.journal;
  }

  /** {@return the plugins of Docker's directories, with Docker's retry window and 30 s per call} */
  public static RemotePlugins dockerDefaults() {
    return DOCKER_DEFAULTS;
  }

  /** {@return a builder starting from Docker's directories and defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** An activated plugin: its client and what it implements. */
  private static final class Activated {
    final PluginClient client;
    final List<String> implementing;

    Activated(PluginClient client, List<String> implementing) {
      this.client = client;
      this.implementing = implementing;
    }
  }

  /**
   * Runs {@code restore} (an engine's restore from saved state) with the plugins' answers taken
   * from the journal instead of calling them again: activation, capabilities, address spaces,
   * pools, addresses and joins are replayed, {@code CreateNetwork}, {@code CreateEndpoint} and
   * {@code ProgramExternalConnectivity} are not repeated. A call the journal has no answer for is
   * made.
   *
   * @param <T> what the restore returns
   * @param restore the restore, such as {@code () -> EngineState.restore(saved, builder)}
   * @return what {@code restore} returned
   */
  public <T> T replaying(Supplier<T> restore) {
    boolean was = replaying.get();
    replaying.set(true);
    try {
      return restore.get();
    } finally {
      replaying.set(was);
    }
  }

  /** {@return the journal the plugins' answers are kept in} */
  public PluginJournal journal() {
    return journal;
  }

  /**
   * {@return the plugin named {@code name}: a registration, else its file in the plugin
   * directories; empty when there is neither}
   *
   * @param name the plugin's name
   */
  public Optional<DiscoveredPlugin> find(String name) {
    requireNonNull(name, "name");
    PluginAddress a = registered.get(name);
    if (a != null) {
      return Optional.of(new DiscoveredPlugin(name, "registered", Optional.of(a), ""));
    }
    return directories.lookup(name).map(f -> new DiscoveredPlugin(f.name, f.file.toString(), f.address, f.error));
  }

  /**
   * {@return every plugin known, by name: the registered ones and those of the directories (a
   * registration wins over a file, and the first directory over the later ones)}
   */
  public List<DiscoveredPlugin> list() {
    Set<String> names = new LinkedHashSet<>(new java.util.TreeSet<>(registered.keySet()));
    names.addAll(new java.util.TreeSet<>(directories.scan()));
    List<DiscoveredPlugin> out = new ArrayList<>();
    for (String n : names) {
      find(n).ifPresent(out::add);
    }
    out.sort(java.util.Comparator.comparing(DiscoveredPlugin::name));
    return out;
  }

  /**
   * Activates plugin {@code name} ({@code /Plugin.Activate}) unless it already is, and returns
   * what it implements ({@code NetworkDriver}, {@code IpamDriver}, ...); empty when there is no
   * such plugin.
   *
   * @param name the plugin's name
   * @return what the plugin implements, or empty when there is no such plugin
   * @throws CnmException {@code legacy plugin: <error>} when the plugin's file gives no address or
   *     the handshake fails
   */
  public Optional<List<String>> activate(String name) {
    return activation(name).map(a -> a.implementing);
  }

  private Optional<Activated> activation(String name) {
    Activated a = activated.get(name);
    if (a != null) {
      return Optional.of(a);
    }
    Optional<DiscoveredPlugin> found = find(name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    if (found.get().address().isEmpty()) {
      throw new SystemException("legacy plugin: " + found.get().problem());
    }
    synchronized (activated) {
      a = activated.get(name);
      if (a == null) {
        PluginClient client = new PluginClient(name, found.get().address().get(), callTimeout, retryWindow, listener,
            journal, replaying::get);
        PluginClient.Reader<List<String>> manifest = (m, verdict) -> {
          List<String> list = new ArrayList<>();
          for (JsonNode i : GoValues.array(m, "Manifest", "Implements", "[]string")) {
            if (!i.isTextual()) {
              throw GoValues.mismatch(i, "Manifest", "Implements", "string");
            }
            list.add(i.asText());
          }
          verdict.append("Docker activates plugin \"").append(name).append("\": it implements ").append(list);
          client.remember("Plugin.Activate", "", m);
          return List.copyOf(list);
        };
        List<String> implementing;
        try {
          implementing = client.replay("Plugin.Activate", "", "plugins.Manifest", manifest).orElseGet(() ->
              client.call("Plugin.Activate", null, "plugins.Manifest", false, manifest, e -> "Docker fails to activate "
                  + "the plugin; network create -d " + name + " fails with \"legacy plugin: " + e.getMessage() + "\""));
        } catch (CnmException e) {
          throw new SystemException("legacy plugin: " + e.getMessage(), e);
        }
        a = new Activated(client, implementing);
        activated.put(name, a);
      }
      return Optional.of(a);
    }
  }

  private static void checkImplements(String name, Activated a, String kind) {
    if (!a.implementing.contains(kind)) {
      throw new SystemException("legacy plugin: Plugin does not implement the requested driver: plugin=\"" + name
          + "\", requested implementation=\"" + kind + "\"");
    }
  }

  /**
   * The network driver of plugin {@code name}, registered as libnetwork registers it ({@code
   * GetCapabilities}).
   *
   * @throws CnmException {@code legacy plugin: ...} when activation fails or the plugin is no
   *     network driver; {@code could not resolve driver <name> in registry} when its capability
   *     cannot be read
   */
  @Override
  public Optional<NetworkDriver> networkDriver(String name, DriverContext context) {
    return remoteNetworkDriver(name).map(d -> d);
  }

  /**
   * As {@link #networkDriver}, with the plugin's extra calls ({@code EndpointOperInfo}, {@code
   * DiscoverNew}...).
   *
   * @param name the plugin's name
   * @return the plugin's network driver, or empty when there is no such plugin
   * @throws CnmException {@code legacy plugin: ...} when activation fails or the plugin is no
   *     network driver; {@code could not resolve driver <name> in registry} when its capability
   *     cannot be read
   */
  public Optional<RemoteNetworkDriver> remoteNetworkDriver(String name) {
    Optional<Activated> a = activation(requireNonNull(name, "name"));
    if (a.isEmpty()) {
      return Optional.empty();
    }
    checkImplements(name, a.get(), "NetworkDriver");
    try {
      RemoteNetworkDriver d = RemoteNetworkDriver.register(name, a.get().client);
      registeredDrivers.put(name, d);
      return Optional.of(d);
    } catch (CnmException e) {
      throw new SystemException("could not resolve driver " + name + " in registry", e);
    }
  }

  /**
   * The network driver last registered for plugin {@code name} (by {@link #networkDriver}: the one
   * an engine holds), for the calls the engine never makes ({@code EndpointOperInfo}...).
   *
   * @param name the plugin's name
   * @return the driver, or empty when none was registered for the plugin
   */
  public Optional<RemoteNetworkDriver> registeredNetworkDriver(String name) {
    return Optional.ofNullable(registeredDrivers.get(requireNonNull(name, "name")));
  }

  /**
   * The IPAM driver of plugin {@code name}, registered as libnetwork registers it.
   *
   * @throws CnmException {@code legacy plugin: ...} when activation fails or the plugin is no IPAM driver
   */
  @Override
  public Optional<IpamDriver> ipamDriver(String name) {
    return remoteIpamDriver(name).map(d -> d);
  }

  /**
   * As {@link #ipamDriver}, typed.
   *
   * @param name the plugin's name
   * @return the plugin's IPAM driver, or empty when there is no such plugin
   * @throws CnmException {@code legacy plugin: ...} when activation fails or the plugin is no IPAM driver
   */
  public Optional<RemoteIpamDriver> remoteIpamDriver(String name) {
    Optional<Activated> a = activation(requireNonNull(name, "name"));
    if (a.isEmpty()) {
      return Optional.empty();
    }
    checkImplements(name, a.get(), "IpamDriver");
    return Optional.of(RemoteIpamDriver.register(name, a.get().client));
  }

  /**
   * Builds {@link RemotePlugins}.
   *
   * <pre>{@code
   * RemotePlugins.builder().noDirectories().register("x", PluginAddress.parse("tcp://127.0.0.1:9000")).build();
   * }</pre>
   */
  public static final class Builder {
    private List<Path> sockets = List.of(DOCKER_SOCKETS);
    private List<Path> specs = DOCKER_SPECS;
    private final Map<String, PluginAddress> registered = new LinkedHashMap<>();
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration retryWindow = DOCKER_RETRY_WINDOW;
    private CallListener listener = CallListener.NONE;
    private PluginJournal journal = PluginJournal.empty();

    private Builder() {}

    /**
     * Sets the directory of plugin sockets ({@code /run/docker/plugins} by default).
     *
     * @param dir the directory
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder socketsDirectory(Path dir) {
      this.sockets = List.of(requireNonNull(dir, "dir"));
      return this;
    }

    /**
     * Looks for sockets and spec files alike in {@code dirs}, in order, instead of Docker's
     * layout (a test's or a user's own plugin directories).
     *
     * @param dirs the directories, in the order they are searched
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder pluginDirectories(List<Path> dirs) {
      this.sockets = List.copyOf(dirs);
      this.specs = List.copyOf(dirs);
      return this;
    }

    /**
     * Sets the directories of spec files, in order ({@code /etc/docker/plugins}, {@code
     * /usr/lib/docker/plugins} by default).
     *
     * @param dirs the directories, in the order they are searched
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder specsDirectories(List<Path> dirs) {
      this.specs = List.copyOf(dirs);
      return this;
    }

    /**
     * Looks in no directory: only registered plugins exist.
     *
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder noDirectories() {
      this.sockets = List.of();
      this.specs = List.of();
      return this;
    }

    /**
     * Registers plugin {@code name} at {@code address}; a registration wins over the directories.
     *
     * @param name the plugin's name
     * @param address where it listens
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder register(String name, PluginAddress address) {
      registered.put(requireNonNull(name, "name"), requireNonNull(address, "address"));
      return this;
    }

    /**
     * Sets the bound on each attempt of a call (connect, request, answer); zero for none, as
     * Docker's legacy client.
     *
     * @param timeout the bound, zero or positive
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    @CanIgnoreReturnValue
    public Builder callTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("negative timeout " + timeout);
      }
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a call whose connection fails is retried (Docker's 30 s); zero for no retry.
     *
     * @param window the retry window, zero or positive
     * @return this builder
     * @throws IllegalArgumentException when {@code window} is negative
     */
    @CanIgnoreReturnValue
    public Builder retryWindow(Duration window) {
      if (window.isNegative()) {
        throw new IllegalArgumentException("negative retry window " + window);
      }
      this.retryWindow = window;
      return this;
    }

    /**
     * Sets who is told of every call, with its JSON and what Docker does with the answer.
     *
     * @param listener the listener
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder listener(CallListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets where the plugins' answers an engine depends on are kept (see {@link
     * RemotePlugins#replaying}).
     *
     * @param journal the journal
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder journal(PluginJournal journal) {
      this.journal = requireNonNull(journal, "journal");
      return this;
    }

    /** {@return the plugins} */
    public RemotePlugins build() {
      return new RemotePlugins(this);
    }
  }
}
