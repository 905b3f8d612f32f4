package dev.cnm.testkit.plugins;

import static java.util.Objects.requireNonNull;

import dev.cnm.plugins.PluginCall;
import java.util.List;

/**
 * One step of a {@link PluginProbe}: what Docker's user does ({@code docker network create -d x
 * probe-net}), the plugin calls it made with their JSON and what Docker does with each answer,
 * and the outcome as the user sees it.
 *
 * <pre>{@code
 * for (ProbeStep s : report.steps()) {
 *   System.out.println(s.command() + ": " + (s.succeeded() ? "ok" : s.outcome()));
 * }
 * }</pre>
 */
public final class ProbeStep {
  private final String command;
  private final List<PluginCall> calls;
  private final boolean succeeded;
  private final String outcome;

  ProbeStep(String command, List<PluginCall> calls, boolean succeeded, String outcome) {
    this.command = requireNonNull(command, "command");
    this.calls = List.copyOf(calls);
    this.succeeded = succeeded;
    this.outcome = requireNonNull(outcome, "outcome");
  }

  /** {@return the Docker command the step stands for} */
  public String command() {
    return command;
  }

  /** {@return the plugin calls it made, in order} */
  public List<PluginCall> calls() {
    return calls;
  }

  /** {@return whether Docker's command succeeds with these answers} */
  public boolean succeeded() {
    return succeeded;
  }

  /** {@return what the user sees: the result, or {@code Error response from daemon: ...}} */
  public String outcome() {
    return outcome;
  }
}
