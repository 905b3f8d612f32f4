/**
 * JMH benchmarks of cnm, one for one with the Docker allocator benchmarks of the performance
 * anchor ({@code shared/reference/perf-anchor.md}), plus engine-level ones and a heap-footprint
 * report. Run them with {@code bin/bench} (see {@code docs/BENCHMARKS.md}).
 *
 * <pre>{@code
 * bin/bench --quick          # a few minutes on 2 cores
 * bin/bench IpamBenchmarks   # one class, full settings
 * }</pre>
 */
package dev.cnm.benchmarks;
