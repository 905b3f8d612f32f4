package dev.cnm.plugins;

/**
 * Told of every call cnm makes to a plugin, once the answer has been interpreted: for logs, call
 * reports ({@code cnm plugin test}) and tests. Called on the thread that made the call; must not
 * call the plugin itself.
 *
 * <pre>{@code
 * List<PluginCall> calls = new CopyOnWriteArrayList<>();
 * RemotePlugins plugins = RemotePlugins.builder().listener(calls::add).build();
 * }</pre>
 */
@FunctionalInterface
public interface CallListener {
  /** No listening. */
  CallListener NONE = call -> {};

  /**
   * Hears of one call, with its answer and what Docker does with it.
   *
   * @param call the call, its answer and its verdict
   */
  void onCall(PluginCall call);
}
