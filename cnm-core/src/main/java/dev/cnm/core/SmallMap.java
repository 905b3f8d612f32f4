package dev.cnm.core;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An insertion-ordered map for what is nearly always one entry (a container's attachments): the
 * single entry lives in two fields, and a {@link LinkedHashMap} is made only for a second one.
 * One entry costs 32 bytes instead of about 150. No null keys or values. Views are fresh on every
 * call and read-only while the map holds at most one entry.
 *
 * <pre>{@code
 * SmallMap<String, Integer> m = new SmallMap<>();
 * m.put("a", 1);   // in fields
 * m.put("b", 2);   // now a LinkedHashMap
 * }</pre>
 */
final class SmallMap<K, V> extends AbstractMap<K, V> {
  private K key;
  private V value;
  private Map<K, V> more;

  @Override
  public int size() {
    return more != null ? more.size() : key != null ? 1 : 0;
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public V get(Object k) {
    if (more != null) {
      return more.get(k);
    }
    return key != null && key.equals(k) ? value : null;
  }

  @Override
  public boolean containsKey(Object k) {
    return more != null ? more.containsKey(k) : key != null && key.equals(k);
  }

  @Override
  public V put(K k, V v) {
    if (k == null || v == null) {
      throw new NullPointerException("SmallMap takes no nulls");
    }
    if (more != null) {
      return more.put(k, v);
    }
    if (key == null) {
      key = k;
      value = v;
      return null;
    }
    if (key.equals(k)) {
      V old = value;
      value = v;
      return old;
    }
    more = new LinkedHashMap<>(4);
    more.put(key, value);
    more.put(k, v);
    key = null;
    value = null;
    return null;
  }

  @Override
  public V remove(Object k) {
    if (more != null) {
      V old = more.remove(k);
      if (more.size() == 1) {
        Map.Entry<K, V> e = more.entrySet().iterator().next();
        key = e.getKey();
        value = e.getValue();
        more = null;
      }
      return old;
    }
    if (key != null && key.equals(k)) {
      V old = value;
      key = null;
      value = null;
      return old;
    }
    return null;
  }

  @Override
  public void clear() {
    key = null;
    value = null;
    more = null;
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    if (more != null) {
      return more.entrySet();
    }
    return key == null ? Set.of() : Set.of(new SimpleImmutableEntry<>(key, value));
  }

  @Override
  public Set<K> keySet() {
    if (more != null) {
      return more.keySet();
    }
    return key == null ? Set.of() : Set.of(key);
  }

  @Override
  public Collection<V> values() {
    if (more != null) {
      return more.values();
    }
    return value == null ? List.of() : List.of(value);
  }
}
