package dev.cnm.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cnm.api.error.CnmException;
import dev.cnm.plugins.DiscoveredPlugin;
import dev.cnm.plugins.PluginAddress;
import dev.cnm.testkit.contract.RemoteIpamDriverContract;
import dev.cnm.testkit.contract.RemoteNetworkDriverContract;
import dev.cnm.testkit.plugins.PluginProbe;
import dev.cnm.testkit.plugins.ProbeReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code cnm plugin ls} and {@code cnm plugin test}: Docker's legacy (v1) network and IPAM
 * plugins as cnm finds them, and a plugin author's test of one without Docker.
 *
 * <p>{@code plugin ls} lists the plugins of the plugin directories ({@code $CNM_PLUGIN_DIRS}, else
 * Docker's {@code /run/docker/plugins}, {@code /etc/docker/plugins}, {@code
 * /usr/lib/docker/plugins}). Docker's own {@code docker plugin ls} lists managed (v2) plugins
 * only and never shows these; this listing is cnm's.
 *
 * <p>{@code plugin test ADDRESS|NAME} runs Docker's call sequence against the plugin through a
 * real engine and prints every call, its JSON and what Docker does with the answer, then runs the
 * test kit's driver contracts against it; it exits 0 when everything passed.
 */
final class PluginCommands {
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  private PluginCommands(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  /** The {@code plugin} command. */
  static Args args(Map<String, String> env, PrintStream out, PrintStream err) {
    PluginCommands p = new PluginCommands(env, out, err);
    return Args.interspersed("plugin").describe("List Docker plugins (ls), or test one without Docker (test)")
        .value("--name").value("--timeout").flag("--skip-contracts").body(p::run);
  }

  static final String USAGE = String.join("\n", "",
      "Usage:  cnm plugin ls",
      "        cnm plugin test [--name NAME] [--timeout 10s] [--skip-contracts] ADDRESS|NAME",
      "",
      "Docker's legacy network and IPAM plugins (plugin API v1), found in $" + PluginState.DIRS_ENV,
      "(colon-separated) or Docker's /run/docker/plugins, /etc/docker/plugins, /usr/lib/docker/plugins.",
      "",
      "Commands:",
      "  ls    List the plugins found (docker plugin ls shows managed plugins only, never these)",
      "  test  Run Docker's call sequence against a plugin (unix:///path.sock, /path.sock, tcp://HOST:PORT,",
      "        or a plugin's name) and print each call, its JSON and what Docker does with the answer;",
      "        then run cnm-testkit's driver contracts against it", "", "");

  private int run(Args a) {
    List<String> words = a.positionals();
    if (words.isEmpty()) {
      out.print(USAGE);
      return 0;
    }
    switch (words.get(0)) {
      case "ls":
      case "list":
        return ls();
      case "test":
        if (words.size() != 2) {
          err.println("\"cnm plugin test\" requires exactly 1 argument: the plugin's address or name");
          return 1;
        }
        return test(a, words.get(1));
      default:
        err.println("cnm: 'plugin " + words.get(0) + "' is not a cnm command.");
        err.print(USAGE);
        return 1;
    }
  }

  private int ls() {
    List<DiscoveredPlugin> found = PluginState.builder(env).build().list();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"NAME", "ADDRESS", "SOURCE"});
    for (DiscoveredPlugin p : found) {
      rows.add(new String[] {p.name(), p.address().map(Object::toString).orElse("(" + p.problem() + ")"), p.source()});
    }
    int[] width = new int[3];
    for (String[] r : rows) {
      for (int i = 0; i < 3; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        line.append(r[i]);
        if (i < 2) {
          line.append(" ".repeat(width[i] - r[i].length() + 3));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    return 0;
  }

  private int test(Args a, String target) {
    PluginAddress address;
    String name;
    try {
      if (target.contains("://") || target.startsWith("/")) {
        address = PluginAddress.parse(target);
        name = a.get("--name", defaultName(address));
      } else {
        name = a.get("--name", target);
        Optional<DiscoveredPlugin> found = PluginState.builder(env).build().find(target);
        if (found.isEmpty()) {
          err.println("cnm: plugin \"" + target + "\" not found in the plugin directories");
          return 1;
        }
        if (found.get().address().isEmpty()) {
          err.println("cnm: plugin \"" + target + "\" (" + found.get().source() + "): " + found.get().problem());
          return 1;
        }
        address = found.get().address().get();
      }
    } catch (IllegalArgumentException e) {
      err.println("cnm: invalid plugin address " + target + ": " + e.getMessage());
      return 1;
    }
    Duration timeout;
    try {
      timeout = duration(a.get("--timeout", "10s"));
    } catch (IllegalArgumentException e) {
      err.println("invalid argument \"" + a.get("--timeout") + "\" for \"--timeout\" flag: " + e.getMessage());
      return Commands.EXIT_RUN;
    }
    ProbeReport report;
    try {
      report = PluginProbe.run(name, address, timeout, Duration.ofSeconds(5));
    } catch (CnmException e) {
      err.println("cnm: " + e.getMessage());
      return 1;
    }
    out.print(report.render());
    boolean ok = report.succeeded();
    if (!a.has("--skip-contracts") && !report.steps().isEmpty() && report.steps().get(0).succeeded()) {
      String implemented = report.steps().get(0).outcome();
      if (implemented.contains("NetworkDriver")) {
        ok &= contract("NetworkDriverContract", RemoteNetworkDriverContract.Configured.class, address, name);
      }
      if (implemented.contains("IpamDriver")) {
        ok &= contract("IpamDriverContract", RemoteIpamDriverContract.Configured.class, address, name);
      }
    }
    out.println();
    out.println(ok ? "PASS: the plugin answers as Docker needs it to" : "FAIL: see the steps and tests above");
    return ok ? 0 : 1;
  }

  /** Runs one of the kit's contracts against the plugin and prints each test's result. */
  private boolean contract(String title, Class<?> contract, PluginAddress address, String name) {
    out.println();
    out.println("Contract " + title + " (cnm-testkit) against " + name + ":");
    String oldAddress = System.getProperty(RemoteNetworkDriverContract.ADDRESS_PROPERTY);
    String oldName = System.getProperty(RemoteNetworkDriverContract.NAME_PROPERTY);
    System.setProperty(RemoteNetworkDriverContract.ADDRESS_PROPERTY, address.toString());
    System.setProperty(RemoteNetworkDriverContract.NAME_PROPERTY, name);
    int[] counts = new int[3];
    try {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract))
          .build(), new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
              if (id.isTest()) {
                counts[2]++;
                out.println("  skip  " + test(id) + ": " + reason);
              }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (!id.isTest()) {
                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                  counts[1]++;
                  out.println("  FAIL  " + id.getDisplayName() + ": " + message(result));
                }
                return;
              }
              switch (result.getStatus()) {
                case SUCCESSFUL:
                  counts[0]++;
                  out.println("  ok    " + test(id));
                  break;
                case ABORTED:
                  counts[2]++;
                  out.println("  skip  " + test(id) + ": " + message(result));
                  break;
                default:
                  counts[1]++;
                  out.println("  FAIL  " + test(id) + ": " + message(result));
                  break;
              }
            }
          });
    } finally {
      restore(RemoteNetworkDriverContract.ADDRESS_PROPERTY, oldAddress);
      restore(RemoteNetworkDriverContract.NAME_PROPERTY, oldName);
    }
    out.println(title + ": " + counts[0] + " passed, " + counts[1] + " failed, " + counts[2] + " skipped");
    return counts[1] == 0;
  }

  private static String test(TestIdentifier id) {
    String n = id.getDisplayName();
    return n.endsWith("()") ? n.substring(0, n.length() - 2) : n;
  }

  private static String message(TestExecutionResult result) {
    return result.getThrowable().map(t -> String.valueOf(t.getMessage()).strip().replace('\n', ' '))
        .orElse("(no message)");
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /** The name a socket gives a plugin ({@code weave.sock} is {@code weave}); {@code remote} for TCP. */
  private static String defaultName(PluginAddress address) {
    return address.socketPath().map(p -> {
      String f = p.getFileName().toString();
      return f.endsWith(".sock") ? f.substring(0, f.length() - 5) : f;
    }).orElse("remote");
  }

  /** A Go duration of one unit: {@code 10s}, {@code 500ms}, {@code 1m}. */
  static Duration duration(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return Duration.ofMillis(n);
      case "m":
        return Duration.ofMinutes(n);
      default:
        return Duration.ofSeconds(n);
    }
  }
}
