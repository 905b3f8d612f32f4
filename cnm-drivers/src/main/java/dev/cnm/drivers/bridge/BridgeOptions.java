package dev.cnm.drivers.bridge;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bridge driver's {@code -o key=value} options, parsed once into typed values with Docker's
 * defaults and Docker's errors (libnetwork {@code drivers/bridge/bridge.go fromLabels} and {@code
 * Validate}). Unknown keys are ignored, as Docker ignores them; the raw map is kept only so that
 * {@code inspect} can show the options exactly as given.
 *
 * <pre>{@code
 * BridgeOptions o = BridgeOptions.parse(Map.of(BridgeOptions.ENABLE_ICC, "false"));
 * o.enableIcc();                       // false
 * o.enableIpMasquerade();              // true (the default)
 * o.bridgeName("0123456789abcdef...");  // "br-0123456789ab"
 * BridgeOptions.parse(Map.of(BridgeOptions.ENABLE_ICC, "maybe"));
 * // InvalidParameterException: failed to parse com.docker.network.bridge.enable_icc value: maybe
 * //     (strconv.ParseBool: parsing "maybe": invalid syntax)
 * }</pre>
 */
public final class BridgeOptions {
  /** {@code com.docker.network.bridge.name}: the bridge device's name. */
  public static final String BRIDGE_NAME = "com.docker.network.bridge.name";
  /** {@code com.docker.network.bridge.enable_icc}: inter-container communication; true. */
  public static final String ENABLE_ICC = "com.docker.network.bridge.enable_icc";
  /** {@code com.docker.network.bridge.enable_ip_masquerade}: masquerade outgoing traffic; true. */
  public static final String ENABLE_IP_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
  /** {@code com.docker.network.bridge.host_binding_ipv4}: the default host IP of published ports. */
  public static final String HOST_BINDING_IPV4 = "com.docker.network.bridge.host_binding_ipv4";
  /** {@code com.docker.network.driver.mtu}: the MTU; 0 means the default. */
  public static final String MTU = "com.docker.network.driver.mtu";
  /** {@code com.docker.network.container_iface_prefix}: the container interface prefix; eth. */
  public static final String CONTAINER_IFACE_PREFIX = "com.docker.network.container_iface_prefix";
  /** {@code com.docker.network.bridge.inhibit_ipv4}: give the bridge no IPv4 address; false. */
  public static final String INHIBIT_IPV4 = "com.docker.network.bridge.inhibit_ipv4";
  /** {@code com.docker.network.bridge.default_bridge}: this is the daemon's {@code bridge}; false. */
  public static final String DEFAULT_BRIDGE = "com.docker.network.bridge.default_bridge";
  /** {@code com.docker.network.host_ipv4}: SNAT to this address instead of masquerading. */
  public static final String HOST_IPV4 = "com.docker.network.host_ipv4";

  /** The default bridge's device name (libnetwork {@code DefaultBridgeName}). */
  static final String DEFAULT_BRIDGE_NAME = "docker0";

  /** The container interface prefix when none is given. */
  static final String DEFAULT_CONTAINER_IFACE_PREFIX = "eth";

  private static final BridgeOptions DEFAULTS = parse(Map.of());

  private final ImmutableSortedMap<String, String> raw;
  private final Optional<String> bridgeName;
  private final boolean enableIcc;
  private final boolean enableIpMasquerade;
  private final Optional<IpAddress> hostBindingIpv4;
  private final int mtu;
  private final String containerIfacePrefix;
  private final boolean inhibitIpv4;
  private final boolean defaultBridge;
  private final Optional<IpAddress> hostIpv4;

  private BridgeOptions(Map<String, String> raw) {
    this.raw = ImmutableSortedMap.copyOf(raw);
    // Docker fills a config with ICC and masquerading on, then applies each label in turn.
    String name = "";
    boolean icc = true;
    boolean masquerade = true;
    IpAddress bindingIp = null;
    long mtuValue = 0;
    String prefix = "";
    boolean inhibit = false;
    boolean isDefault = false;
    IpAddress hostIp = null;
    // Go walks the map in random order, so with several bad values the error Docker reports is
    // one of them at random; walking the keys in sorted order makes the model deterministic.
    for (Map.Entry<String, String> e : this.raw.entrySet()) {
      String label = e.getKey();
      String value = e.getValue();
      switch (label) {
        case BRIDGE_NAME:
          name = value;
          break;
        case MTU:
          GoStrconv.IntResult r = GoStrconv.atoi(value);
          if (r.error != null) {
            throw parseError(label, value, r.error);
          }
          mtuValue = r.value;
          break;
        case ENABLE_ICC:
          icc = parseBool(label, value);
          break;
        case ENABLE_IP_MASQUERADE:
          masquerade = parseBool(label, value);
          break;
        case INHIBIT_IPV4:
          inhibit = parseBool(label, value);
          break;
        case DEFAULT_BRIDGE:
          isDefault = parseBool(label, value);
          break;
        case HOST_BINDING_IPV4:
          bindingIp = parseIp(label, value);
          break;
        case CONTAINER_IFACE_PREFIX:
          prefix = value;
          break;
        case HOST_IPV4:
          hostIp = parseIp(label, value);
          break;
        default:
          break; // not a bridge option: Docker ignores it
      }
    }
    // networkConfiguration.Validate: only a negative MTU is refused; Go's int is 64 bits wide.
    if (mtuValue < 0) {
      throw new InvalidParameterException("invalid MTU number: " + mtuValue);
    }
    this.bridgeName = name.isEmpty() ? Optional.empty() : Optional.of(name);
    this.enableIcc = icc;
    this.enableIpMasquerade = masquerade;
    this.hostBindingIpv4 = Optional.ofNullable(bindingIp);
    // A positive MTU beyond Java's int would fail later in the kernel; saturate rather than wrap.
    this.mtu = (int) Math.min(mtuValue, Integer.MAX_VALUE);
    this.containerIfacePrefix = prefix.isEmpty() ? DEFAULT_CONTAINER_IFACE_PREFIX : prefix;
    this.inhibitIpv4 = inhibit;
    this.defaultBridge = isDefault;
    this.hostIpv4 = Optional.ofNullable(hostIp);
  }

