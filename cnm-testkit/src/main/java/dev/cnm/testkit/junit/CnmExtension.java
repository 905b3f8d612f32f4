package dev.cnm.testkit.junit;

import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import dev.cnm.testkit.events.RecordingEngine;
import dev.cnm.testkit.faults.FaultInjector;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * </ul>
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

  /** Creates the extension (JUnit does, through {@code @ExtendWith}). */
  public CnmExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getDeclaringExecutable() instanceof java.lang.reflect.Constructor) {
      return false; // a class-level context would share one engine between all tests of the class
    }
    Class<?> type = parameter.getParameter().getType();
    return type == Engine.class || type == RecordingEngine.class || type == FaultInjector.class
        || type == CnmCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    Fixture f = fixture(context);
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

  private static Fixture fixture(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(Fixture.class, k -> new Fixture(seed(context)), Fixture.class);
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

  private static <A extends java.lang.annotation.Annotation> Optional<A> annotation(ExtensionContext context, Class<A> type) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      Optional<AnnotatedElement> element = c.getElement();
      if (element.isPresent() && element.get().isAnnotationPresent(type)) {
        return Optional.of(element.get().getAnnotation(type));
      }
    }
    return Optional.empty();
  }

  /** Builds an engine as the extension injects it: the built-in drivers and IPAM, all wrapped by {@code faults}. */
  static Engine build(long seed, FaultInjector faults) {
    return Cnm.builder().seed(seed)
        .driver(faults.wrap(new BridgeDriverProvider()))
        .driver(faults.wrap(new HostDriverProvider()))
        .driver(faults.wrap(new NullDriverProvider()))
        .ipamDriver(faults.wrap(DefaultIpamDriver.create()))
        .build();
  }

  /** What one test was given. */
  private static final class Fixture {
    final long seed;
    final FaultInjector faults = FaultInjector.create();
    RecordingEngine engine;
    CnmCluster cluster;

    Fixture(long seed) {
      this.seed = seed;
    }

    synchronized RecordingEngine engine() {
      if (engine == null) {
        engine = RecordingEngine.wrap(build(seed, faults));
        faults.clearCalls(); // the calls that created the predefined networks are not the test's

      }
      return engine;
    }

    synchronized CnmCluster cluster(int size) {
      if (cluster == null) {
        cluster = CnmCluster.create(size, seed);
      } else if (cluster.size() != size) {
        throw new ParameterResolutionException("one test gets one cluster; asked for sizes " + cluster.size() + " and " + size);
      }
      return cluster;
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
