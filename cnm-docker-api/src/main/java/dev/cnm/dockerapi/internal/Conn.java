package dev.cnm.dockerapi.internal;

/**
 * One request's way back to its client: an ordinary reply, a chunked stream whose headers go out
 * at once ({@code /wait}), or a hijacked connection carrying raw bytes ({@code attach}, {@code
 * exec start}).
 */
interface Conn {
  /** A complete reply with {@code Content-Length}; {@code body} may be empty. */
  void reply(int status, String contentType, byte[] body);

  /** Sends and flushes the headers of a chunked reply. */
  void startChunked(int status, String contentType);

  /** One chunk of a reply begun with {@link #startChunked}. */
  void chunk(byte[] data);

  /** Ends a chunked reply. */
  void endChunked();

  /**
   * Takes the connection over: {@code 101 UPGRADED} when the client asked to upgrade, else
   * {@code 200 OK}; then raw bytes only.
   */
  void hijack(String contentType);

  /** Raw bytes on a hijacked connection. */
  void raw(byte[] data);

  /** Closes the connection. */
  void close();

  /**
   * Something failed that no reply describes (an {@link Error}): a 500 if no reply has begun, and
   * the connection closes.
   */
  void internalError();

  /** Whether the client is still connected. */
  boolean isOpen();
}
