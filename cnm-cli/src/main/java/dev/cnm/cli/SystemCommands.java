package dev.cnm.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.core.json.DockerVersion;
import dev.cnm.core.template.Template;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code version} and {@code info}: the client's section (the docker CLI 28.2.2 that cnm's CLI
 * stands for) and the server's, the engine's values as {@code GET /version} and {@code GET /info}
 * give them ({@link DockerVersion}), in docker/cli's layout.
 */
final class SystemCommands {
  /** The docker CLI release this CLI answers as (its {@code version.GitCommit} and build time). */
  private static final String CLIENT_GIT_COMMIT = "e6534b4";
  private static final String CLIENT_BUILD_TIME = "2025-05-30T12:07:14.000000000+00:00";
  private static final String PLATFORM = "Docker Engine - Community";
  /** Go's {@code time.ANSIC}, as docker/cli's {@code reformatDate} prints a build time. */
  private static final DateTimeFormatter ANSIC = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
  private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

  private final Commands ctx;

  SystemCommands(Commands ctx) {
    this.ctx = ctx;
  }

  Args spec(String name) {
    if (name.equals("version")) {
      return Args.interspersed(name).describe("Show the Docker version information").value("-f", "--format")
          .body(this::version);
    }
    return Args.interspersed(name).describe("Display system-wide information").value("-f", "--format")
        .body(this::info);
  }

  // ---- version --------------------------------------------------------------------------------

  /** docker/cli's {@code defaultVersionTemplate}, through a tab writer of minimum width 20. */
  private int version(Args a) {
    ArgCount.none(a);
    if (a.given("-f") && !a.get("-f").isEmpty()) {
      String format = a.get("-f");
      Template t = Inputs.template(format.equals("json") ? "{{json .}}" : format);
      ctx.out().println(t.execute(versionDocument()));
      return 0;
    }
    PrintStream out = ctx.out();
    out.println("Client:");
    cell(out, " Version:", DockerVersion.ENGINE);
    cell(out, " API version:", DockerVersion.API);
    cell(out, " Go version:", DockerVersion.GO);
    cell(out, " Git commit:", CLIENT_GIT_COMMIT);
    cell(out, " Built:", ansic(CLIENT_BUILD_TIME));
    cell(out, " OS/Arch:", "linux/amd64");
    cell(out, " Context:", "default");
    out.println();
    out.println("Server: " + PLATFORM);
    out.println(" Engine:");
    cell(out, "  Version:", DockerVersion.ENGINE);
    cell(out, "  API version:", DockerVersion.API + " (minimum version " + DockerVersion.MIN_API + ")");
    cell(out, "  Go version:", DockerVersion.GO);
    cell(out, "  Git commit:", DockerVersion.GIT_COMMIT);
    cell(out, "  Built:", ansic(DockerVersion.BUILD_TIME));
    cell(out, "  OS/Arch:", "linux/amd64");
    cell(out, "  Experimental:", "false");
    return 0;
  }

