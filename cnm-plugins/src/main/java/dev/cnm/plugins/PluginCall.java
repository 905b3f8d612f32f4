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

  /**
   * {@return a call that got an HTTP answer}
   *
   * @param plugin the plugin's name
   * @param method the method called, such as {@code NetworkDriver.Join}
   * @param request the JSON body sent, as sent
   * @param status the HTTP status received
   * @param response the body received, as received
   * @param verdict what Docker does with the answer: the values it takes, or the error its user sees
   * @param elapsed how long the call took, retries included
   */
  public static PluginCall answered(String plugin, String method, String request, int status, String response,
      String verdict, Duration elapsed) {
    return new PluginCall(plugin, method, request, status, response, null, verdict, elapsed);
  }

  /**
   * {@return a call that got no HTTP answer (refused connection, timeout, dropped connection)}
   *
   * @param plugin the plugin's name
   * @param method the method called, such as {@code NetworkDriver.Join}
   * @param request the JSON body sent, as sent
   * @param transportError the transport error, as Go's HTTP client words it
   * @param verdict what Docker does without an answer: the error its user sees
   * @param elapsed how long the call took, retries included
   */
  public static PluginCall failed(String plugin, String method, String request, String transportError, String verdict,
      Duration elapsed) {
    return new PluginCall(plugin, method, request, 0, "", requireNonNull(transportError, "transportError"), verdict,
        elapsed);
  }

  /** {@return the plugin's name} */
  public String plugin() {
    return plugin;
  }

  /**
   * {@return the method, {@code <EndpointType>.<Method>} ({@code Plugin.Activate}, {@code
   * IpamDriver.RequestPool})}
   */
  public String method() {
    return method;
  }

  /** {@return the JSON body sent, as sent (empty for calls without arguments)} */
  public String request() {
    return request;
  }

  /** {@return the HTTP status, 0 when there was no answer} */
  public int status() {
    return status;
  }

  /** {@return the body received, as received; empty when there was no answer} */
  public String response() {
    return response;
  }

  /** {@return the transport error, when there was no answer} */
  public Optional<String> transportError() {
    return Optional.ofNullable(transportError);
  }

  /** {@return what Docker does with the answer: the values it takes, or the error its user sees} */
  public String verdict() {
    return verdict;
  }

  /** {@return how long the call took, retries included} */
  public Duration elapsed() {
    return elapsed;
  }

  /**
   * {@return a copy with another verdict (set once the answer has been interpreted)}
   *
   * @param newVerdict what Docker does with the answer
   */
  public PluginCall withVerdict(String newVerdict) {
    return new PluginCall(plugin, method, request, status, response, transportError, newVerdict, elapsed);
  }

  /** {@code NetworkDriver.Join -> 200 {...}} or {@code NetworkDriver.Join -> EOF}. */
  @Override
  public String toString() {
    return method + " -> " + (transportError != null ? transportError : status + " " + response.strip());
  }
}
