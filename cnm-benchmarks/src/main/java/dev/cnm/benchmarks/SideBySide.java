package dev.cnm.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report of {@code bin/bench --side-by-side}: Docker's allocators (moby v28.4.0, Go, {@code
 * cnm-benchmarks/anchor}) and cnm's JMH benchmarks run in alternation on the same shapes, one
 * process at a time. A pair is one Go run and one JMH run; a ratio is moby ÷ cnm within one pair,
 * and the table gives the median of the pairs' ratios (never a ratio of figures from different
 * pairs), with the smallest, and the load of every pair.
 *
 * <p>Reads a directory holding, for each pair {@code i}: {@code pair-i.go.txt} ({@code go test
 * -bench} output), {@code pair-i.jmh.json} (JMH's JSON) and {@code pair-i.load} (lines of {@code
 * uptime}). Retained heap, when the directory has it: {@code heap.go.txt} (the anchor's {@code
 * TestRetainedHeap}), {@code heap.cnm.txt} ({@link Footprint} {@code --lines}) and {@code
 * heap.load}, one run of each (a retained size does not depend on load), compared as cnm ÷ moby.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.cnm.benchmarks.SideBySide cnm-benchmarks/target/bench/<time>
 * }</pre>
 */
public final class SideBySide {
  /** One compared workload: the anchor's benchmark, cnm's, and what the figures are per. */
  record Shape(String go, String jmh, String label) {}

  static final List<Shape> SHAPES = List.of(
      new Shape("IPAMFill24", "IpamBenchmarks.fill24", "IPAM fill /24, per address"),
      new Shape("IPAMFill16", "IpamBenchmarks.fill16", "IPAM fill /16 lowest-free, per address"),
      new Shape("IPAMFill16Serial", "IpamBenchmarks.fill16Serial", "IPAM fill /16 serial, per address"),
      new Shape("IPAMChurnFull16", "IpamBenchmarks.churnFull16", "IPAM full /16: release random + request any"),
      new Shape("IPAMChurnFrag90_16Batch", "IpamBenchmarks.churnFrag90Batch", "IPAM 90 % /16, per cycle"),
      new Shape("IPAMChurnFrag90_16BatchSerial", "IpamBenchmarks.churnFrag90BatchSerial",
          "IPAM 90 % /16 serial, per cycle"),
      new Shape("IPAMSpecificEmpty16", "IpamBenchmarks.specificEmpty16", "IPAM empty /16: specific + release"),
      new Shape("IPAMSpecificFrag90_16", "IpamBenchmarks.specificFrag90", "IPAM 90 % /16: specific + release"),
      new Shape("PortFillEphemeral", "PortBenchmarks.fillEphemeral", "Ports: fill 32768–60999, per port"),
      new Shape("PortChurnFull", "PortBenchmarks.churnFull", "Ports, full: release random + request any"),
      new Shape("PortChurn90", "PortBenchmarks.churn90", "Ports, 90 %: release random + request any"),
      new Shape("PortRequestReleaseAny", "PortBenchmarks.requestReleaseAny", "Ports, empty: request any + release"),
      new Shape("PortSpecific", "PortBenchmarks.specific", "Ports, empty: request 8080 + release"));

  /** Go's per-unit metrics, preferred over ns/op when a benchmark reports one. */
  private static final List<String> UNITS = List.of("ns/addr", "ns/cycle", "ns/port", "ns/op");
  private static final Pattern GO_LINE = Pattern.compile("^Benchmark(\\S+?)(?:-\\d+)?\\s+\\d+\\s+(.*)$");
  private static final Pattern GO_METRIC = Pattern.compile("([0-9.]+) (\\S+)");
  private static final Pattern LOAD = Pattern.compile("load average: ([0-9.]+)");
  private static final Pattern HEAP_LINE =
      Pattern.compile("^RetainedHeap\\s+(\\S+)\\s+(\\d+)x(\\d+)\\s+(-?\\d+) B(?:\\s.*)?$");

  /** One retained-heap figure: the median bytes per copy over {@code rounds} rounds of {@code copies}. */
  record Heap(long bytes, int rounds, int copies) {}

