package dev.cnm.core;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.cnm.api.Engine;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.DriverPlugins;
import dev.cnm.api.process.ClockMode;
import dev.cnm.api.process.Program;
import dev.cnm.api.process.Script;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.core.host.DefaultHostInterfaces;
import dev.cnm.core.host.DefaultHostPortAllocator;
import dev.cnm.core.host.DefaultHostRules;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.core.ipam.IpamConfiguration;
import dev.cnm.core.ipam.NullIpamDriver;
import dev.cnm.core.ipam.StoreBackedIpam;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Builds an {@link Engine}: its drivers (registered explicitly, or found with {@link
 * ServiceLoader} when none are), its IPAM configuration, its daemon configuration, and the clock
 * and random source that make it deterministic.
 *
 * <pre>{@code
 * Engine engine = Cnm.builder()
 *     .seed(42)                                  // deterministic ids, names, MACs, times
 *     .configuration(EngineConfiguration.dockerDefaults())
 *     .build();
 * }</pre>
 */
public final class EngineBuilder {
  /**
   * The drivers discovered through this class's own loader, found once: a {@link ServiceLoader}
   * scan reads every {@code META-INF/services} file of the class path, which would be most of an
   * unseeded engine's build time. Providers are factories ({@link NetworkDriverProvider#create} makes a
   * new driver per engine), so sharing them between engines is safe. Holds null until the first
   * discovery succeeds.
   */
  private static volatile List<NetworkDriverProvider> cachedDiscovery;
  /**
   * Seeds of unseeded engines: split from one generator seeded once from {@link SecureRandom}
   * (a {@code SecureRandom} per engine takes tens of microseconds to create). Guarded by itself.
   */
  private static final SplittableRandom SEEDS = new SplittableRandom(new SecureRandom().nextLong());

  private final List<NetworkDriverProvider> providers = new ArrayList<>();
  /** The providers {@link #driversFromServiceLoader} added; an explicit one of the same type replaces them. */
  private final List<NetworkDriverProvider> discovered = new ArrayList<>();
  private final Map<String, IpamDriver> ipamDrivers = new LinkedHashMap<>();
  private EngineConfiguration configuration = EngineConfiguration.dockerDefaults();
  private IpamConfiguration ipam = IpamConfiguration.dockerDefaults();
  private ImageCatalog images = ImageCatalog.dockerDefaults();
  private PullPolicy pullPolicy = PullPolicy.MISSING;
  private RandomGenerator random;
  private InstantSource clock;
  private GlobalStore globalStore;
  private String hostName = "localhost";
  private DriverPlugins plugins = DriverPlugins.NONE;
  private ClockMode clockMode;
  /** Programs by name (the last part of {@code argv[0]}), registered by the caller. */
  private final Map<String, Program> programs = new LinkedHashMap<>();
  /** Programs by normalised image reference, registered by the caller. */
  private final Map<String, Program> imagePrograms = new LinkedHashMap<>();

  EngineBuilder() {}

