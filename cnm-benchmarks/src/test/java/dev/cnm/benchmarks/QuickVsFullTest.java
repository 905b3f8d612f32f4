package dev.cnm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The quick-against-full report: medians of every fork's iterations, ratios per benchmark. */
class QuickVsFullTest {
  private static String run(String churnRaw, double churnScore, String fillRaw, double fillScore) {
    return "[" + entry("IpamBenchmarks.churnFull16", churnRaw, churnScore) + ","
        + entry("IpamBenchmarks.fill24", fillRaw, fillScore) + "]";
  }

  private static String entry(String name, String raw, double score) {
    return "{\"benchmark\":\"dev.cnm.benchmarks." + name + "\",\"params\":{\"poolIdArg\":\"same\"},"
        + "\"primaryMetric\":{\"score\":" + score + ",\"rawData\":" + raw + "}}";
  }

  @Test
  void median_is_taken_over_the_iterations_of_every_fork() throws IOException {
    QuickVsFull.Figures f = QuickVsFull.parse(run("[[1,9,3],[4,100]]", 23.4, "[[10]]", 10))
        .get("IpamBenchmarks.churnFull16 poolIdArg=same");

    assertThat(f.median()).isEqualTo(4.0);
    assertThat(f.score()).isEqualTo(23.4);
    assertThat(f.iterations()).isEqualTo(5);
  }

  @Test
  void report_gives_both_ratios_and_counts_the_medians_within_20_percent() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    QuickVsFull.report(run("[[100,110,1000]]", 403.3, "[[10,10,10]]", 10),
        run("[[100,100,100],[100,100,100]]", 100, "[[20,20,20]]", 20), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);

    assertThat(table).contains("| IpamBenchmarks.churnFull16 poolIdArg=same | 403.3 (110.0) | 100.0 (100.0) | 4.03 | 1.10 |");
    assertThat(table).contains("| IpamBenchmarks.fill24 poolIdArg=same | 10.0 (10.0) | 20.0 (20.0) | 0.50 | 0.50 |");
    assertThat(table).contains("medians within 20 %: 1 of 2");
  }
}