  /**
   * Parses the driver options of a bridge network.
   *
   * @param options the network's driver options ({@code -o}), as given
   * @return the parsed options, with Docker's defaults for the ones not given
   * @throws InvalidParameterException (INVALID_PARAMETER) for a malformed value ({@code failed to
   *     parse <label> value: <v> (<reason>)}) or a negative MTU ({@code invalid MTU number: <n>})
   * @throws NullPointerException if the map, a key or a value is null
   */
  public static BridgeOptions parse(Map<String, String> options) {
    requireNonNull(options, "options");
    BridgeOptions last = lastParsed;
    if (last != null && last.raw.equals(options)) {
      return last; // immutable: the default bridge's options are the same in every engine
    }
    BridgeOptions parsed = new BridgeOptions(options);
    lastParsed = parsed;
    return parsed;
  }

  /** The options parsed last (any thread), reused when the same map comes again. */
  private static volatile BridgeOptions lastParsed;

  /** {@return the options of a bridge network created without {@code -o}} */
  public static BridgeOptions defaults() {
    return DEFAULTS;
  }

  private static boolean parseBool(String label, String value) {
    return GoStrconv.parseBool(value).orElseThrow(() -> parseError(label, value, GoStrconv.boolSyntaxError(value)));
  }

  private static IpAddress parseIp(String label, String value) {
    // Go's net.ParseIP returns nil for bad text; libnetwork reports that as "nil ip".
    return IpAddress.tryParse(value).orElseThrow(() -> parseError(label, value, "nil ip"));
  }

  private static InvalidParameterException parseError(String label, String value, String reason) {
    return new InvalidParameterException("failed to parse " + label + " value: " + value + " (" + reason + ")");
  }

  /** {@return the options exactly as given, sorted by key; for {@code inspect} only} */
  public Map<String, String> raw() {
    return raw;
  }

  /**
   * {@return the bridge name given with {@link #BRIDGE_NAME}, if any (an empty value counts as
   * none)}
   */
  public Optional<String> bridgeName() {
    return bridgeName;
  }

  /**
   * {@return the bridge device's name for network {@code networkId}: the given name, or Docker's
   * default {@code br-<networkId[:12]>} ({@code docker0} for the default bridge)}
   *
   * @param networkId the network's 64-hex id
   */
  public String bridgeName(String networkId) {
    requireNonNull(networkId, "networkId");
    if (bridgeName.isPresent()) {
      return bridgeName.get();
    }
    return defaultBridge ? DEFAULT_BRIDGE_NAME : "br-" + networkId.substring(0, Math.min(12, networkId.length()));
  }

  /** {@return whether containers on the network may talk to each other; true} */
  public boolean enableIcc() {
    return enableIcc;
  }

  /** {@return whether outgoing traffic is masqueraded; true} */
  public boolean enableIpMasquerade() {
    return enableIpMasquerade;
  }

  /**
   * {@return the host IP published ports bind to when a binding names none; empty means the
   * daemon's}
   */
  public Optional<IpAddress> hostBindingIpv4() {
    return hostBindingIpv4;
  }

  /** {@return the MTU; 0 when not given (the daemon's MTU applies)} */
  public int mtu() {
    return mtu;
  }

  /** {@return the container-side interface name prefix; {@code eth}} */
  public String containerIfacePrefix() {
    return containerIfacePrefix;
  }

  /** {@return whether the bridge gets no IPv4 address; false} */
  public boolean inhibitIpv4() {
    return inhibitIpv4;
  }

  /** {@return whether this is the daemon's default {@code bridge} network; false} */
  public boolean defaultBridge() {
    return defaultBridge;
  }

  /** {@return the source address for SNAT instead of masquerading, if given} */
  public Optional<IpAddress> hostIpv4() {
    return hostIpv4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BridgeOptions && ((BridgeOptions) o).raw.equals(raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "BridgeOptions{name=" + bridgeName.orElse("") + ", icc=" + enableIcc
        + ", masquerade=" + enableIpMasquerade + ", hostBindingIpv4=" + hostBindingIpv4.map(Objects::toString).orElse("")
        + ", mtu=" + mtu + ", ifacePrefix=" + containerIfacePrefix + ", inhibitIpv4=" + inhibitIpv4
        + ", defaultBridge=" + defaultBridge + ", hostIpv4=" + hostIpv4.map(Objects::toString).orElse("") + "}";
  }
}
