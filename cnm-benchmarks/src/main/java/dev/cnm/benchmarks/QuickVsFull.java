package dev.cnm.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two JMH runs of the same benchmarks, typically {@code bin/bench --quick} and the full
 * {@code bin/bench}: for every benchmark both ran, JMH's score (the mean of the measured
 * iterations) and the median of the iterations of each run, and the quick ÷ full ratio of each.
 * The median is shown next to the mean because on a shared machine one iteration that lost the
 * CPU to someone else's build moves the mean of three by a factor, not the median.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.cnm.benchmarks.QuickVsFull quick/jmh.json full/jmh.json
 * }</pre>
 */
public final class QuickVsFull {
  /** One benchmark's figures in one run. */
  record Figures(double score, double median, int iterations) {}

  private QuickVsFull() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: QuickVsFull QUICK.json FULL.json");
      System.exit(2);
    }
    report(Files.readString(Path.of(args[0])), Files.readString(Path.of(args[1])), System.out);
  }

  /** Figures per {@code Class.method} plus its parameters ({@code " poolIdArg=same"}). */
  static Map<String, Figures> parse(String json) throws IOException {
    Map<String, Figures> out = new LinkedHashMap<>();
    for (JsonNode b : new ObjectMapper().readTree(json)) {
      StringBuilder name = new StringBuilder(b.get("benchmark").asText().replace("dev.cnm.benchmarks.", ""));
      JsonNode params = b.get("params");
      if (params != null) {
        params.fields().forEachRemaining(e -> name.append(' ').append(e.getKey()).append('=').append(e.getValue().asText()));
      }
      JsonNode metric = b.get("primaryMetric");
      List<Double> raw = new ArrayList<>();
      for (JsonNode fork : metric.get("rawData")) {
        for (JsonNode v : fork) {
          raw.add(v.asDouble());
        }
      }
      double[] values = raw.stream().mapToDouble(Double::doubleValue).toArray();
      out.put(name.toString(), new Figures(metric.get("score").asDouble(),
          values.length == 0 ? Double.NaN : SideBySide.median(values), values.length));
    }
    return out;
  }

  /** Prints the table of the benchmarks found in both runs, in the quick run's order. */
  static void report(String quickJson, String fullJson, PrintStream out) throws IOException {
    Map<String, Figures> quick = parse(quickJson);
    Map<String, Figures> full = parse(fullJson);
    out.println("| Benchmark | quick: mean (median) | full: mean (median) | quick ÷ full, mean | quick ÷ full, median |");
    out.println("|---|---|---|---|---|");
    int within = 0;
    int n = 0;
    for (Map.Entry<String, Figures> e : quick.entrySet()) {
      Figures f = full.get(e.getKey());
      if (f == null) {
        continue;
      }
      Figures q = e.getValue();
      double rm = q.median() / f.median();
      n++;
      if (Math.abs(rm - 1) <= 0.2) {
        within++;
      }
      out.printf(Locale.ROOT, "| %s | %.1f (%.1f) | %.1f (%.1f) | %.2f | %.2f |%n", e.getKey(), q.score(), q.median(),
          f.score(), f.median(), q.score() / f.score(), rm);
    }
    out.printf(Locale.ROOT, "%nmedians within 20 %%: %d of %d%n", within, n);
  }
}
