package dev.cnm.testkit.contract;

import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.RemoteIpamDriver;
import dev.cnm.plugins.RemotePlugins;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The {@link IpamDriverContract} run against a Docker IPAM driver plugin, over its socket or URL,
 * through cnm's client of the plugin protocol (libnetwork's {@code ipams/remote}). After each
 * test every address and pool the test took is released.
 *
 * <pre>{@code
 * class MyIpamPluginContractTest extends RemoteIpamDriverContract {
 *   protected String pluginAddress() { return "tcp://127.0.0.1:9234"; }
 * }
 * }</pre>
 */
public abstract class RemoteIpamDriverContract extends IpamDriverContract {
  private RemoteIpamDriver remote;

  /** For subclasses. */
  protected RemoteIpamDriverContract() {}

  /**
   * {@return the plugin's address; by default the system property {@value
   * RemoteNetworkDriverContract#ADDRESS_PROPERTY}}
   */
  protected String pluginAddress() {
    String a = System.getProperty(RemoteNetworkDriverContract.ADDRESS_PROPERTY, "");
    if (a.isEmpty()) {
      throw new IllegalStateException("no plugin address: override pluginAddress() or set -D"
          + RemoteNetworkDriverContract.ADDRESS_PROPERTY);
    }
    return a;
  }

  /**
   * {@return the name the plugin is known by; by default the system property {@value
   * RemoteNetworkDriverContract#NAME_PROPERTY}, else {@code remote}}
   */
  protected String pluginName() {
    return System.getProperty(RemoteNetworkDriverContract.NAME_PROPERTY, "remote");
  }

  /**
   * {@return how the plugin is reached: no plugin directories, 10 s per call, 5 s of connection
   * retries}
   */
  protected RemotePlugins.Builder plugins() {
    return RemotePlugins.builder().noDirectories().callTimeout(Duration.ofSeconds(10)).retryWindow(Duration.ofSeconds(5));
  }

  @Override
  protected final IpamDriver ipamDriver() {
    remote = plugins().register(pluginName(), PluginAddress.parse(pluginAddress())).build()
        .remoteIpamDriver(pluginName()).orElseThrow();
    return remote;
  }

  @AfterEach
  void giveBackWhatTheTestTook() {
    if (remote != null) {
      remote.releaseAll();
    }
  }

  /** The contract against the plugin the system properties name, for runners such as {@code cnm plugin test}. */
  public static final class Configured extends RemoteIpamDriverContract {
    /** For JUnit. */
    public Configured() {}
  }
}
