package dev.cnm.dockerapi.internal;

/**
 * Holds an ordinary reply back until the request is done (its change saved), so that a client
 * that sees success may rely on it; streams, chunked replies and hijacks pass straight through.
 */
final class Deferred implements Conn {
  private final Conn inner;
  private int status;
  private String contentType;
  private byte[] body;

  Deferred(Conn inner) {
    this.inner = inner;
  }

  /** Replaces any held reply with Docker's error body. */
  void fail(int status, String message) {
    this.status = status;
    this.contentType = Api.JSON;
    this.body = Api.errorBody(message);
  }

  /** Drops the held reply: the request failed past answering ({@link Conn#internalError}). */
  void abandon() {
    body = null;
  }

  /** Sends the held reply, if any. */
  void flush() {
    if (body != null) {
      inner.reply(status, contentType, body);
      body = null;
    }
  }

  @Override
  public void reply(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  @Override
  public void startChunked(int status, String contentType) {
    inner.startChunked(status, contentType);
  }

  @Override
  public void chunk(byte[] data) {
    inner.chunk(data);
  }

  @Override
  public void endChunked() {
    inner.endChunked();
  }

  @Override
  public void hijack(String contentType) {
    inner.hijack(contentType);
  }

  @Override
  public void raw(byte[] data) {
    inner.raw(data);
  }

  @Override
  public void close() {
    inner.close();
  }

  @Override
  public void internalError() {
    inner.internalError();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }
}
