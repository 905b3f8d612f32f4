package dev.cnm.testkit.junit;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.Engine;
import dev.cnm.api.spi.IpamDriverProvider;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.Cnm;
import dev.cnm.core.EngineBuilder;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.testkit.events.RecordingEngine;
import dev.cnm.testkit.faults.FaultInjector;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.cnm.api.process.Program;
import dev.cnm.api.process.Script;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives each test fresh, seeded cnm engines by parameter injection, and prints the seed when the
 * test fails so that {@link Seed @Seed} (or {@code -Dcnm.seed=...}) replays it exactly.
 *
 * <p>Injectable parameters of test, {@code @BeforeEach} and {@code @AfterEach} methods (not
 * constructors), all belonging to the same test and built lazily:
 * <ul>
 *   <li>{@link Engine}: an engine with the built-in drivers ({@code bridge}, {@code host},
 *       {@code null}) and IPAM, like {@code Cnm.builder().seed(seed).build()}; it is the
 *       {@link RecordingEngine} below, so its events are recorded whatever the test asks for;
 *   <li>{@link RecordingEngine}: the same engine, to read its events;
 *   <li>{@link FaultInjector}: the injector that wraps every driver and IPAM driver of that engine,
 *       its recording starting after the predefined networks were created;
 *   <li>{@link CnmCluster}: {@link ClusterSize} engines (3 by default) sharing one in-memory store,
 *       with the {@code overlay} driver besides the built-in ones ({@link CnmCluster#create}).
 *   <li>{@link dev.cnm.testkit.docker.DockerEndpoint}: the engine above served over the Docker
 *       Engine API, on a loopback port or ({@link DockerEndpointKind}) a Unix socket, started on
 *       first use and closed after the test (needs cnm-docker-api on the class path);
 *   <li>docker-java's {@code DockerClient}: that endpoint's client (needs docker-java and a
 *       transport, zerodep or httpclient5).
 * </ul>
 *
 * <p>Third-party drivers join the built-in ones in every engine and cluster of a test through
 * {@link CnmDrivers @CnmDrivers}, or for a whole class through an extension registered with them:
 * {@code @RegisterExtension static CnmExtension cnm = CnmExtension.withDrivers(drivers);}.
 *
 * <pre>{@code
 * @ExtendWith(CnmExtension.class)
 * class OrchestratorTest {
 *   @Test
 *   void deploys(Engine docker, FaultInjector faults) { ... }
 * }
 * }</pre>
 */
public final class CnmExtension implements ParameterResolver, TestExecutionExceptionHandler {
  /** The system property that pins the seed of every test (wins over {@link Seed}). */
  public static final String SEED_PROPERTY = "cnm.seed";

  private static final Namespace NAMESPACE = Namespace.create(CnmExtension.class);
  private static final SplittableRandom SEEDS = new SplittableRandom();

  private static final String DOCKER_CLIENT = "com.github.dockerjava.api.DockerClient";
  private static final String DOCKER_ENDPOINT = "dev.cnm.testkit.docker.DockerEndpoint";

  private final ExtraDrivers drivers;
  /** What each engine's builder gets besides its drivers: the programs registered on {@link Builder}. */
  private final List<Consumer<EngineBuilder>> programs;

  /** Creates the extension (JUnit does, through {@code @ExtendWith}). */
  public CnmExtension() {
    this(ExtraDrivers.none(), List.of());
  }

  private CnmExtension(ExtraDrivers drivers, List<Consumer<EngineBuilder>> programs) {
    this.drivers = drivers;
    this.programs = List.copyOf(programs);
  }

  /**
   * {@return a builder of an extension whose engines (and clusters' engines) have third-party
   * drivers or scripted programs} Register the result on a static field with {@code
   * @RegisterExtension}; the class's {@code @CnmTest} methods use it.
   *
   * <pre>{@code
   * @RegisterExtension
   * static final CnmExtension CNM = CnmExtension.builder()
   *     .imageProgram("shop/api", Script.builder().stdout("listening").healthyAfter(2).waitForever().build())
   *     .build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return an extension whose engines and clusters have {@code drivers} besides the built-in ones}
   * Register it on a static field with {@code @RegisterExtension}; {@code @CnmTest} methods of the
   * class then use it ({@link CnmDrivers} on a method still wins).
   *
   * @param drivers the third-party drivers
   */
  public static CnmExtension withDrivers(ExtraDrivers drivers) {
    return builder().drivers(drivers).build();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getDeclaringExecutable() instanceof java.lang.reflect.Constructor) {
      return false; // a class-level context would share one engine between all tests of the class
    }
    Class<?> type = parameter.getParameter().getType();
    // by name: the endpoint's classes are optional, and this class must load without them
    return type == Engine.class || type == RecordingEngine.class || type == FaultInjector.class
        || type == CnmCluster.class || type.getName().equals(DOCKER_CLIENT) || type.getName().equals(DOCKER_ENDPOINT);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Fixture f = fixture(context);
    if (type.getName().equals(DOCKER_ENDPOINT)) {
      return Endpoints.endpoint(f, context);
    }
    if (type.getName().equals(DOCKER_CLIENT)) {
      return Endpoints.client(f, context);
    }
    if (type == FaultInjector.class) {
      return f.faults;
    }
    if (type == CnmCluster.class) {
      int size = parameter.findAnnotation(ClusterSize.class).map(ClusterSize::value)
          .or(() -> annotation(context, ClusterSize.class).map(ClusterSize::value))
          .orElse(3);
      if (size < 1) {
        throw new ParameterResolutionException("@ClusterSize(" + size + ") must be at least 1");
      }
      return f.cluster(size);
    }
    return f.engine();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    Fixture f = context.getStore(NAMESPACE).get(Fixture.class, Fixture.class);
    if (f == null) {
      throw failure; // the test got no engine: no seed to report
    }
    long seed = f.seed;
    String line = "cnm: " + context.getDisplayName() + " failed with seed " + seed
        + "; replay it with @Seed(" + seed + "L) or -D" + SEED_PROPERTY + "=" + seed;
    System.err.println(line);
    context.publishReportEntry(SEED_PROPERTY, Long.toString(seed));
    failure.addSuppressed(new SeedReport(line));
    throw failure;
  }

  private Fixture fixture(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(Fixture.class,
        k -> new Fixture(seed(context), drivers(context), programs), Fixture.class);
  }

  /** The drivers for the test of {@code context}: its {@code @CnmDrivers}, else the extension's. */
  private ExtraDrivers drivers(ExtensionContext context) {
    Optional<CnmDrivers> declared = annotation(context, CnmDrivers.class);
    if (declared.isEmpty()) {
      return drivers;
    }
    ExtraDrivers.Builder b = ExtraDrivers.builder().discover(declared.get().discover());
    for (Class<? extends NetworkDriverProvider> c : declared.get().network()) {
      b.network(instantiate(c));
    }
    for (Class<? extends IpamDriverProvider> c : declared.get().ipam()) {
      b.ipam(instantiate(c));
    }
    return b.build();
  }

  private static <T> T instantiate(Class<T> type) {
    try {
      var constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new ExtensionConfigurationException("@CnmDrivers: " + type.getName() + " has no constructor without arguments", e);
    } catch (InvocationTargetException e) {
      throw new ExtensionConfigurationException("@CnmDrivers: the constructor of " + type.getName() + " failed", e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException("@CnmDrivers: cannot create " + type.getName(), e);
    }
  }

  /** The seed for the test of {@code context}: the system property, then @Seed, then a fresh random one. */
  static long seed(ExtensionContext context) {
    String pinned = System.getProperty(SEED_PROPERTY);
    if (pinned != null && !pinned.isBlank()) {
      try {
        return Long.parseLong(pinned.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a long: " + pinned, e);
      }
    }
    Optional<Seed> seed = annotation(context, Seed.class);
    if (seed.isPresent()) {
      return seed.get().value();
    }
    synchronized (SEEDS) {
      return SEEDS.nextLong();
    }
  }

  static <A extends java.lang.annotation.Annotation> Optional<A> annotation(ExtensionContext context, Class<A> type) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<AnnotatedElement> element = c.getElement();
      if (element.isPresent() && element.get().isAnnotationPresent(type)) {
        return Optional.of(element.get().getAnnotation(type));
      }
    }
    return Optional.empty();
  }

  /**
   * Builds an engine as the extension injects it: the built-in drivers and IPAM and {@code extra},
   * all wrapped by {@code faults}.
   */
  static Engine build(long seed, FaultInjector faults, ExtraDrivers extra, List<Consumer<EngineBuilder>> programs) {
    EngineBuilder b = Cnm.builder().seed(seed);
    programs.forEach(p -> p.accept(b));
    extra.register(b, List.of(new BridgeDriverProvider(), new HostDriverProvider(), new NullDriverProvider()),
        DefaultIpamDriver.create(), faults);
    return b.build();
  }

  /** What one test was given; closing it (JUnit does, after the test) closes its endpoint. */
  static final class Fixture implements ExtensionContext.Store.CloseableResource {
    final long seed;
    final ExtraDrivers drivers;
    final List<Consumer<EngineBuilder>> programs;
    final FaultInjector faults = FaultInjector.create();
    RecordingEngine engine;
    CnmCluster cluster;
    /** The test's Docker endpoint, typed loosely: its class is optional. */
    AutoCloseable endpoint;

    Fixture(long seed, ExtraDrivers drivers, List<Consumer<EngineBuilder>> programs) {
      this.seed = seed;
      this.drivers = drivers;
      this.programs = programs;
    }

    synchronized RecordingEngine engine() {
      if (engine == null) {
        engine = RecordingEngine.wrap(build(seed, faults, drivers, programs));
        faults.clearCalls(); // the calls that created the predefined networks are not the test's

      }
      return engine;
    }

    synchronized CnmCluster cluster(int size) {
      if (cluster == null) {
        cluster = CnmCluster.create(size, seed, drivers, programs);
      } else if (cluster.size() != size) {
        throw new ParameterResolutionException("one test gets one cluster; asked for sizes " + cluster.size() + " and " + size);
      }
      return cluster;
    }

    @Override
    public synchronized void close() throws Exception {
      if (endpoint != null) {
        endpoint.close();
      }
    }
  }

  /**
   * Builds a {@link CnmExtension} with third-party drivers and the programs of images or commands
   * ({@link Script}s: what a container prints, when it exits or crashes, its health checks, its
   * answers to exec), for every engine it injects.
   */
  public static final class Builder {
    private ExtraDrivers drivers = ExtraDrivers.none();
    private final List<Consumer<EngineBuilder>> programs = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the third-party drivers ({@link CnmDrivers} on a method still wins).
     *
     * @param drivers the drivers
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder drivers(ExtraDrivers drivers) {
      this.drivers = requireNonNull(drivers, "drivers");
      return this;
    }

    /**
     * Runs {@code script} for every container whose command is the program {@code name}, as {@code
     * EngineBuilder.program} does.
     *
     * @param name the program's name, the last part of {@code argv[0]}
     * @param script what it does
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder program(String name, Script script) {
      requireNonNull(name, "name");
      requireNonNull(script, "script");
      programs.add(b -> b.program(name, script));
      return this;
    }

    /**
     * Runs {@code program}'s script for every container whose command is the program {@code name}.
     *
     * @param name the program's name, the last part of {@code argv[0]}
     * @param program makes the script from the invocation
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder program(String name, Program program) {
      requireNonNull(name, "name");
      requireNonNull(program, "program");
      programs.add(b -> b.program(name, program));
      return this;
    }

    /**
     * Runs {@code script} for every container of {@code image} (unless its command names a program
     * of its own), as {@code EngineBuilder.imageProgram} does.
     *
     * @param image the image reference, such as {@code shop/api}
     * @param script what its containers do
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder imageProgram(String image, Script script) {
      requireNonNull(image, "image");
      requireNonNull(script, "script");
      programs.add(b -> b.imageProgram(image, script));
      return this;
    }

    /**
     * Runs {@code program}'s script for every container of {@code image}.
     *
     * @param image the image reference
     * @param program makes the script from the invocation
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder imageProgram(String image, Program program) {
      requireNonNull(image, "image");
      requireNonNull(program, "program");
      programs.add(b -> b.imageProgram(image, program));
      return this;
    }

    /** {@return the extension} */
    public CnmExtension build() {
      return new CnmExtension(drivers, programs);
    }
  }

  /** Attached to a failing test's exception, so the seed shows in every report. */
  static final class SeedReport extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SeedReport(String message) {
      super(message, null, false, false);
    }
  }
}