  /**
   * Registers a network driver; explicit registration disables discovery. It replaces a driver of
   * the same type that {@link #driversFromServiceLoader} registered.
   *
   * @param provider makes the driver for the engine; its {@link NetworkDriverProvider#type()} is
   *     the name {@code --driver} uses
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder driver(NetworkDriverProvider provider) {
    requireNonNull(provider, "provider");
    providers.removeIf(p -> p.type().equals(provider.type()) && discovered.stream().anyMatch(d -> d == p));
    providers.add(provider);
    return this;
  }

  /**
   * Registers every driver {@link ServiceLoader} finds, sorted by type, except the types already
   * registered explicitly; duplicates are refused.
   *
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder driversFromServiceLoader() {
    for (NetworkDriverProvider p : discover(Thread.currentThread().getContextClassLoader())) {
      if (providers.stream().noneMatch(q -> q.type().equals(p.type()))) {
        providers.add(p);
        discovered.add(p);
      }
    }
    return this;
  }

  /**
   * Registers an IPAM driver under its name, replacing a built-in one of that name.
   *
   * @param driver the IPAM driver; {@link IpamDriver#name()} is the name {@code --ipam-driver} uses
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder ipamDriver(IpamDriver driver) {
    ipamDrivers.put(driver.name(), driver);
    return this;
  }

  /**
   * Sets the default IPAM driver's pools ({@code default-address-pools}).
   *
   * @param ipam the predefined pools, local and global
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder ipam(IpamConfiguration ipam) {
    this.ipam = requireNonNull(ipam, "ipam");
    return this;
  }

  /**
   * Sets the registry the engine pulls images from: the images it serves, with their run
   * configuration, sizes and layers; Docker's well-known images by default. A new engine has no
   * image, as dockerd starts with none; {@link #pullPolicy} says whether creating a container
   * pulls its image from here.
   *
   * @param images the catalogue; {@link ImageCatalog#dockerDefaults()} by default
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder images(ImageCatalog images) {
    this.images = requireNonNull(images, "images");
    return this;
  }

  /**
   * Sets what creating a container does when its image is not in the engine. {@link
   * PullPolicy#MISSING} (the default) pulls it first, as {@code docker run} does, so that a
   * library user can create a container of any image at once; {@link PullPolicy#NEVER} answers
   * {@code No such image: nginx:latest} (404), as dockerd's API does, and is what {@code cnm} and
   * {@code cnm serve} use: their clients (the docker CLI, docker-java, compose) pull first, or on
   * that 404, as they do with dockerd.
   *
   * @param pullPolicy the policy
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder pullPolicy(PullPolicy pullPolicy) {
    this.pullPolicy = requireNonNull(pullPolicy, "pullPolicy");
    return this;
  }

  /**
   * Sets the daemon configuration.
   *
   * @param configuration the daemon configuration; {@link EngineConfiguration#dockerDefaults()} by
   *     default
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder configuration(EngineConfiguration configuration) {
    this.configuration = requireNonNull(configuration, "configuration");
    return this;
  }

  /**
   * Makes the engine deterministic: ids, names and MACs come from a random source seeded with
   * {@code seed}, and (unless a clock is set) time starts at a fixed instant and advances one
   * millisecond per reading.
   *
   * @param seed the seed; the same seed gives the same ids, names, MACs and times
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder seed(long seed) {
    this.random = new SplittableRandom(seed);
    return this;
  }

  /**
   * Sets the random source for ids, names and MACs.
   *
   * @param random the source; it is used from under the engine's lock only
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder random(RandomGenerator random) {
    this.random = requireNonNull(random, "random");
    return this;
  }

  /**
   * Sets the clock for creation, start and stop times.
   *
   * @param clock the clock; the system clock by default, a stepping one with {@link #seed}
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder clock(InstantSource clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Sets how the engine's time moves ({@link dev.cnm.api.process.EngineClock}). By default a
   * seeded engine without its own {@link #clock} has a {@link ClockMode#VIRTUAL} clock, where time
   * moves only when asked or when a caller waits for something scheduled; an unseeded engine, or
   * one given a clock, follows that clock ({@link ClockMode#SYSTEM}).
   *
   * @param mode virtual or system time
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder clockMode(ClockMode mode) {
    this.clockMode = requireNonNull(mode, "mode");
    return this;
  }

  /**
   * Registers a program by name: a container whose command (after its image's entrypoint, and
   * after wrappers that exec their arguments such as {@code docker-entrypoint.sh} and {@code tini
   * --}) starts with {@code name} or a path ending in {@code /name} runs the script {@code
   * program} gives. It replaces a built-in program of that name ({@code echo}, {@code sleep},
   * {@code nginx}...). The engine saves the script it got, not the program, so a program may be a
   * lambda.
   *
   * <pre>{@code
   * Cnm.builder().seed(1)
   *     .program("migrate", inv -> Script.builder().stdout("migrated").exit(0).build())
   *     .build();
   * }</pre>
   *
   * @param name the program's name, the last part of {@code argv[0]}
   * @param program turns the arguments into the script the process follows
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder program(String name, Program program) {
    requireNonNull(name, "name");
    programs.put(name, requireNonNull(program, "program"));
    return this;
  }

  /**
   * Registers a program by name that runs {@code script} whatever its arguments: {@link
   * #program(String, Program)} with {@link Program#of}.
   *
   * @param name the program's name, the last part of {@code argv[0]}
   * @param script what the process does
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder program(String name, Script script) {
    return program(name, Program.of(requireNonNull(script, "script")));
  }

  /**
   * Registers what the containers of an image do when they run the image's own command (its
   * {@code ENTRYPOINT} and {@code CMD}, no command given): it takes precedence over the programs
   * registered by name. A container given a command runs that command as usual.
   *
   * @param image the image reference, normalised ({@code myorg/app} is {@code
   *     docker.io/myorg/app:latest}); a container of another tag of the same repository runs it
   *     too, unless a program is registered for that tag
   * @param program turns the image's command into the script the process follows
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder imageProgram(String image, Program program) {
    imagePrograms.put(ImageCatalog.normalize(image), requireNonNull(program, "program"));
    return this;
  }

  /**
   * Registers what the containers of an image do when they run the image's own command: {@link
   * #imageProgram(String, Program)} with {@link Program#of}.
   *
   * @param image the image reference
   * @param script what the process does
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder imageProgram(String image, Script script) {
    return imageProgram(image, Program.of(requireNonNull(script, "script")));
  }

  /**
   * Makes the engine one host of a cluster sharing {@code store}: its global-scope networks
   * (overlay) and their IPAM state (the {@code GlobalDefault} address space) live in the store, so
   * every engine built on the same store sees the same global networks and never hands out the
   * same address. The built-in overlay driver takes this store from its {@code DriverContext};
   * without a store it refuses overlay networks as a Docker host outside a swarm does ({@code This
   * node is not a swarm manager...}), while other global-scope drivers keep their networks in the
   * engine.
   *
   * @param store the store the cluster's engines share
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder globalStore(GlobalStore store) {
    this.globalStore = requireNonNull(store, "store");
    return this;
  }

  /**
   * Sets where the engine looks up, by name, a network or IPAM driver it was not built with
   * (Docker's plugins: {@code network create -d NAME}, {@code --ipam-driver NAME}); none by
   * default, so an unknown driver is {@code plugin "NAME" not found}.
   *
   * @param plugins the plugin lookup, such as {@code RemotePlugins.dockerDefaults()} of cnm-plugins
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder plugins(DriverPlugins plugins) {
    this.plugins = requireNonNull(plugins, "plugins");
    return this;
  }

  /**
   * Sets the name of the host this engine models, unique in its cluster ({@code localhost} by
   * default).
   *
   * @param hostName the host's name
   * @return this builder
   */
  @CanIgnoreReturnValue
  public EngineBuilder hostName(String hostName) {
    this.hostName = requireNonNull(hostName, "hostName");
    return this;
  }

