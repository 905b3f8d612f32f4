package dev.cnm.dockerapi.internal;

/**
 * Holds an ordinary reply back until the request is done (its change saved), so that a client
 * that sees success may rely on it; so is the end of a chunked reply written while the request
 * runs (a pull's or a build's progress). Streams, chunks and hijacks pass straight through, and
 * a chunked reply ended after the request ({@code /wait}, a followed log) ends at once: the
 * engine's deliveries may end it from another thread, so the end and the flush take turns.
 */
final class Deferred implements Conn {
  private final Conn inner;
  private int status;
  private String contentType;
  private byte[] body;
  private boolean flushed;
  private boolean endPending;
  /** A chunked reply has begun: a failure can no longer be a reply of its own. */
  private boolean chunked;
  /** It failed after that (its change could not be saved): the connection closes unfinished. */
  private boolean broken;

  Deferred(Conn inner) {
    this.inner = inner;
  }

  /**
   * Replaces any held reply with Docker's error body; once a chunked reply has begun, the stream
   * is left unfinished instead (the client sees it cut short).
   */
  void fail(int status, String message) {
    if (chunked) {
      broken = true;
      return;
    }
    this.status = status;
    this.contentType = Api.JSON;
    this.body = Api.errorBody(message);
  }

  /** Drops the held reply: the request failed past answering ({@link Conn#internalError}). */
  void abandon() {
    body = null;
  }

  /** Sends the held reply, if any; from now on everything passes straight through. */
  synchronized void flush() {
    flushed = true;
    if (broken) {
      broken = false;
      endPending = false;
      inner.internalError();
      return;
    }
    if (body != null) {
      inner.reply(status, contentType, body);
      body = null;
    }
    if (endPending) {
      endPending = false;
      inner.endChunked();
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
    chunked = true;
    inner.startChunked(status, contentType);
  }

  @Override
  public void chunk(byte[] data) {
    inner.chunk(data);
  }

  @Override
  public synchronized void endChunked() {
    if (flushed) {
      inner.endChunked();
    } else {
      endPending = true;
    }
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
