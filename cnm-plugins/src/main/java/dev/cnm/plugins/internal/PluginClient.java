package dev.cnm.plugins.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.SystemException;
import dev.cnm.plugins.CallListener;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.plugins.PluginCall;
import dev.cnm.plugins.PluginJournal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Calls one plugin as Docker's {@code pkg/plugins.Client} does: a POST of the JSON arguments to
 * {@code /<Method>}, retried with Docker's backoff (1 s, doubling) while the connection fails and
 * the retry window (Docker's 30 s) is not over; a non-200 answer is a {@code <Method>: <Err>}
 * error; a 200 answer is decoded as Go decodes it. Every call is reported to the listener with
 * its JSON and what Docker does with the answer.
 */
public final class PluginClient {
  private final String name;
  private final PluginAddress address;
  private final Duration callTimeout;
  private final Duration retryWindow;
  private final CallListener listener;
  private final PluginJournal journal;
  private final BooleanSupplier replaying;

  /**
   * A client of plugin {@code name} at {@code address}; {@code callTimeout} bounds each attempt
   * (zero: none), {@code retryWindow} the retries of a failed connection; answers an engine
   * depends on are kept in {@code journal}, and given back from it while {@code replaying}.
   */
  public PluginClient(String name, PluginAddress address, Duration callTimeout, Duration retryWindow,
      CallListener listener, PluginJournal journal, BooleanSupplier replaying) {
    this.name = requireNonNull(name, "name");
    this.address = requireNonNull(address, "address");
    this.callTimeout = requireNonNull(callTimeout, "callTimeout");
    this.retryWindow = requireNonNull(retryWindow, "retryWindow");
    this.listener = requireNonNull(listener, "listener");
    this.journal = requireNonNull(journal, "journal");
    this.replaying = requireNonNull(replaying, "replaying");
  }

  /** Whether an engine is being restored: calls it repeats are answered from the journal. */
  public boolean replaying() {
    return replaying.getAsBoolean();
  }

  /**
   * During a restore, the kept answer to {@code method} for {@code key}, read as a live answer is;
   * empty outside a restore or when none was kept (the call is then made).
   */
  public <T> Optional<T> replay(String method, String key, String goType, Reader<T> reader) {
    if (!replaying()) {
      return Optional.empty();
    }
    return journal.get(name, method, key).map(a -> reader.read(GoValues.decode(a, goType), new StringBuilder()));
  }

  /** Keeps {@code answer} to {@code method} for {@code key}, for restores. */
  public void remember(String method, String key, ObjectNode answer) {
    journal.put(name, method, key, answer.toString());
  }

  /** Forgets the kept answers to {@code method} whose keys match: what they answered was released. */
  public void forget(String method, Predicate<String> keys) {
    journal.remove(name, method, keys);
  }

  /** The plugin's name. */
  public String name() {
    return name;
  }

  /** The plugin's address. */
  public PluginAddress address() {
    return address;
  }

  /** Reads a decoded answer into a result, and says what Docker does with it. */
  public interface Reader<T> {
    /** The result; {@code verdict} takes what Docker does with the answer. */
    T read(ObjectNode answer, StringBuilder verdict);
  }

  /** A non-200 answer ({@code statusError}): {@code <Method>: <Err or body>}. */
  public static final class StatusException extends SystemException {
    private static final long serialVersionUID = 1L;
    private final int status;

    StatusException(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }
  }

  /**
   * Calls {@code method} with {@code args} (null: no body), decodes the answer as {@code goType}
   * and reads it; {@code onFailure} says what Docker does when the call fails. With {@code
   * optional}, a 404 answer means "not implemented" and gives null.
   *
   * @throws CnmException the transport, status, decoding or reading error
   */
  public <T> T call(String method, JsonNode args, String goType, boolean optional, Reader<T> reader,
      Function<CnmException, String> onFailure) {
    byte[] body = args == null ? new byte[0] : GoValues.encode(args);
    String request = new String(body, StandardCharsets.UTF_8).strip();
    long start = System.nanoTime();
    HttpTransport.Response response;
    try {
      response = post(method, body, start);
    } catch (HttpTransport.TransportException e) {
      SystemException failure = new SystemException("Post \"http://" + address.hostHeader() + "/" + method + "\": "
          + e.getMessage(), e);
      listener.onCall(PluginCall.failed(name, method, request, e.getMessage(), onFailure.apply(failure),
          Duration.ofNanos(System.nanoTime() - start)));
      throw failure;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    String text = new String(response.body, StandardCharsets.UTF_8);
    StringBuilder verdict = new StringBuilder();
    try {
      if (response.status != 200) {
        if (optional && response.status == 404) {
          listener.onCall(PluginCall.answered(name, method, request, response.status, text,
              "not implemented (404): the method is optional, Docker carries on", elapsed));
          return null;
        }
        throw new StatusException(response.status, method + ": " + statusText(text));
      }
      T result = reader.read(GoValues.decode(text, goType), verdict);
      listener.onCall(PluginCall.answered(name, method, request, response.status, text,
          verdict.length() == 0 ? "Docker takes the answer" : verdict.toString(), elapsed));
      return result;
    } catch (CnmException e) {
      listener.onCall(PluginCall.answered(name, method, request, response.status, text, onFailure.apply(e), elapsed));
      throw e;
    }
  }

  /** Plugins' non-200 answers should carry {@code {"Err": "..."}}; otherwise the whole body is the message. */
  private static String statusText(String body) {
    try {
      JsonNode n = GoValues.MAPPER.readTree(body);
      if (n != null && n.isObject()) {
        String err = GoValues.field((ObjectNode) n, "Err").filter(JsonNode::isTextual).map(JsonNode::asText).orElse("");
        if (!err.isEmpty()) {
          return err;
        }
      }
    } catch (java.io.IOException e) {
      // not JSON: the body itself is the message
    }
    return body;
  }

  private HttpTransport.Response post(String method, byte[] body, long start) throws HttpTransport.TransportException {
    int retries = 0;
    while (true) {
      long deadline = callTimeout.isZero() ? 0 : nonZero(System.nanoTime() + callTimeout.toNanos());
      try {
        return HttpTransport.post(address, "/" + method, body, deadline);
      } catch (HttpTransport.TransportException e) {
        Duration off = backoff(retries);
        if (off.plusNanos(System.nanoTime() - start).compareTo(retryWindow) >= 0) {
          throw e;
        }
        retries++;
        try {
          Thread.sleep(off.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Docker's backoff: 1 s, doubled per retry, at most the retry window. */
  private Duration backoff(int retries) {
    Duration b = Duration.ofSeconds(1);
    for (int i = 0; i < retries && b.compareTo(retryWindow) < 0; i++) {
      b = b.multipliedBy(2);
    }
    return b.compareTo(retryWindow) > 0 ? retryWindow : b;
  }

  private static long nonZero(long t) {
    return t == 0 ? 1 : t;
  }
}