  /**
   * Builds the engine with the predefined networks {@code bridge}, {@code host} and {@code none}.
   *
   * @return the engine
   */
  public Engine build() {
    return new DefaultEngine(services(), true);
  }

  /** Builds an engine without any network, for a restore of a saved state ({@code EngineState.restore}). */
  DefaultEngine buildEmpty() {
    return new DefaultEngine(services(), false);
  }

  /**
   * The engine's services, each built from the ones before it: the host services, then the
   * drivers created with them, then the IPAM drivers, then the plugin registry (whose drivers are
   * created with the host services too), then (with a store) the global networks, which look
   * drivers up as the engine does: the built-in ones, then the plugins.
   */
  private EngineServices services() {
    RandomGenerator r = random != null ? random : unseeded();
    InstantSource base = clock != null ? clock
        : random != null ? new SteppingClock(SteppingClock.EPOCH, Duration.ofMillis(1)) : InstantSource.system();
    ClockMode mode = clockMode != null ? clockMode
        : random != null && clock == null ? ClockMode.VIRTUAL : ClockMode.SYSTEM;
    EngineTime c = new EngineTime(base, mode);
    HostServices host = new HostServices(configuration, r, c,
        DefaultHostPortAllocator.withRange(configuration.ephemeralPortBegin(), configuration.ephemeralPortEnd()),
        DefaultHostRules.create(), DefaultHostInterfaces.create(configuration.hostAddress()),
        Optional.ofNullable(globalStore), hostName);
    List<NetworkDriverProvider> all = providers.isEmpty() ? discovered() : providers;
    Map<String, NetworkDriver> drivers = new LinkedHashMap<>();
    for (NetworkDriverProvider p : all) {
      checkState(!drivers.containsKey(p.type()), "Driver already registered for type \"%s\"", p.type());
      drivers.put(p.type(), p.create(host));
    }
    Map<String, IpamDriver> ipams = new LinkedHashMap<>();
    ipams.put("default", globalStore != null ? StoreBackedIpam.create(ipam, globalStore) : DefaultIpamDriver.create(ipam));
    ipams.put("null", NullIpamDriver.INSTANCE);
    ipams.putAll(ipamDrivers);
    Map<String, NetworkDriver> builtIn = Map.copyOf(drivers);
    Map<String, IpamDriver> builtInIpams = Map.copyOf(ipams);
    PluginRegistry registry = new PluginRegistry(plugins, host);
    GlobalNetworks global = globalStore == null ? null : new GlobalNetworks(globalStore, hostName,
        type -> EngineServices.lookup(builtIn, registry::networkDriver, type),
        name -> EngineServices.lookup(builtInIpams, registry::ipamDriver, name));
    return new EngineServices(host, c, images, pullPolicy, new Programs(programs, imagePrograms), builtIn,
        builtInIpams, registry, global);
  }

  private static RandomGenerator unseeded() {
    synchronized (SEEDS) {
      return SEEDS.split();
    }
  }

  /** The drivers this class's loader finds, discovered on first use and then remembered. */
  private static List<NetworkDriverProvider> discovered() {
    List<NetworkDriverProvider> d = cachedDiscovery;
    if (d == null) {
      d = List.copyOf(discover(EngineBuilder.class.getClassLoader()));
      cachedDiscovery = d;
    }
    return d;
  }

  /**
   * The network drivers {@link ServiceLoader} finds, sorted by type.
   *
   * @throws IllegalStateException when two providers declare the same type, naming both classes
   */
  static List<NetworkDriverProvider> discover(ClassLoader loader) {
    TreeMap<String, NetworkDriverProvider> byType = new TreeMap<>();
    for (NetworkDriverProvider p : ServiceLoader.load(NetworkDriverProvider.class, loader)) {
      NetworkDriverProvider previous = byType.put(p.type(), p);
      checkState(previous == null, "two network drivers of type \"%s\": %s and %s", p.type(),
          previous == null ? "" : previous.getClass().getName(), p.getClass().getName());
    }
    return new ArrayList<>(byType.values());
  }
}