  /** What {@code version --format} sees: the client's fields and the server's {@code /version}. */
  private static ObjectNode versionDocument() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode client = o.putObject("Client");
    client.put("Version", DockerVersion.ENGINE);
    client.put("ApiVersion", DockerVersion.API);
    client.put("DefaultAPIVersion", DockerVersion.API);
    client.put("GitCommit", CLIENT_GIT_COMMIT);
    client.put("GoVersion", DockerVersion.GO);
    client.put("Os", "linux");
    client.put("Arch", "amd64");
    client.put("BuildTime", ansic(CLIENT_BUILD_TIME));
    client.put("Context", "default");
    ObjectNode server = o.putObject("Server");
    server.putObject("Platform").put("Name", PLATFORM);
    ObjectNode engine = server.putArray("Components").addObject();
    engine.put("Name", "Engine");
    engine.put("Version", DockerVersion.ENGINE);
    ObjectNode d = engine.putObject("Details");
    d.put("ApiVersion", DockerVersion.API);
    d.put("Arch", "amd64");
    d.put("BuildTime", ansic(DockerVersion.BUILD_TIME));
    d.put("Experimental", "false");
    d.put("GitCommit", DockerVersion.GIT_COMMIT);
    d.put("GoVersion", DockerVersion.GO);
    d.put("KernelVersion", DockerVersion.KERNEL);
    d.put("MinAPIVersion", DockerVersion.MIN_API);
    d.put("Os", "linux");
    server.put("Version", DockerVersion.ENGINE);
    server.put("ApiVersion", DockerVersion.API);
    server.put("MinAPIVersion", DockerVersion.MIN_API);
    server.put("GitCommit", DockerVersion.GIT_COMMIT);
    server.put("GoVersion", DockerVersion.GO);
    server.put("Os", "linux");
    server.put("Arch", "amd64");
    server.put("KernelVersion", DockerVersion.KERNEL);
    server.put("BuildTime", DockerVersion.BUILD_TIME);
    return o;
  }

  /** One row of the tab writer: the key padded to 20 columns (or one space past it), the value. */
  private static void cell(PrintStream out, String key, String value) {
    StringBuilder sb = new StringBuilder(key);
    do {
      sb.append(' ');
    } while (sb.length() < 20);
    out.println(sb.append(value));
  }

  private static String ansic(String rfc3339) {
    return ANSIC.format(OffsetDateTime.parse(rfc3339));
  }

  // ---- info -----------------------------------------------------------------------------------

  /** docker/cli's {@code prettyPrintInfo} over the engine's counts and the server's constants. */
  private int info(Args a) {
    ArgCount.none(a);
    Engine engine = ctx.engine();
    List<ContainerInfo> all = engine.containers();
    long running = all.stream().filter(c -> c.isRunning() || c.isRestarting()).count();
    int images = engine.images().images().size();
    // The daemon's GetNetworkDriverList: the built-in drivers and every network's driver, sorted.
    TreeSet<String> drivers = new TreeSet<>(List.of("bridge", "host", "ipvlan", "macvlan", "null", "overlay"));
    engine.networks().forEach(n -> drivers.add(n.driver()));
    if (a.given("-f") && !a.get("-f").isEmpty()) {
      String format = a.get("-f");
      ObjectNode doc = JsonNodeFactory.instance.objectNode();
      doc.put("ID", "cnm");
      doc.put("Containers", all.size());
      doc.put("ContainersRunning", running);
      doc.put("ContainersPaused", 0);
      doc.put("ContainersStopped", all.size() - running);
      doc.put("Images", images);
      doc.put("Driver", "overlay2");
      doc.put("ServerVersion", DockerVersion.ENGINE);
      doc.put("KernelVersion", DockerVersion.KERNEL);
      doc.put("OSType", "linux");
      doc.put("Architecture", "x86_64");
      doc.put("Name", engine.hostName());
      ctx.out().println(Inputs.template(format.equals("json") ? "{{json .}}" : format).execute(doc));
      return 0;
    }
    PrintStream out = ctx.out();
    out.println("Client:");
    out.println(" Version:    " + DockerVersion.ENGINE);
    out.println(" Context:    default");
    out.println(" Debug Mode: false");
    out.println();
    out.println("Server:");
    out.println(" Containers: " + all.size());
    out.println("  Running: " + running);
    out.println("  Paused: 0");
    out.println("  Stopped: " + (all.size() - running));
    out.println(" Images: " + images);
    out.println(" Server Version: " + DockerVersion.ENGINE);
    out.println(" Storage Driver: overlay2");
    out.println(" Logging Driver: json-file");
    out.println(" Cgroup Driver: systemd");
    out.println(" Cgroup Version: 2");
    out.println(" Plugins:");
    out.println("  Volume: local");
    out.println("  Network: " + String.join(" ", drivers));
    out.println("  Log: json-file");
    out.println(" Swarm: inactive");
    out.println(" Init Binary: docker-init");
    out.println(" containerd version: ");
    out.println(" runc version: ");
    out.println(" init version: ");
    out.println(" Security Options:");
    out.println("  seccomp");
    out.println("   Profile: builtin");
    out.println("  cgroupns");
    out.println(" Kernel Version: " + DockerVersion.KERNEL);
    out.println(" Operating System: cnm (in-memory Docker network model)");
    out.println(" OSType: linux");
    out.println(" Architecture: x86_64");
    out.println(" CPUs: " + Runtime.getRuntime().availableProcessors());
    out.println(" Total Memory: " + bytesSize(Runtime.getRuntime().maxMemory()));
    out.println(" Name: " + engine.hostName());
    out.println(" ID: cnm");
    out.println(" Docker Root Dir: /var/lib/docker");
    out.println(" Debug Mode: false");
    out.println(" Experimental: false");
    out.println(" Live Restore Enabled: false");
    out.println();
    return 0;
  }

  /** go-units' {@code BytesSize}: binary units, four significant digits ({@code %.4g}). */
  static String bytesSize(double size) {
    int i = 0;
    while (size >= 1024 && i < BINARY_UNITS.length - 1) {
      size /= 1024;
      i++;
    }
    BigDecimal d = new BigDecimal(size).round(new MathContext(4)).stripTrailingZeros();
    return d.toPlainString() + BINARY_UNITS[i];
  }
}
