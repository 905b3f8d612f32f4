package dev.cnm.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.core.template.Template;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decimal formatting in templates ({@code printf} of a float64, issue 17): ordinary precisions
 * must cost microseconds, and a huge precision must cost what its output costs, not the
 * quadratic zero-stripping of a million-digit BigDecimal ({@code %.100000f} took 12 s).
 * {@code plainSetScale} is the naive BigDecimal path the formatter avoids, for comparison at
 * the precisions where it is still affordable.
 *
 * <pre>{@code
 * bin/bench TemplateBenchmarks
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class TemplateBenchmarks {
  /** One printf format over one float64. */
  @State(Scope.Thread)
  public static class Printf {
    @Param({"%v", "%.2f", "%.6e", "%.3g", "%.17g", "%.300f", "%.100000f"})
    String format;

    @Param({"3.141592653589793", "1.0E-300", "1.2345678901234567E20"})
    double value;

    Template template;
    JsonNode data;

    @Setup
    public void setUp() {
      template = Template.parse("{{printf \"" + format + "\" .}}");
      data = JsonNodeFactory.instance.numberNode(value);
    }
  }

  /** {@code {{printf FORMAT .}}} over the value: the whole template execution. */
  @Benchmark
  public String printf(Printf s) {
    return s.template.execute(s.data);
  }

  /** The naive %f: setScale on the exact value, then stripTrailingZeros (only small precisions). */
  @State(Scope.Thread)
  public static class Plain {
    @Param({"2", "300", "3000"})
    int precision;

    @Param({"3.141592653589793", "1.0E-300"})
    double value;
  }

  @Benchmark
  public BigDecimal plainSetScale(Plain s) {
    return new BigDecimal(s.value).setScale(s.precision, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
