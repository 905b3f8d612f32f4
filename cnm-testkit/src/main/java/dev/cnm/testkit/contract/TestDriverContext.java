package dev.cnm.testkit.contract;

import dev.cnm.api.host.HostInterfaces;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.host.HostRules;
import dev.cnm.api.spi.DaemonSettings;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.core.host.DefaultHostInterfaces;
import dev.cnm.core.host.DefaultHostPortAllocator;
import dev.cnm.core.host.DefaultHostRules;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A deterministic {@link DriverContext} for driver tests: Docker's daemon defaults, a seeded
 * random source, a fixed clock and cnm-core's host port table (32768-60999), rules and
 * interfaces, so a test can look at what the driver did to the host.
 *
 * <pre>{@code
 * TestDriverContext context = TestDriverContext.seeded(42);
 * NetworkDriver bridge = new BridgeDriverProvider().create(context);
 * bridge.createNetwork(request);
 * assertThat(context.interfaces().get("br-" + request.networkId().substring(0, 12))).isPresent();
 * }</pre>
 */
public final class TestDriverContext implements DriverContext {
  private final DaemonSettings daemon;
  private final RandomGenerator random;
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
  private final HostPortAllocator hostPorts = DefaultHostPortAllocator.create();
  private final HostRules rules = DefaultHostRules.create();
  private final HostInterfaces interfaces = DefaultHostInterfaces.create();

  private TestDriverContext(DaemonSettings daemon, RandomGenerator random) {
    this.daemon = daemon;
    this.random = random;
  }

  /**
   * Docker's defaults and a random source seeded with {@code seed}.
   *
   * @param seed the random source's seed
   * @return a context with Docker's defaults and a random source seeded with {@code seed}
   */
  public static TestDriverContext seeded(long seed) {
    return new TestDriverContext(DaemonSettings.dockerDefaults(), new SplittableRandom(seed));
  }

  /**
   * The given settings and a random source seeded with {@code seed}.
   *
   * @param daemon the daemon settings drivers read
   * @param seed the random source's seed
   * @return a context with the given settings and a random source seeded with {@code seed}
   */
  public static TestDriverContext of(DaemonSettings daemon, long seed) {
    return new TestDriverContext(daemon, new SplittableRandom(seed));
  }

  /**
   * {@return a context whose random source is {@code random} (to force collisions)}
   *
   * @param random the random source drivers draw from
   */
  public static TestDriverContext withRandom(RandomGenerator random) {
    return new TestDriverContext(DaemonSettings.dockerDefaults(), random);
  }

  @Override
  public DaemonSettings daemon() {
    return daemon;
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public InstantSource clock() {
    return clock;
  }

  @Override
  public HostPortAllocator hostPorts() {
    return hostPorts;
  }

  @Override
  public HostRules rules() {
    return rules;
  }

  @Override
  public HostInterfaces interfaces() {
    return interfaces;
  }
}
