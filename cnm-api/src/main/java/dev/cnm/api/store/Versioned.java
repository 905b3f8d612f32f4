package dev.cnm.api.store;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One key's current value in a {@link GlobalStore}, with its mod revision: the store revision of
 * the write that produced this value. Mod revisions come from one store-wide counter and are never
 * reused, not even for a key deleted and created again, so a stale revision can never match (no
 * ABA).
 *
 * <pre>{@code
 * Versioned v = store.get("endpoint_count/" + nid).orElseThrow();
 * store.compareAndSet(v.key(), v.modRevision(), next(v.value()));
 * }</pre>
 */
public final class Versioned {
  private final String key;
  private final byte[] value;
  private final long modRevision;

  private Versioned(String key, byte[] value, long modRevision) {
    this.key = key;
    this.value = value;
    this.modRevision = modRevision;
  }

  /**
   * Creates a value; the bytes are copied.
   *
   * @param key the key
   * @param value the value; the bytes are copied
   * @param modRevision the store revision of the write that produced the value
   * @return the value
   */
  public static Versioned of(String key, byte[] value, long modRevision) {
    StoreKeys.checkKey(key);
    requireNonNull(value, "value");
    checkArgument(modRevision > 0, "mod revision must be positive: %s", modRevision);
    return new Versioned(key, value.clone(), modRevision);
  }

  /** {@return the key, without any implementation-level prefix} */
  public String key() {
    return key;
  }

  /** {@return a copy of the value's bytes} */
  public byte[] value() {
    return value.clone();
  }

  /** {@return the value decoded as UTF-8; a convenience for text and JSON documents} */
  public String valueUtf8() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * {@return the store revision of the write that produced this value; the token for
   * compare-and-set}
   */
  public long modRevision() {
    return modRevision;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Versioned)) {
      return false;
    }
    Versioned that = (Versioned) o;
    return modRevision == that.modRevision
        && key.equals(that.key)
        && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return (key.hashCode() * 31 + Arrays.hashCode(value)) * 31 + Long.hashCode(modRevision);
  }

  @Override
  public String toString() {
    return key + "@" + modRevision + " (" + value.length + " bytes)";
  }
}
