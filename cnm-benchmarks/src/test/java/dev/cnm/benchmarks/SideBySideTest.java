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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SideBySide.report(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);

    assertThat(table).startsWith("3 pairs").contains("2.50");
    // fill /24: ratios 20, 40, 40 -> median 40; moby median 800, cnm median 40
    assertThat(table).contains("| IPAM fill /24, per address (same id) | 800 ns | 40.0 ns | 40.0× | 20.0× | 3 of 3 |");
    // churn, equal id: ratios 10, 20, 20
    assertThat(table).contains("| IPAM full /16: release random + request any (equal id) | 2 000 ns | 100 ns | 20.0× | 10.0× | 2 of 3 |");
    // port 8080: ratios 30, 10, 30
    assertThat(table).contains("| Ports, empty: request 8080 + release | 300 ns | 10.0 ns | 30.0× | 10.0× | 2 of 3 |");
  }
}
