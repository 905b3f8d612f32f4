package dev.cnm.api.store;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Several conditions and several writes that a {@link GlobalStore#commit} applies atomically:
 * every write if every condition holds, otherwise none (one etcd transaction). Conditions are on
 * single keys (absent, or at a mod revision) or on a prefix (no key starts with it); writes put or
 * delete single keys, each key at most once. All writes of a commit share one mod revision.
 *
 * <p>This is what lets an owner and what it holds change together, so that nothing leaks between
 * two writes: an endpoint's record and its address, a network's removal and the check that no
 * endpoint is left on it.
 *
 * <pre>{@code
 * long rev = store.commit(StoreTxn.builder()
 *     .requireModRevision("network/ov", networkRevision)     // the network is still the one we saw
 *     .requireAbsent("ipam/used/10.0.0.0-24/2")              // the address is free
 *     .put("ipam/used/10.0.0.0-24/2", owner)
 *     .put("endpoint/" + nid + "/" + eid, record)
 *     .build());
 * }</pre>
 */
public final class StoreTxn {
  /** What a condition asks of the store. */
  public enum Kind {
    /** The key does not exist. */
    ABSENT,
    /** The key exists at exactly this mod revision. */
    MOD_REVISION,
    /** No key starts with this prefix. */
    NO_KEY_WITH_PREFIX
  }

  /**
   * One condition.
   *
   * @param kind what is asked
   * @param key the key, or the prefix for {@link Kind#NO_KEY_WITH_PREFIX}
   * @param modRevision the expected mod revision for {@link Kind#MOD_REVISION}, else 0
   */
  public record Condition(Kind kind, String key, long modRevision) {
    /**
     * Checks the values.
     *
     * @param kind what is asked
     * @param key the key, or the prefix for {@link Kind#NO_KEY_WITH_PREFIX}
     * @param modRevision the expected mod revision for {@link Kind#MOD_REVISION}, else 0
     */
    public Condition {
      requireNonNull(kind, "kind");
      StoreKeys.checkKey(key);
      if (kind == Kind.MOD_REVISION) {
        StoreKeys.checkRevision(modRevision);
      }
    }
  }

  /**
   * One write: a put, or a delete when the value is empty.
   *
   * @param key the key
   * @param value the new value, or empty to delete the key (a missing key stays missing)
   */
  public record Write(String key, Optional<byte[]> value) {
    /**
     * Checks the values.
     *
     * @param key the key
     * @param value the new value, or empty to delete the key
     */
    public Write {
      StoreKeys.checkKey(key);
      requireNonNull(value, "value");
      value.ifPresent(StoreKeys::checkValue);
    }

    /** {@return whether this write deletes its key} */
    public boolean isDelete() {
      return value.isEmpty();
    }
  }

  private final List<Condition> conditions;
  private final List<Write> writes;

  private StoreTxn(List<Condition> conditions, List<Write> writes) {
    this.conditions = List.copyOf(conditions);
    this.writes = List.copyOf(writes);
  }

  /**
   * Which of several alternative transactions a {@link GlobalStore#commitFirst} committed, and at
   * which store revision.
   *
   * <pre>{@code
   * StoreTxn.Chosen c = store.commitFirst(List.of(takeAddress2, takeAddress3));
   * long ordinal = c.index() == 0 ? 2 : 3;
   * }</pre>
   *
   * @param index the position of the committed transaction among the alternatives
   * @param revision the store revision of the commit
   */
  public record Chosen(int index, long revision) {}

  /** {@return a builder of a transaction} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the conditions, in the order given} */
  public List<Condition> conditions() {
    return conditions;
  }

  /** {@return the writes, in the order given} */
  public List<Write> writes() {
    return writes;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("StoreTxn[if");
    conditions.forEach(c -> b.append(' ').append(c.kind()).append(' ').append(c.key())
        .append(c.kind() == Kind.MOD_REVISION ? "@" + c.modRevision() : ""));
    b.append(" then");
    writes.forEach(w -> b.append(w.isDelete() ? " delete " : " put ").append(w.key()));
    return b.append(']').toString();
  }

  /** Builds a {@link StoreTxn}; at least one write is required, each key is written at most once. */
  public static final class Builder {
    private final List<Condition> conditions = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private final Set<String> written = new HashSet<>();

    private Builder() {}

    /**
     * The key must not exist.
     *
     * @param key the key
     * @return this builder
     */
    public Builder requireAbsent(String key) {
      conditions.add(new Condition(Kind.ABSENT, key, 0));
      return this;
    }

    /**
     * The key must exist at exactly this mod revision.
     *
     * @param key the key
     * @param modRevision the mod revision the caller read
     * @return this builder
     */
    public Builder requireModRevision(String key, long modRevision) {
      conditions.add(new Condition(Kind.MOD_REVISION, key, modRevision));
      return this;
    }

    /**
     * No key may start with {@code prefix}.
     *
     * @param prefix a non-empty prefix
     * @return this builder
     */
    public Builder requireNoKeyWithPrefix(String prefix) {
      conditions.add(new Condition(Kind.NO_KEY_WITH_PREFIX, prefix, 0));
      return this;
    }

    /**
     * Puts {@code value} at {@code key}.
     *
     * @param key the key
     * @param value the value; copied
     * @return this builder
     */
    public Builder put(String key, byte[] value) {
      return write(new Write(key, Optional.of(requireNonNull(value, "value").clone())));
    }

    /**
     * Deletes {@code key} (nothing happens to a missing key).
     *
     * @param key the key
     * @return this builder
     */
    public Builder delete(String key) {
      return write(new Write(key, Optional.empty()));
    }

    private Builder write(Write w) {
      checkArgument(written.add(w.key()), "key %s is written twice in one transaction", w.key());
      writes.add(w);
      return this;
    }

    /** {@return whether a write was added} */
    public boolean hasWrites() {
      return !writes.isEmpty();
    }

    /**
     * {@return the transaction}
     *
     * @throws IllegalStateException if it has no write
     */
    public StoreTxn build() {
      if (writes.isEmpty()) {
        throw new IllegalStateException("a store transaction needs at least one write");
      }
      return new StoreTxn(conditions, writes);
    }
  }
}
