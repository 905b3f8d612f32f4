package dev.cnm.core.filter;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.json.DockerJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The filters of Docker's list and prune requests: keys, each with a set of values (moby's {@code
 * filters.Args}). Values of one key are alternatives; different keys must all hold. Which keys a
 * request accepts and what they mean is up to {@link Listing} and {@link Prune}.
 *
 * <p>Two front ends produce them: the Engine API's {@code filters} query parameter ({@link
 * #fromJson}) and the docker CLI's {@code --filter key=value} flags ({@link Builder#addFlag}).
 *
 * <pre>{@code
 * FilterArgs api = FilterArgs.fromJson("{\"label\":{\"env=dev\":true},\"driver\":{\"bridge\":true}}");
 * FilterArgs cli = FilterArgs.builder().addFlag("label=temp").addFlag("until=24h").build();
 * List<String> deleted = Prune.networks(engine, cli, Clock.systemDefaultZone());
 * }</pre>
 */
public final class FilterArgs {
  private static final FilterArgs EMPTY = new FilterArgs(Map.of());
  /** Stands for a value that is no regular expression, in {@link #patterns}. */
  private static final Pattern INVALID = Pattern.compile("");

  /**
   * Key to value to its flag. The flag is what Go decoded into the set's {@code bool}: {@code
   * false} only from JSON such as {@code {"name":{"x":false}}}, where moby's exact matching
   * ignores the value and its regular-expression matching does not.
   */
  private final Map<String, Map<String, Boolean>> fields;
  /** The values compiled as regular expressions, once each (a cache: not part of the value). */
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  private FilterArgs(Map<String, Map<String, Boolean>> fields) {
    this.fields = fields;
  }

