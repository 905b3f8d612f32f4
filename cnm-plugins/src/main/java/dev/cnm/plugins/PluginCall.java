package dev.cnm.plugins;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP call cnm made to a plugin, as a plugin author wants to see it: the plugin, the method
 * ({@code NetworkDriver.Join}), the JSON sent, the HTTP status and the body received (or the
 * transport error), and what Docker does with that answer ({@linkplain #verdict() verdict}: the
 * values it takes, or the error the user sees).
 *
 * <pre>{@code
 * RemotePlugins plugins = RemotePlugins.builder().listener(call -> System.out.println(call)).build();
 * // NetworkDriver.Join -> 200 {"InterfaceName":{"SrcName":"veth0","DstPrefix":"eth"},"Gateway":"10.0.0.1"}
 * }</pre>
 */
public final class PluginCall {
  private final String plugin;
  private final String method;
  private final String request;
  private final int status;
  private final String response;
  private final String transportError; // nullable
  private final String verdict;
  private final Duration elapsed;

  private PluginCall(String plugin, String method, String request, int status, String response,
      String transportError, String verdict, Duration elapsed) {
    this.plugin = requireNonNull(plugin, "plugin");
    this.method = requireNonNull(method, "method");
    this.request = requireNonNull(request, "request");
    this.status = status;
    this.response = requireNonNull(response, "response");
    this.transportError = transportError;
    this.verdict = requireNonNull(verdict, "verdict");
    this.elapsed = requireNonNull(elapsed, "elapsed");
  }

  /** A call that got an HTTP answer. */
  public static PluginCall answered(String plugin, String method, String request, int status, String response,
      String verdict, Duration elapsed) {
    return new PluginCall(plugin, method, request, status, response, null, verdict, elapsed);
  }

  /** A call that got no HTTP answer (refused connection, timeout, dropped connection). */
  public static PluginCall failed(String plugin, String method, String request, String transportError, String verdict,
      Duration elapsed) {
    return new PluginCall(plugin, method, request, 0, "", requireNonNull(transportError, "transportError"), verdict,
        elapsed);
  }

  /** The plugin's name. */
  public String plugin() {
    return plugin;
  }

  /** The method, {@code <EndpointType>.<Method>} ({@code Plugin.Activate}, {@code IpamDriver.RequestPool}). */
  public String method() {
    return method;
  }

  /** The JSON body sent, as sent (empty for calls without arguments). */
  public String request() {
    return request;
  }

  /** The HTTP status, 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The body received, as received; empty when there was no answer. */
  public String response() {
    return response;
  }

  /** The transport error, when there was no answer. */
  public Optional<String> transportError() {
    return Optional.ofNullable(transportError);
  }

  /** What Docker does with the answer: the values it takes, or the error its user sees. */
  public String verdict() {
    return verdict;
  }

  /** How long the call took, retries included. */
  public Duration elapsed() {
    return elapsed;
  }

  /** A copy with another verdict (set once the answer has been interpreted). */
  public PluginCall withVerdict(String newVerdict) {
    return new PluginCall(plugin, method, request, status, response, transportError, newVerdict, elapsed);
  }

  /** {@code NetworkDriver.Join -> 200 {...}} or {@code NetworkDriver.Join -> EOF}. */
  @Override
  public String toString() {
    return method + " -> " + (transportError != null ? transportError : status + " " + response.strip());
  }
}
