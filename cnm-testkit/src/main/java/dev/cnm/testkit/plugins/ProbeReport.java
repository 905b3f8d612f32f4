package dev.cnm.testkit.plugins;

import dev.cnm.plugins.PluginCall;
import java.util.List;

/**
 * What {@link PluginProbe} found: each step of Docker's call sequence with the calls and answers,
 * and whether all of them went as Docker needs.
 *
 * <pre>{@code
 * ProbeReport report = PluginProbe.run("weave", PluginAddress.parse("unix:///run/docker/plugins/weave.sock"));
 * System.out.print(report.render());
 * if (!report.succeeded()) System.exit(1);
 * }</pre>
 */
public final class ProbeReport {
  private final String plugin;
  private final String address;
  private final List<ProbeStep> steps;

  ProbeReport(String plugin, String address, List<ProbeStep> steps) {
    this.plugin = plugin;
    this.address = address;
    this.steps = List.copyOf(steps);
  }

  /** {@return the plugin's name} */
  public String plugin() {
    return plugin;
  }

  /** {@return the steps, in order} */
  public List<ProbeStep> steps() {
    return steps;
  }

  /** {@return whether every step succeeded} */
  public boolean succeeded() {
    return steps.stream().allMatch(ProbeStep::succeeded);
  }

  /**
   * {@return the report as text: per step the command, then per call the method and status, the
   * JSON sent and received, and what Docker does with the answer; then the outcome}
   */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("Plugin ").append(plugin).append(" at ").append(address).append('\n');
    for (ProbeStep s : steps) {
      b.append('\n').append("$ ").append(s.command()).append('\n');
      for (PluginCall c : s.calls()) {
        b.append("  POST /").append(c.method()).append(" -> ")
            .append(c.transportError().map(e -> "no answer: " + e).orElse(String.valueOf(c.status())))
            .append(" (").append(c.elapsed().toMillis()).append(" ms)\n");
        b.append("    sent:     ").append(c.request().isEmpty() ? "(no body)" : c.request()).append('\n');
        if (c.transportError().isEmpty()) {
          b.append("    received: ").append(c.response().strip().isEmpty() ? "(empty)" : c.response().strip())
              .append('\n');
        }
        b.append("    Docker:   ").append(c.verdict()).append('\n');
      }
      b.append("  => ").append(s.succeeded() ? "" : "FAILED: ").append(s.outcome()).append('\n');
    }
    b.append('\n').append(succeeded() ? "All steps went as Docker needs them to." : "Some steps failed.").append('\n');
    return b.toString();
  }
}
