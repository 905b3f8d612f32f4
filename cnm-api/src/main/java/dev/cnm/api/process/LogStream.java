package dev.cnm.api.process;

/**
 * The stream a container's process wrote a line to.
 *
 * <pre>{@code
 * engine.logs("web", LogOptions.all()).stream().filter(e -> e.stream() == LogStream.STDERR);
 * }</pre>
 */
public enum LogStream {
  /** Standard output (stream 1 of the Engine API's multiplexed framing). */
  STDOUT("stdout"),
  /** Standard error (stream 2). */
  STDERR("stderr");

  private final String text;

  LogStream(String text) {
    this.text = text;
  }

  /** {@return Docker's name: {@code stdout} or {@code stderr}} */
  @Override
  public String toString() {
    return text;
  }
}
