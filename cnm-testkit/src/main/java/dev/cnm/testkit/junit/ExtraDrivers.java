package dev.cnm.testkit.junit;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.spi.IpamDriverProvider;
import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.core.EngineBuilder;
import dev.cnm.testkit.faults.FaultInjector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Third-party network and IPAM drivers for the test kit's engines, besides the built-in ones:
 * registered explicitly, and (with {@link Builder#discover}) every one {@link ServiceLoader} finds
 * in {@code META-INF/services/dev.cnm.api.spi.NetworkDriverProvider} and {@code
 * META-INF/services/dev.cnm.api.spi.IpamDriverProvider}. An explicit driver of a built-in type
 * replaces it; a discovered one never does. Every driver is wrapped by the engine's {@link
 * FaultInjector}, as the built-in ones are.
 *
 * <p>Given to {@link CnmCluster#create(int, long, ExtraDrivers)}, to {@link CnmExtension#withDrivers},
 * or declared with {@link CnmDrivers @CnmDrivers}.
 *
 * <pre>{@code
 * ExtraDrivers drivers = ExtraDrivers.builder()
 *     .network(new WeaveDriverProvider())
 *     .ipam(IpamDriverProvider.of("corp", CorpIpam::new))
 *     .discover(true)
 *     .build();
 * CnmCluster cluster = CnmCluster.create(3, 42L, drivers);
 * }</pre>
 */
public final class ExtraDrivers {
  private static final ExtraDrivers NONE = new ExtraDrivers(List.of(), List.of(), false);

  private final List<NetworkDriverProvider> network;
  private final List<IpamDriverProvider> ipam;
  private final boolean discover;

  private ExtraDrivers(List<NetworkDriverProvider> network, List<IpamDriverProvider> ipam, boolean discover) {
    this.network = List.copyOf(network);
    this.ipam = List.copyOf(ipam);
    this.discover = discover;
  }

  /** {@return no extra drivers: the built-in ones only} */
  public static ExtraDrivers none() {
    return NONE;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the network driver providers registered explicitly, in order} */
  public List<NetworkDriverProvider> networkDrivers() {
    return network;
  }

  /** {@return the IPAM driver providers registered explicitly, in order} */
  public List<IpamDriverProvider> ipamDrivers() {
    return ipam;
  }

  /** {@return whether the drivers {@link ServiceLoader} finds are registered too} */
  public boolean discover() {
    return discover;
  }

  /**
   * Registers the built-in drivers and these on {@code builder}, each wrapped by {@code faults}.
   *
   * @param builder the engine's builder
   * @param builtIn the kit's own network drivers for this engine
   * @param builtInIpam the kit's own {@code default} IPAM driver for this engine
   * @param faults the engine's injector
   */
  void register(EngineBuilder builder, List<NetworkDriverProvider> builtIn, IpamDriver builtInIpam, FaultInjector faults) {
    Map<String, NetworkDriverProvider> byType = new LinkedHashMap<>();
    builtIn.forEach(p -> byType.put(p.type(), p));
    network.forEach(p -> byType.put(p.type(), p));
    Map<String, IpamDriverProvider> ipamByName = new LinkedHashMap<>();
    ipam.forEach(p -> ipamByName.put(p.name(), p));
    if (discover) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      discoverNetwork(loader).forEach(byType::putIfAbsent);
      discoverIpam(loader).forEach(ipamByName::putIfAbsent);
    }
    byType.values().forEach(p -> builder.driver(faults.wrap(p)));
    builder.ipamDriver(faults.wrap(builtInIpam));
    for (IpamDriverProvider p : ipamByName.values()) {
      IpamDriver d = p.create();
      if (!d.name().equals(p.name())) {
        throw new IllegalStateException("the IPAM driver provider \"" + p.name() + "\" (" + p.getClass().getName()
            + ") made a driver named \"" + d.name() + "\"");
      }
      builder.ipamDriver(faults.wrap(d));
    }
  }

  private static Map<String, NetworkDriverProvider> discoverNetwork(ClassLoader loader) {
    TreeMap<String, NetworkDriverProvider> byType = new TreeMap<>();
    for (NetworkDriverProvider p : ServiceLoader.load(NetworkDriverProvider.class, loader)) {
      NetworkDriverProvider previous = byType.put(p.type(), p);
      if (previous != null) {
        throw new IllegalStateException("two network drivers of type \"" + p.type() + "\": "
            + previous.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return byType;
  }

  private static Map<String, IpamDriverProvider> discoverIpam(ClassLoader loader) {
    TreeMap<String, IpamDriverProvider> byName = new TreeMap<>();
    for (IpamDriverProvider p : ServiceLoader.load(IpamDriverProvider.class, loader)) {
      if (p.name().equals("default") || p.name().equals("null")) {
        throw new IllegalStateException("the IPAM driver provider " + p.getClass().getName()
            + " declares the built-in name \"" + p.name() + "\"");
      }
      IpamDriverProvider previous = byName.put(p.name(), p);
      if (previous != null) {
        throw new IllegalStateException("two IPAM drivers named \"" + p.name() + "\": "
            + previous.getClass().getName() + " and " + p.getClass().getName());
      }
    }
    return byName;
  }

  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    network.forEach(p -> names.add(p.type()));
    ipam.forEach(p -> names.add("ipam:" + p.name()));
    return "ExtraDrivers{" + names + (discover ? ", discover" : "") + "}";
  }

  /** Builds {@link ExtraDrivers}. */
  public static final class Builder {
    private final List<NetworkDriverProvider> network = new ArrayList<>();
    private final List<IpamDriverProvider> ipam = new ArrayList<>();
    private boolean discover;

    private Builder() {}

    /**
     * Adds network drivers; a later one of the same type replaces an earlier one.
     *
     * @param providers the providers
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder network(NetworkDriverProvider... providers) {
      for (NetworkDriverProvider p : providers) {
        network.add(requireNonNull(p, "provider"));
      }
      return this;
    }

    /**
     * Adds IPAM drivers; a later one of the same name replaces an earlier one.
     *
     * @param providers the providers, each making a new driver per engine
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder ipam(IpamDriverProvider... providers) {
      for (IpamDriverProvider p : providers) {
        ipam.add(requireNonNull(p, "provider"));
      }
      return this;
    }

    /**
     * Sets whether the drivers {@link ServiceLoader} finds (through the thread's context class
     * loader, when each engine is built) are registered too; off by default.
     *
     * @param discover whether to discover drivers
     * @return this builder
     */
    @CanIgnoreReturnValue
    public Builder discover(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** {@return the drivers} */
    public ExtraDrivers build() {
      return new ExtraDrivers(network, ipam, discover);
    }
  }
}
