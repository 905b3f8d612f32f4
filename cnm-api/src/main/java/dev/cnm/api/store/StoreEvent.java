package dev.cnm.api.store;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * One change a {@link Watch} delivers: a put (create or update) or a delete of a key, at the store
 * revision of that change. A delete carries an empty value.
 *
 * <pre>{@code
 * store.watch("network/", 0, event -> {
 *   if (event.type() == StoreEvent.Type.DELETE) cache.remove(event.key());
 * });
 * }</pre>
 */
public final class StoreEvent {
  /** What happened to the key. */
  public enum Type {
    /** The key was created or its value replaced. */
    PUT,
    /** The key was deleted. */
    DELETE
  }

  private static final byte[] EMPTY = new byte[0];

  private final Type type;
  private final String key;
  private final byte[] value;
  private final long revision;

  private StoreEvent(Type type, String key, byte[] value, long revision) {
    this.type = type;
    this.key = key;
    this.value = value;
    this.revision = revision;
  }

  /**
   * {@return a put of {@code value} at {@code revision}; the bytes are copied}
   *
   * @param key the key
   * @param value the new value
   * @param revision the store revision of the put, the value's mod revision
   */
  public static StoreEvent put(String key, byte[] value, long revision) {
    StoreKeys.checkKey(key);
    checkArgument(revision > 0, "revision must be positive: %s", revision);
    return new StoreEvent(Type.PUT, key, requireNonNull(value, "value").clone(), revision);
  }

  /**
   * {@return a delete at {@code revision}}
   *
   * @param key the key
   * @param revision the store revision of the delete
   */
  public static StoreEvent delete(String key, long revision) {
    StoreKeys.checkKey(key);
    checkArgument(revision > 0, "revision must be positive: %s", revision);
    return new StoreEvent(Type.DELETE, key, EMPTY, revision);
  }

  /**
   * Put or delete.
   *
   * @return whether the event is a put or a delete
   */
  public Type type() {
    return type;
  }

  /** {@return the key, without any implementation-level prefix} */
  public String key() {
    return key;
  }

  /** {@return a copy of the new value; empty for a delete} */
  public byte[] value() {
    return value.clone();
  }

  /** {@return the store revision of the change; for a put, the new value's mod revision} */
  public long revision() {
    return revision;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof StoreEvent)) {
      return false;
    }
    StoreEvent that = (StoreEvent) o;
    return type == that.type
        && revision == that.revision
        && key.equals(that.key)
        && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return ((type.hashCode() * 31 + key.hashCode()) * 31 + Arrays.hashCode(value)) * 31
        + Long.hashCode(revision);
  }

  @Override
  public String toString() {
    return type + " " + key + "@" + revision + (type == Type.PUT ? " (" + value.length + " bytes)" : "");
  }
}