  /** {@return no filters} */
  public static FilterArgs empty() {
    return EMPTY;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Decodes the Engine API's {@code filters} parameter as moby's {@code filters.FromJSON} does: a
   * map of sets ({@code {"name":{"web":true}}}), else the older map of lists ({@code
   * {"name":["web"]}}). An empty string (or JSON {@code null}) means no filters.
   *
   * @param json the parameter's value, possibly empty
   * @return the filters it holds
   * @throws InvalidParameterException {@code invalid filter} for anything else
   */
  public static FilterArgs fromJson(String json) {
    requireNonNull(json, "json");
    if (json.isEmpty()) {
      return EMPTY;
    }
    JsonNode root;
    try {
      root = DockerJson.parse(json);
    } catch (InvalidParameterException e) {
      throw invalidFilter(e);
    }
    if (root.isNull()) {
      return EMPTY;
    }
    if (!root.isObject()) {
      throw invalidFilter(null);
    }
    Map<String, Map<String, Boolean>> sets = new LinkedHashMap<>();
    if (decodeSets(root, sets)) {
      return new FilterArgs(freeze(sets));
    }
    Map<String, Map<String, Boolean>> lists = new LinkedHashMap<>();
    if (decodeLists(root, lists)) {
      return new FilterArgs(freeze(lists));
    }
    throw invalidFilter(null);
  }

  private static InvalidParameterException invalidFilter(Throwable cause) {
    return cause == null ? new InvalidParameterException("invalid filter")
        : new InvalidParameterException("invalid filter", cause);
  }

  /** {@code map[string]map[string]bool}: each value an object of booleans, or null. */
  private static boolean decodeSets(JsonNode root, Map<String, Map<String, Boolean>> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Map<String, Boolean> set = new LinkedHashMap<>();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> values = v.fields(); values.hasNext(); ) {
          Map.Entry<String, JsonNode> value = values.next();
          if (value.getValue().isBoolean()) {
            set.put(value.getKey(), value.getValue().booleanValue());
          } else if (value.getValue().isNull()) {
            set.put(value.getKey(), false); // Go leaves a bool untouched by null
          } else {
            return false;
          }
        }
      } else if (!v.isNull()) {
        return false;
      }
      out.put(e.getKey(), set);
    }
    return true;
  }

  /** The legacy {@code map[string][]string}: each value an array of strings, or null. */
  private static boolean decodeLists(JsonNode root, Map<String, Map<String, Boolean>> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Map<String, Boolean> set = new LinkedHashMap<>();
      JsonNode v = e.getValue();
      if (v.isArray()) {
        for (JsonNode item : v) {
          if (item.isTextual()) {
            set.put(item.textValue(), true);
          } else if (item.isNull()) {
            set.put("", true); // Go leaves the string element empty
          } else {
            return false;
          }
        }
      } else if (!v.isNull()) {
        return false;
      }
      out.put(e.getKey(), set);
    }
    return true;
  }

  private static Map<String, Map<String, Boolean>> freeze(Map<String, Map<String, Boolean>> m) {
    Map<String, Map<String, Boolean>> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    return Collections.unmodifiableMap(copy);
  }

  /** {@return whether there are no keys at all} */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** {@return the keys, in the order given} */
  public Set<String> keys() {
    return fields.keySet();
  }

  /**
   * Whether {@code key} was given (possibly with no values, as JSON can say).
   *
   * @param key the filter key
   * @return whether the key was given
   */
  public boolean contains(String key) {
    return fields.containsKey(key);
  }

  /**
   * The values of {@code key}, in the order given; empty when absent.
   *
   * @param key the filter key
   * @return its values, empty when absent
   */
  public List<String> get(String key) {
    Map<String, Boolean> values = fields.get(key);
    return values == null ? List.of() : List.copyOf(values.keySet());
  }

  /**
   * The Engine API form, {@code {"key":{"value":true}}}; {@code ""} when empty, as the docker CLI sends it.
   *
   * @return the JSON text, or {@code ""} when there are no filters
   */
  public String toJson() {
    if (fields.isEmpty()) {
      return "";
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    fields.forEach((k, values) -> {
      ObjectNode set = root.putObject(k);
      values.forEach(set::put);
    });
    return root.toString();
  }

  // ---- moby's matching rules (filters.Args), for the listings ---------------------------------

  /** {@code Validate}: {@code invalid filter 'foo'} for the first key outside {@code accepted}. */
  void validate(Set<String> accepted) {
    for (String k : fields.keySet()) {
      if (!accepted.contains(k)) {
        throw new InvalidParameterException("invalid filter '" + k + "'");
      }
    }
  }

  /** {@code ExactMatch}: true without values for {@code key}, else whether {@code source} is one set to true. */
  boolean exactMatch(String key, String source) {
    Map<String, Boolean> values = fields.get(key);
    if (values == null || values.isEmpty()) {
      return true;
    }
    return Boolean.TRUE.equals(values.get(source));
  }

  /**
   * {@code Match}: an exact match, or a value that, as an unanchored regular expression, finds
   * itself in {@code source}; a value that is no valid expression only matches exactly.
   */
  boolean match(String key, String source) {
    if (exactMatch(key, source)) {
      return true;
    }
    for (String value : fields.get(key).keySet()) {
      Pattern p = pattern(value);
      if (p != null && p.matcher(source).find()) {
        return true;
      }
    }
    return false;
  }

  private Pattern pattern(String value) {
    Pattern p = patterns.computeIfAbsent(value, v -> {
      try {
        return Pattern.compile(v);
      } catch (PatternSyntaxException e) {
        return INVALID;
      }
    });
    return p == INVALID ? null : p;
  }

  /**
   * {@code MatchKVList}: true without values for {@code key}; else every value, {@code k} or
   * {@code k=v}, is among {@code labels}.
   */
  boolean matchKeyValues(String key, Map<String, String> labels) {
    Map<String, Boolean> values = fields.get(key);
    if (values == null || values.isEmpty()) {
      return true;
    }
    if (labels.isEmpty()) {
      return false;
    }
    for (String value : values.keySet()) {
      int eq = value.indexOf('=');
      String k = eq < 0 ? value : value.substring(0, eq);
      String have = labels.get(k);
      if (have == null || (eq >= 0 && !have.equals(value.substring(eq + 1)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code GetBoolOrDefault}: {@code otherwise} when the key is absent, else the one truth its
   * values agree on ({@code 1}/{@code true} or {@code 0}/{@code false}).
   *
   * @throws InvalidParameterException {@code invalid filter 'is-task=[maybe]'} when they say
   *     neither or both
   */
  boolean bool(String key, boolean otherwise) {
    Map<String, Boolean> values = fields.get(key);
    if (values == null) {
      return otherwise;
    }
    boolean isFalse = Boolean.TRUE.equals(values.get("0")) || Boolean.TRUE.equals(values.get("false"));
    boolean isTrue = Boolean.TRUE.equals(values.get("1")) || Boolean.TRUE.equals(values.get("true"));
    if (values.isEmpty() || isFalse == isTrue) {
      // Go prints the values as a slice: [a b].
      String shown = values.isEmpty() ? "" : "=[" + String.join(" ", values.keySet()) + "]";
      throw new InvalidParameterException("invalid filter '" + key + shown + "'");
    }
    return isTrue;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FilterArgs && ((FilterArgs) o).fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "FilterArgs" + fields;
  }

  /** Builds {@link FilterArgs}; a value given twice for a key counts once. */
  public static final class Builder {
    private final Map<String, Map<String, Boolean>> fields = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds {@code value} to the set of {@code key}.
     *
     * @param key the filter key
     * @param value one value for it
     * @return this builder
     */
    public Builder add(String key, String value) {
      requireNonNull(key, "key");
      requireNonNull(value, "value");
      fields.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(value, true);
      return this;
    }

    /**
     * Adds one {@code --filter} flag as the docker CLI reads it: {@code key=value}, the key
     * trimmed and lower-cased, the value trimmed; an empty flag adds nothing.
     *
     * @param flag the flag's value, {@code key=value}
     * @return this builder
     * @throws InvalidParameterException {@code bad format of filter (expected name=value)}
     */
    public Builder addFlag(String flag) {
      requireNonNull(flag, "flag");
      if (flag.isEmpty()) {
        return this;
      }
      int eq = flag.indexOf('=');
      if (eq < 0) {
        throw new InvalidParameterException("bad format of filter (expected name=value)");
      }
      return add(flag.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), flag.substring(eq + 1).strip());
    }

    /**
     * Adds every flag of {@link #addFlag}, in order.
     *
     * @param flags the flags' values, each {@code key=value}
     * @return this builder
     */
    public Builder addFlags(List<String> flags) {
      for (String f : new ArrayList<>(flags)) {
        addFlag(f);
      }
      return this;
    }

    /**
     * The filters.
     *
     * @return the filters built
     */
    public FilterArgs build() {
      return fields.isEmpty() ? EMPTY : new FilterArgs(freeze(fields));
    }
  }
}
