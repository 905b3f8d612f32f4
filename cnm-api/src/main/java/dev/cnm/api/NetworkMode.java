package dev.cnm.api;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;

/**
 * A container's network mode ({@code HostConfig.NetworkMode}): a closed set of kinds, {@code
 * bridge} (the default), {@code host}, {@code none}, {@code container:<name|id>} (share another
 * container's network stack) and a user-defined network by name or id.
 *
 * <pre>{@code
 * NetworkMode.parse("container:web").kind();   // Kind.CONTAINER
 * NetworkMode.parse("container:web").target(); // "web"
 * NetworkMode.parse("dev").isUserDefined();    // true
 * NetworkMode.parse("default");                // bridge, as on Linux
 * }</pre>
 */
public final class NetworkMode {
  /** The kinds of network mode. */
  public enum Kind {
    /** The default bridge network {@code bridge}. */
    BRIDGE,
    /** The host's network namespace. */
    HOST,
    /** Only a loopback interface. */
    NONE,
    /** Another container's network namespace. */
    CONTAINER,
    /** A network created by the user, named by name or id. */
    USER_DEFINED
  }

  private static final NetworkMode BRIDGE = new NetworkMode(Kind.BRIDGE, "bridge", "");
  private static final NetworkMode HOST = new NetworkMode(Kind.HOST, "host", "");
  private static final NetworkMode NONE = new NetworkMode(Kind.NONE, "none", "");

  private final Kind kind;
  private final String text;
  private final String target;

  private NetworkMode(Kind kind, String text, String target) {
    this.kind = kind;
    this.text = text;
    this.target = target;
  }

  /** {@return the default bridge} */
  public static NetworkMode bridge() {
    return BRIDGE;
  }

  /** {@return the host's network stack} */
  public static NetworkMode host() {
    return HOST;
  }

  /**
   * Loopback only.
   *
   * @return the mode with loopback only ({@code none})
   */
  public static NetworkMode none() {
    return NONE;
  }

  /**
   * Share the network stack of the container named or identified by {@code ref}.
   *
   * @param ref the other container's name or id
   * @return the mode that shares the network stack of the container {@code ref} names
   *     ({@code container:<ref>})
   */
  public static NetworkMode container(String ref) {
    requireNonNull(ref, "ref");
    return new NetworkMode(Kind.CONTAINER, "container:" + ref, ref);
  }

  /**
   * {@return a user-defined network, by name or id}
   *
   * @param nameOrId the network's name or id
   */
  public static NetworkMode network(String nameOrId) {
    requireNonNull(nameOrId, "nameOrId");
    switch (nameOrId) {
      case "bridge":
      case "default":
        return BRIDGE;
      case "host":
        return HOST;
      case "none":
        return NONE;
      default:
        return new NetworkMode(Kind.USER_DEFINED, nameOrId, nameOrId);
    }
  }

  /**
   * Parses Docker's {@code --network} value. {@code default} (and the empty string, as the API
   * sends it) mean {@code bridge}.
   *
   * @param text the value of {@code --network}: {@code bridge}, {@code host}, {@code none},
   *     {@code container:<ref>} or a network's name or id
   * @return the mode {@code text} names
   * @throws InvalidParameterException {@code Invalid network mode: invalid container format
   *     container:<name|id>} for {@code container:} without a target
   */
  public static NetworkMode parse(String text) {
    requireNonNull(text, "text");
    if (text.isEmpty()) {
      return BRIDGE;
    }
    if (text.startsWith("container:")) {
      String ref = text.substring("container:".length());
      if (ref.isEmpty()) {
        throw new InvalidParameterException("Invalid network mode: invalid container format container:<name|id>");
      }
      return container(ref);
    }
    return network(text);
  }

  /** {@return the kind of this mode} */
  public Kind kind() {
    return kind;
  }

  /**
   * {@return the container reference of a {@code container:} mode, the network of a user-defined
   * one, else empty}
   */
  public String target() {
    return target;
  }

  /** {@return whether this is the default bridge} */
  public boolean isBridge() {
    return kind == Kind.BRIDGE;
  }

  /** {@return whether this is host mode} */
  public boolean isHost() {
    return kind == Kind.HOST;
  }

  /** {@return whether this is none mode} */
  public boolean isNone() {
    return kind == Kind.NONE;
  }

  /** {@return whether this is {@code container:<ref>}} */
  public boolean isContainer() {
    return kind == Kind.CONTAINER;
  }

  /** {@return whether this names a user-defined network} */
  public boolean isUserDefined() {
    return kind == Kind.USER_DEFINED;
  }

  /**
   * {@return the name of the network a container in this mode is first attached to:
   * {@code bridge}, {@code host}, {@code none} or the user network; empty for container mode}
   */
  public String networkName() {
    return kind == Kind.CONTAINER ? "" : text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkMode && ((NetworkMode) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Docker's spelling: {@code bridge}, {@code host}, {@code none}, {@code container:web}, {@code dev}. */
  @Override
  public String toString() {
    return text;
  }
}
