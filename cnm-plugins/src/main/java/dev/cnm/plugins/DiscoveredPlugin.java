package dev.cnm.plugins;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A plugin cnm knows by name: where it was found (a socket or spec file in the plugin
 * directories, or an explicit registration), its address (or why its spec file gives none), and,
 * once activated, what it implements.
 *
 * <pre>{@code
 * for (DiscoveredPlugin p : plugins.list()) {
 *   System.out.println(p.name() + " " + p.address().map(Object::toString).orElse(p.problem()));
 * }
 * }</pre>
 */
public final class DiscoveredPlugin {
  private final String name;
  private final String source;
  private final Optional<PluginAddress> address;
  private final String problem;

  DiscoveredPlugin(String name, String source, Optional<PluginAddress> address, String problem) {
    this.name = requireNonNull(name, "name");
    this.source = requireNonNull(source, "source");
    this.address = requireNonNull(address, "address");
    this.problem = requireNonNull(problem, "problem");
  }

  /** {@return the name networks use it by ({@code -d NAME}, {@code --ipam-driver NAME})} */
  public String name() {
    return name;
  }

  /**
   * {@return the socket or spec file it was found as, or {@code registered} for an explicit
   * registration}
   */
  public String source() {
    return source;
  }

  /** {@return its address, unless its spec file gives none} */
  public Optional<PluginAddress> address() {
    return address;
  }

  /**
   * {@return why its spec file gives no address ({@code Unknown protocol}); empty when it gives
   * one}
   */
  public String problem() {
    return problem;
  }

  @Override
  public String toString() {
    return name + " " + address.map(Object::toString).orElse(problem) + " (" + source + ")";
  }
}
