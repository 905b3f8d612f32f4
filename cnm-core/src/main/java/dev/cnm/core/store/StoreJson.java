package dev.cnm.core.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.store.GlobalStore;
import dev.cnm.api.store.StoreOps;
import dev.cnm.api.store.Versioned;
import java.io.IOException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * JSON documents in a {@link GlobalStore}: libnetwork kept every global object (network, endpoint
 * count, bit sequence) as one JSON value per key, updated with compare-and-set. This helper
 * encodes and decodes with Jackson and runs {@link StoreOps#update} on typed values, so callers
 * see {@code T} and its mod revision instead of bytes.
 *
 * <pre>{@code
 * StoreJson json = StoreJson.create();
 * json.update(store, "endpoint_count/" + nid, EndpointCount.class,
 *     current -> Optional.of(current.orElse(EndpointCount.ZERO).plus(1)));
 * Optional<StoreJson.Document<EndpointCount>> now = json.read(store, "endpoint_count/" + nid, EndpointCount.class);
 * }</pre>
 */
public final class StoreJson {
  private final ObjectMapper mapper;

  private StoreJson(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** {@return a helper with a default {@link ObjectMapper}} */
  public static StoreJson create() {
    return new StoreJson(new ObjectMapper());
  }

  /**
   * {@return a helper with the given mapper (for example one that knows the model's modules)}
   *
   * @param mapper the mapper that encodes and decodes the documents
   */
  public static StoreJson using(ObjectMapper mapper) {
    return new StoreJson(requireNonNull(mapper, "mapper"));
  }

  /** One decoded document and the mod revision it was read at. */
  public static final class Document<T> {
    private final T value;
    private final long modRevision;

    Document(T value, long modRevision) {
      this.value = value;
      this.modRevision = modRevision;
    }

    /** {@return the decoded value} */
    public T value() {
      return value;
    }

    /** {@return the mod revision of the stored document; the token for compare-and-set} */
    public long modRevision() {
      return modRevision;
    }

    @Override
    public String toString() {
      return value + "@" + modRevision;
    }
  }

  /**
   * Reads and decodes {@code key}.
   *
   * @param <T> the document's type
   * @param store the store
   * @param key the key
   * @param type the document's type
   * @return the decoded document and its mod revision, or empty if the key does not exist
   * @throws SystemException if the stored bytes are not a valid {@code type} document
   */
  public <T> Optional<Document<T>> read(GlobalStore store, String key, Class<T> type) {
    return store.get(key).map(v -> document(v, type));
  }

  /**
   * Atomically replaces the document at {@code key} with {@code function(current)}, retrying and
   * resolving unknown outcomes as {@link StoreOps#update} does. Returning empty deletes the key.
   * Values that encode to the same JSON as the stored one are not written again, so a function
   * that recognises its own earlier (in-doubt) write stays idempotent.
   *
   * @param <T> the document's type
   * @param store the store
   * @param key the key
   * @param type the document's type
   * @param function maps the current document, or empty, to the new one, or empty to delete
   * @return the document after the update, empty if deleted or still absent
   */
  public <T> Optional<Document<T>> update(
      GlobalStore store, String key, Class<T> type, UnaryOperator<Optional<T>> function) {
    requireNonNull(type, "type");
    requireNonNull(function, "function");
    return StoreOps.update(
            store,
            key,
            current -> {
              Optional<T> decoded = current.map(b -> decode(key, b, type));
              Optional<T> next = requireNonNull(function.apply(decoded), "function returned null");
              return next.map(this::encode).orElse(null);
            })
        .map(v -> document(v, type));
  }

  /**
   * Encodes a value as JSON bytes.
   *
   * @param value the value
   * @return the JSON bytes
   */
  public byte[] encode(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON", e);
    }
  }

  /**
   * Decodes JSON bytes read from {@code key}.
   *
   * @param <T> the document's type
   * @param key the key the bytes were read from, for the error message
   * @param json the bytes
   * @param type the document's type
   * @return the decoded value
   * @throws SystemException if the bytes are not a valid {@code type} document
   */
  public <T> T decode(String key, byte[] json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new SystemException("corrupt store document at " + key + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new SystemException("corrupt store document at " + key + ": " + e.getMessage(), e);
    }
  }

  private <T> Document<T> document(Versioned v, Class<T> type) {
    return new Document<>(decode(v.key(), v.value(), type), v.modRevision());
  }
}
