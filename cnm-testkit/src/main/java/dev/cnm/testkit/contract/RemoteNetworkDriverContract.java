package dev.cnm.testkit.contract;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.RemoteNetworkDriver;
import dev.cnm.plugins.RemotePlugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The {@link NetworkDriverContract} run against a Docker network driver plugin, over its socket or
 * URL, through cnm's client of the plugin protocol (libnetwork's {@code remote} driver): the
 * plugin must answer every call the way Docker needs it to (an endpoint's MAC left alone, a
 * repeatable join and leave, failures as {@code Err} answers that change nothing). After each test
 * everything the test created in the plugin is given back (leave, delete endpoints, delete
 * networks), so tests do not see each other's state.
 *
 * <p>Subclass it and give the address, or set the system property {@value #ADDRESS_PROPERTY}
 * (and {@value #NAME_PROPERTY}) and run {@link Configured}:
 *
 * <pre>{@code
 * class MyPluginContractTest extends RemoteNetworkDriverContract {
 *   protected String pluginAddress() { return "unix:///run/docker/plugins/myplugin.sock"; }
 * }
 * }</pre>
 */
public abstract class RemoteNetworkDriverContract extends NetworkDriverContract {
  /** The system property {@link #pluginAddress()} reads by default. */
  public static final String ADDRESS_PROPERTY = "cnm.plugin.address";
  /** The system property {@link #pluginName()} reads by default. */
  public static final String NAME_PROPERTY = "cnm.plugin.name";

  private RemotePlugins plugins;
  private final List<RemoteNetworkDriver> drivers = new ArrayList<>();

  /** For subclasses. */
  protected RemoteNetworkDriverContract() {}

  /**
   * {@return the plugin's address: {@code unix:///path.sock}, a socket's absolute path, or {@code
   * tcp://host:port}; by default the system property {@value #ADDRESS_PROPERTY}}
   */
  protected String pluginAddress() {
    String a = System.getProperty(ADDRESS_PROPERTY, "");
    if (a.isEmpty()) {
      throw new IllegalStateException("no plugin address: override pluginAddress() or set -D" + ADDRESS_PROPERTY);
    }
    return a;
  }

  /**
   * {@return the name the plugin is known by (its networks' driver); by default the system property
   * {@value #NAME_PROPERTY}, else {@code remote}}
   */
  protected String pluginName() {
    return System.getProperty(NAME_PROPERTY, "remote");
  }

  /**
   * {@return how the plugin is reached: no plugin directories, 10 s per call, 5 s of connection
   * retries}
   */
  protected RemotePlugins.Builder plugins() {
    return RemotePlugins.builder().noDirectories().callTimeout(Duration.ofSeconds(10)).retryWindow(Duration.ofSeconds(5));
  }

  @Override
  protected final NetworkDriverProvider provider() {
    if (plugins == null) {
      plugins = plugins().register(pluginName(), PluginAddress.parse(pluginAddress())).build();
    }
    RemotePlugins p = plugins;
    return NetworkDriverProvider.of(pluginName(), context -> {
      RemoteNetworkDriver d = p.remoteNetworkDriver(pluginName()).orElseThrow();
      synchronized (drivers) {
        drivers.add(d);
      }
      return d;
    });
  }

  @Override
  protected boolean eachDriverHasItsOwnState() {
    return false;
  }

  @AfterEach
  void giveBackWhatTheTestCreated() {
    synchronized (drivers) {
      drivers.forEach(RemoteNetworkDriver::releaseAll);
      drivers.clear();
    }
  }

  /** The contract against the plugin the system properties name, for runners such as {@code cnm plugin test}. */
  public static final class Configured extends RemoteNetworkDriverContract {
    /** For JUnit. */
    public Configured() {}
  }
}
