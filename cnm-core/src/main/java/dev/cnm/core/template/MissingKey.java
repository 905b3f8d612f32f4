package dev.cnm.core.template;

/**
 * What a map lookup of a missing key yields: Go's {@code Option("missingkey=...")}.
 *
 * <pre>{@code
 * Template t = Template.parse("{{.Id}}").withMissingKey(MissingKey.ERROR);
 * }</pre>
 */
public enum MissingKey {
  /** Go's default: no value; printed as {@code <no value>}. */
  DEFAULT,
  /** The zero value of the map's element type: a nil interface. */
  ZERO,
  /**
   * An error {@code map has no entry for key "X"}, as docker's inspect uses on its raw-JSON
   * pass.
   */
  ERROR
}
