package io.etcd.jetcd.op;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.api.Compare;

/**
 * A compare over every key with a prefix (etcd's {@code Compare.range_end}), which jetcd's {@link
 * Cmp} does not expose. etcd compares each key in the range and, when the range is empty, a key
 * with every field zero: so {@code create_revision == 0} over a prefix holds exactly when no key
 * starts with it. It lives in jetcd's package because {@link Cmp#toCompare} is package-private;
 * only cnm-store-etcd uses it.
 *
 * <pre>{@code
 * Cmp none = CnmPrefixCmp.noKeyWithPrefix(ByteSequence.from("cnm/v1/endpoint/abc/", UTF_8));
 * }</pre>
 */
public final class CnmPrefixCmp extends Cmp {
  private final ByteString rangeEnd;

  private CnmPrefixCmp(ByteSequence prefix) {
    super(prefix, Op.EQUAL, CmpTarget.createRevision(0));
    this.rangeEnd = ByteString.copyFrom(prefixEnd(prefix.getBytes()));
  }

  /**
   * {@return a compare that holds when no key starts with {@code prefix}}
   *
   * @param prefix a non-empty prefix
   */
  public static Cmp noKeyWithPrefix(ByteSequence prefix) {
    if (prefix.isEmpty()) {
      throw new IllegalArgumentException("prefix must not be empty");
    }
    return new CnmPrefixCmp(prefix);
  }

  @Override
  Compare toCompare(ByteSequence namespace) {
    ByteString end = namespace == null || namespace.isEmpty() ? rangeEnd
        : ByteString.copyFrom(namespace.getBytes()).concat(rangeEnd);
    return super.toCompare(namespace).toBuilder().setRangeEnd(end).build();
  }

  /** etcd's {@code GetPrefixRangeEnd}: the prefix with its last byte below 0xff increased, the rest cut. */
  static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return java.util.Arrays.copyOf(end, i + 1);
      }
    }
    return new byte[] {0}; // every key after the prefix
  }
}
