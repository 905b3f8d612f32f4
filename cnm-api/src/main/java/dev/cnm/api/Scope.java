package dev.cnm.api;

/**
 * Where a network's state lives and how far it reaches: {@code local} (one engine) or {@code
 * global} (every engine sharing a global store); {@code swarm} is accepted for fidelity and
 * refused without a swarm, as Docker does.
 *
 * <pre>{@code
 * Scope.parse("global") == Scope.GLOBAL;
 * }</pre>
 */
public enum Scope {
  /** One engine. */
  LOCAL("local"),
  /** Every engine sharing a global store. */
  GLOBAL("global"),
  /** Managed by a swarm. */
  SWARM("swarm");

  private final String text;

  Scope(String text) {
    this.text = text;
  }

  /**
   * {@return the scope spelled {@code text}, or {@code IllegalArgumentException}}
   *
   * @param text {@code local}, {@code global} or {@code swarm}
   */
  public static Scope parse(String text) {
    for (Scope s : values()) {
      if (s.text.equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope: " + text);
  }

  /** Docker's spelling. */
  @Override
  public String toString() {
    return text;
  }
}
