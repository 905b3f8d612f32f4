package dev.cnm.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side report: Go's and JMH's outputs read back, ratios taken within each pair. */
class SideBySideTest {
  private static final String GO = """
      goos: linux
      BenchmarkIPAMFill24-2                      	    6782	    209433 ns/op	       800.0 ns/addr	  135472 B/op	    3302 allocs/op
      BenchmarkIPAMChurnFull16-2                 	  718323	      2000 ns/op	    1023 B/op	      23 allocs/op
      BenchmarkPortSpecific-2                    	 3828621	       300.0 ns/op	      16 B/op	       1 allocs/op
      PASS
      """;

  private static String jmh(double fill, double churnSame, double churnEqual, double port) {
    return "[" + entry("IpamBenchmarks.fill24", "same", fill) + "," + entry("IpamBenchmarks.churnFull16", "same", churnSame)
        + "," + entry("IpamBenchmarks.churnFull16", "equal", churnEqual) + "," + entry("PortBenchmarks.specific", null, port)
        + "]";
  }

  private static String entry(String name, String poolIdArg, double score) {
    return "{\"benchmark\":\"dev.cnm.benchmarks." + name + "\","
        + (poolIdArg == null ? "" : "\"params\":{\"poolIdArg\":\"" + poolIdArg + "\"},")
        + "\"primaryMetric\":{\"score\":" + score + "}}";
  }

  /** Captured from the anchor's TestRetainedHeap (2026-12-08), with a skipped shape's comment. */
  private static final String GO_HEAP = """
      RetainedHeap allocator 3x1000 552 B rounds=557,552,552
      RetainedHeap empty16 3x1000 1576 B rounds=1576,1576,1576
      RetainedHeap full16 3x50 1529 B rounds=1570,1528,1529
      RetainedHeap frag90_16 3x50 50517 B rounds=50512,50517,50544
      RetainedHeap full8 3x1 1528 B rounds=3064,1528,1528
      # portsFull skipped: this machine's range is 49153-65535, cnm's 32768-60999
      PASS
      """;

  private static final String CNM_HEAP = """
      RetainedHeap allocator 3x1000 417 B rounds=417,417,418
      RetainedHeap empty16 3x1000 1249 B rounds=1249,1249,1249
      RetainedHeap full16 3x1000 1600 B rounds=1600,1600,1600
      RetainedHeap full8 3x3 1200 B rounds=1200,1200,1200
      RetainedHeap portsFull 3x100 8992 B rounds=8992,8992,8992
      """;

  private static String report(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SideBySide.report(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void heap_lines_give_the_median_and_how_it_was_taken() {
    assertThat(SideBySide.parseHeap(GO_HEAP)).hasSize(5)
        .containsEntry("allocator", new SideBySide.Heap(552, 3, 1000))
        .containsEntry("frag90_16", new SideBySide.Heap(50_517, 3, 50))
        .containsEntry("full8", new SideBySide.Heap(1_528, 3, 1))
        .doesNotContainKey("portsFull");
  }

  @Test
  void heap_table_compares_only_shapes_both_sides_measured_and_says_which_are_over(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("heap.go.txt"), GO_HEAP);
    Files.writeString(dir.resolve("heap.cnm.txt"), CNM_HEAP);
    Files.writeString(dir.resolve("heap.load"), " 10:00:00 up 1 day,  load average: 1.25, 2.0, 1.0\n"
        + " 10:02:00 up 1 day,  load average: 1.50, 2.0, 1.0\n");
    String table = report(dir);

    assertThat(table).doesNotContain("pairs (Go anchor").contains("1.25–1.50");
    assertThat(table).contains("| allocator + empty /16 pool | 1 576 B (3 x 1000) | 1 249 B (3 x 1000) | 0.793 | yes |");
    assertThat(table).contains("| allocator + full /16 pool (65 534 allocated) | 1 529 B (3 x 50) | 1 600 B (3 x 1000) | 1.046 | **no** |");
    assertThat(table).contains("| allocator + full /8 pool | 1 528 B (3 x 1) | 1 200 B (3 x 3) | 0.785 | yes |");
    // one side only: no row
    assertThat(table).doesNotContain("90% random").doesNotContain("port allocator");
  }

  @Test
  void go_output_gives_the_per_unit_metric_when_there_is_one() {
    assertThat(SideBySide.parseGo(GO)).containsEntry("IPAMFill24", 800.0).containsEntry("IPAMChurnFull16", 2000.0)
        .containsEntry("PortSpecific", 300.0).hasSize(3);
  }

  @Test
  void ratios_are_medians_of_ratios_within_pairs(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("pair-1.go.txt"), GO);
    Files.writeString(dir.resolve("pair-1.jmh.json"), jmh(40, 100, 200, 10));
    Files.writeString(dir.resolve("pair-1.load"), " 10:00:00 up 1 day,  load average: 2.50, 2.0, 1.0\n");
    Files.writeString(dir.resolve("pair-2.go.txt"), GO.replace("800.0 ns/addr", "1600.0 ns/addr"));
    Files.writeString(dir.resolve("pair-2.jmh.json"), jmh(40, 50, 100, 30));
    Files.writeString(dir.resolve("pair-3.go.txt"), GO);
    Files.writeString(dir.resolve("pair-3.jmh.json"), jmh(20, 100, 100, 10));
    String table = report(dir);

    assertThat(table).startsWith("3 pairs").contains("2.50");
    // fill /24: ratios 20, 40, 40 -> median 40; moby median 800, cnm median 40
    assertThat(table).contains("| IPAM fill /24, per address (same id) | 800 ns | 40.0 ns | 40.0× | 20.0× | 3 of 3 |");
    // churn, equal id: ratios 10, 20, 20
    assertThat(table).contains("| IPAM full /16: release random + request any (equal id) | 2 000 ns | 100 ns | 20.0× | 10.0× | 2 of 3 |");
    // port 8080: ratios 30, 10, 30
    assertThat(table).contains("| Ports, empty: request 8080 + release | 300 ns | 10.0 ns | 30.0× | 10.0× | 2 of 3 |");
  }
}