  private SideBySide() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: SideBySide DIR");
      System.exit(2);
    }
    report(Path.of(args[0]), System.out);
  }

  /** Go's figure per benchmark name (without the GOMAXPROCS suffix), per address/cycle/port or op. */
  static Map<String, Double> parseGo(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = GO_LINE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      Map<String, Double> metrics = new LinkedHashMap<>();
      Matcher mm = GO_METRIC.matcher(m.group(2));
      while (mm.find()) {
        metrics.put(mm.group(2), Double.parseDouble(mm.group(1)));
      }
      for (String unit : UNITS) {
        if (metrics.containsKey(unit)) {
          out.put(m.group(1), metrics.get(unit));
          break;
        }
      }
    }
    return out;
  }

  /**
   * The {@code RetainedHeap} lines of the Go anchor's or {@link Footprint}'s output, by shape key;
   * anything else (Go's {@code PASS}, a skipped shape's comment) is ignored.
   */
  static Map<String, Heap> parseHeap(String text) {
    Map<String, Heap> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      Matcher m = HEAP_LINE.matcher(line.strip());
      if (m.matches()) {
        out.put(m.group(1), new Heap(Long.parseLong(m.group(4)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3))));
      }
    }
    return out;
  }

  /** JMH's score per {@code Class.method} plus {@code " poolIdArg=…"} when the benchmark has that parameter. */
  static Map<String, Double> parseJmh(String json) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    for (JsonNode b : new ObjectMapper().readTree(json)) {
      String name = b.get("benchmark").asText().replace("dev.cnm.benchmarks.", "");
      JsonNode params = b.get("params");
      if (params != null && params.has("poolIdArg")) {
        name += " poolIdArg=" + params.get("poolIdArg").asText();
      }
      out.put(name, b.get("primaryMetric").get("score").asDouble());
    }
    return out;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /**
   * Prints the table of every shape both sides measured in every pair of {@code dir}, then the
   * retained-heap table if {@code dir} holds both sides' heap output.
   */
  static void report(Path dir, PrintStream out) throws IOException {
    boolean pairs = timing(dir, out);
    Path goHeap = dir.resolve("heap.go.txt");
    Path cnmHeap = dir.resolve("heap.cnm.txt");
    if (Files.exists(goHeap) && Files.exists(cnmHeap)) {
      if (pairs) {
        out.println();
      }
      heap(parseHeap(Files.readString(goHeap)), parseHeap(Files.readString(cnmHeap)),
          loads(dir.resolve("heap.load")), out);
    }
  }

  /** The retained-heap table: per shape of {@link Footprint#SHAPES} both sides measured, cnm ÷ moby. */
  static void heap(Map<String, Heap> moby, Map<String, Heap> cnm, String load, PrintStream out) {
    out.printf("Retained heap: one run of each side (heap deltas after full collections, median of the "
        + "rounds; a retained size does not depend on load), Go anchor first; 1-minute load before/between/after: "
        + "%s%n%n", load);
    out.println("| Shape | moby v28.4.0 | cnm | cnm ÷ moby | ≤ moby? |");
    out.println("|---|---|---|---|---|");
    for (Footprint.Shape s : Footprint.SHAPES) {
      Heap g = moby.get(s.key());
      Heap c = cnm.get(s.key());
      if (g == null || c == null) {
        continue;
      }
      out.printf(Locale.ROOT, "| %s | %s B (%d x %d) | %s B (%d x %d) | %s | %s |%n", s.label(), fmtBytes(g.bytes()),
          g.rounds(), g.copies(), fmtBytes(c.bytes()), c.rounds(), c.copies(),
          g.bytes() > 0 ? String.format(Locale.ROOT, "%.3f", c.bytes() / (double) g.bytes()) : "–",
          c.bytes() <= g.bytes() ? "yes" : "**no**");
    }
  }

  private static String fmtBytes(long b) {
    return String.format(Locale.ROOT, "%,d", b).replace(',', ' ');
  }

  /** The 1-minute loads of a file of {@code uptime} lines, joined by dashes. */
  private static String loads(Path file) throws IOException {
    List<String> ls = new ArrayList<>();
    if (Files.exists(file)) {
      Matcher m = LOAD.matcher(Files.readString(file));
      while (m.find()) {
        ls.add(m.group(1));
      }
    }
    return String.join("–", ls);
  }

  /** The timing table; false when {@code dir} holds no pair. */
  private static boolean timing(Path dir, PrintStream out) throws IOException {
    TreeMap<Integer, Path> pairs = new TreeMap<>();
    try (var files = Files.list(dir)) {
      files.forEach(f -> {
        Matcher m = Pattern.compile("pair-(\\d+)\\.go\\.txt").matcher(f.getFileName().toString());
        if (m.matches()) {
          pairs.put(Integer.parseInt(m.group(1)), f);
        }
      });
    }
    List<Map<String, Double>> go = new ArrayList<>();
    List<Map<String, Double>> jmh = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    for (int i : pairs.keySet()) {
      Path j = dir.resolve("pair-" + i + ".jmh.json");
      if (!Files.exists(j)) {
        continue;
      }
      go.add(parseGo(Files.readString(pairs.get(i))));
      jmh.add(parseJmh(Files.readString(j)));
      loads.add(loads(dir.resolve("pair-" + i + ".load")));
    }
    int n = go.size();
    if (n == 0) {
      return false;
    }
    out.printf("%d pairs (Go anchor and JMH alternating, one process at a time); 1-minute load per pair, "
        + "before/between/after: %s%n%n", n, String.join("; ", loads));
    out.println("| Workload | moby v28.4.0 (median) | cnm (median) | moby ÷ cnm, median of pairs | smallest | pairs ≥ 20× |");
    out.println("|---|---|---|---|---|---|");
    for (Shape s : SHAPES) {
      for (String variant : List.of("", " poolIdArg=same", " poolIdArg=equal")) {
        String key = s.jmh() + variant;
        double[] g = new double[n];
        double[] c = new double[n];
        double[] r = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
          Double gv = go.get(i).get(s.go());
          Double cv = jmh.get(i).get(key);
          if (gv != null && cv != null && cv > 0) {
            g[k] = gv;
            c[k] = cv;
            r[k] = gv / cv;
            k++;
          }
        }
        if (k == 0) {
          continue;
        }
        g = Arrays.copyOf(g, k);
        c = Arrays.copyOf(c, k);
        r = Arrays.copyOf(r, k);
        long met = Arrays.stream(r).filter(x -> x >= 20).count();
        String label = s.label() + (variant.isEmpty() ? "" : variant.contains("same") ? " (same id)" : " (equal id)");
        out.printf(Locale.ROOT, "| %s | %s ns | %s ns | %.1f× | %.1f× | %d of %d |%n", label, fmt(median(g)),
            fmt(median(c)), median(r), Arrays.stream(r).min().orElse(0), met, k);
      }
    }
    return true;
  }

  private static String fmt(double ns) {
    if (ns >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", ns).replace(',', ' ');
    }
    return String.format(Locale.ROOT, ns >= 100 ? "%.0f" : "%.1f", ns);
  }
}
