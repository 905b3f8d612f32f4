package dev.cnm.api.store;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * The key and value rules every {@link GlobalStore} enforces, so that callers get the same
 * programming error from every implementation.
 *
 * <p>Keys are {@code /}-separated paths with no leading {@code /}, for example {@code
 * network/3f2a.../}; there are no directory nodes, a prefix is a plain string prefix. Values are
 * opaque bytes of at most {@link #MAX_VALUE_BYTES} (etcd refuses requests above 1.5 MiB).
 *
 * <pre>{@code
 * String key = StoreKeys.checkKey("idm/vxlan-id");
 * }</pre>
 */
public final class StoreKeys {
  /** The largest value a store accepts, 1 MiB. */
  public static final int MAX_VALUE_BYTES = 1 << 20;

  private StoreKeys() {}

  /**
   * {@return {@code key} if it is a valid key: not empty, not starting with {@code /}, and without
   * NUL characters}
   *
   * @param key the key to check
   * @throws IllegalArgumentException if the key is malformed
   */
  public static String checkKey(String key) {
    requireNonNull(key, "key");
    checkArgument(!key.isEmpty(), "store key must not be empty");
    checkArgument(!key.startsWith("/"), "store key must not start with '/': %s", key);
    checkArgument(key.indexOf('\0') < 0, "store key must not contain NUL: %s", key);
    return key;
  }

  /**
   * {@return {@code prefix} if it is a valid prefix: like a key, except that the empty prefix
   * (everything) is allowed}
   *
   * @param prefix the prefix to check
   * @throws IllegalArgumentException if the prefix is malformed
   */
  public static String checkPrefix(String prefix) {
    requireNonNull(prefix, "prefix");
    return prefix.isEmpty() ? prefix : checkKey(prefix);
  }

  /**
   * {@return {@code value} if it fits the size limit}
   *
   * @param value the value to check
   * @throws IllegalArgumentException if the value is larger than {@link #MAX_VALUE_BYTES}
   */
  public static byte[] checkValue(byte[] value) {
    requireNonNull(value, "value");
    checkArgument(
        value.length <= MAX_VALUE_BYTES,
        "store value of %s bytes exceeds the limit of %s bytes",
        value.length,
        MAX_VALUE_BYTES);
    return value;
  }

  /**
   * {@return {@code revision} if it is a real mod revision (positive)}
   *
   * @param revision the revision to check
   * @throws IllegalArgumentException if the revision is zero or negative
   */
  public static long checkRevision(long revision) {
    checkArgument(
        revision > 0,
        "expected mod revision must be positive (use putIfAbsent to create): %s",
        revision);
    return revision;
  }
}
