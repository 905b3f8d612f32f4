package dev.cnm.plugins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.plugins.internal.GoValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The plugins' answers an engine still depends on, so that an engine restored from saved state
 * (cnm's command line restores one per command) gets them back without calling the plugins
 * again: Docker's daemon keeps running between commands and never repeats {@code CreateNetwork},
 * {@code Join} or {@code RequestPool}, so a restore must not either. It holds the activation
 * manifests and capabilities, the address spaces, the {@code Join} answer of each joined endpoint,
 * and the {@code RequestPool} and {@code RequestAddress} answers of every pool and address still
 * held; an answer goes when what it answered is released. It is JSON, saved beside the state.
 *
 * <pre>{@code
 * PluginJournal journal = PluginJournal.parse(Files.readAllBytes(dir.resolve("plugins.json")));
 * RemotePlugins plugins = RemotePlugins.builder().journal(journal).build();
 * Engine engine = plugins.replaying(() -> EngineState.restore(saved, Cnm.builder().plugins(plugins)));
 * ...
 * Files.write(dir.resolve("plugins.json"), journal.toJson());
 * }</pre>
 */
public final class PluginJournal {
  /** plugin, then method, then key, to the answer's JSON. Guarded by {@code this}. */
  private final Map<String, Map<String, Map<String, String>>> answers = new TreeMap<>();

  private PluginJournal() {}

  /** {@return an empty journal} */
  public static PluginJournal empty() {
    return new PluginJournal();
  }

  /**
   * Reads a journal {@link #toJson()} wrote.
   *
   * @param json the journal's JSON
   * @return the journal
   * @throws IllegalArgumentException when {@code json} is not one
   */
  public static PluginJournal parse(byte[] json) {
    PluginJournal j = new PluginJournal();
    JsonNode root;
    try {
      root = GoValues.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a plugin journal: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !root.path("answers").isObject()) {
      throw new IllegalArgumentException("not a plugin journal: no \"answers\" object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> p = root.get("answers").fields(); p.hasNext();) {
      Map.Entry<String, JsonNode> plugin = p.next();
      for (Iterator<Map.Entry<String, JsonNode>> m = plugin.getValue().fields(); m.hasNext();) {
        Map.Entry<String, JsonNode> method = m.next();
        for (Iterator<Map.Entry<String, JsonNode>> k = method.getValue().fields(); k.hasNext();) {
          Map.Entry<String, JsonNode> key = k.next();
          j.put(plugin.getKey(), method.getKey(), key.getKey(), key.getValue().toString());
        }
      }
    }
    return j;
  }

  /**
   * {@return the journal as JSON: {@code {"answers": {plugin: {method: {key: answer}}}}}, in
   * UTF-8}
   */
  public synchronized byte[] toJson() {
    ObjectNode root = GoValues.object();
    ObjectNode all = root.putObject("answers");
    try {
      for (Map.Entry<String, Map<String, Map<String, String>>> p : answers.entrySet()) {
        ObjectNode plugin = all.putObject(p.getKey());
        for (Map.Entry<String, Map<String, String>> m : p.getValue().entrySet()) {
          ObjectNode method = plugin.putObject(m.getKey());
          for (Map.Entry<String, String> k : m.getValue().entrySet()) {
            method.set(k.getKey(), GoValues.MAPPER.readTree(k.getValue()));
          }
        }
      }
      return GoValues.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return whether the journal holds no answer} */
  public synchronized boolean isEmpty() {
    return answers.isEmpty();
  }

  /**
   * {@return the answer {@code plugin} gave to {@code method} for {@code key}, as JSON; empty when
   * the journal holds none}
   *
   * @param plugin the plugin's name
   * @param method the method answered, such as {@code NetworkDriver.Join}
   * @param key what the answer was for: an endpoint, a pool or an address
   */
  public synchronized Optional<String> get(String plugin, String method, String key) {
    return Optional.ofNullable(answers.getOrDefault(plugin, Map.of()).getOrDefault(method, Map.of()).get(key));
  }

  /**
   * Keeps {@code answer}, the JSON {@code plugin} gave to {@code method} for {@code key},
   * replacing an answer kept for the same key.
   *
   * @param plugin the plugin's name
   * @param method the method answered, such as {@code NetworkDriver.Join}
   * @param key what the answer was for: an endpoint, a pool or an address
   * @param answer the answer's JSON
   */
  public synchronized void put(String plugin, String method, String key, String answer) {
    answers.computeIfAbsent(plugin, p -> new TreeMap<>()).computeIfAbsent(method, m -> new TreeMap<>()).put(key, answer);
  }

  /**
   * Forgets {@code plugin}'s answers to {@code method} whose keys match.
   *
   * @param plugin the plugin's name
   * @param method the method answered, such as {@code NetworkDriver.Join}
   * @param keys which keys to forget
   */
  public synchronized void remove(String plugin, String method, Predicate<String> keys) {
    Map<String, Map<String, String>> p = answers.get(plugin);
    if (p == null) {
      return;
    }
    Map<String, String> m = p.get(method);
    if (m == null) {
      return;
    }
    m.keySet().removeIf(keys);
    if (m.isEmpty()) {
      p.remove(method);
    }
    if (p.isEmpty()) {
      answers.remove(plugin);
    }
  }
}
