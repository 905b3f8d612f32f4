package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.core.Cnm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs command lines in-process against one seeded engine. */
final class Harness {
  /** Asserts a command's whole outcome: its stderr, its stdout and its exit code. */
  static void assertResult(Result r, int rc, String out, String err) {
    org.assertj.core.api.Assertions.assertThat(r.err()).isEqualTo(err);
    org.assertj.core.api.Assertions.assertThat(r.out()).isEqualTo(out);
    org.assertj.core.api.Assertions.assertThat(r.rc()).isEqualTo(rc);
  }

  record Result(String out, String err, int rc) {}

  final TickClock clock = new TickClock(SnapshotStore.SEEDED_EPOCH);
  final Engine engine;

  /** An engine that pulls an absent image when a container is created (the library's default). */
  Harness() {
    this(PullPolicy.MISSING);
  }

  /** An engine with {@code policy}; {@link PullPolicy#NEVER} is what {@code cnm} and {@code cnm serve} use. */
  Harness(PullPolicy policy) {
    engine = Cnm.builder().seed(7).clock(clock).pullPolicy(policy).build();
  }

  Result run(String line) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8);
    clock.set(clock.peek().plusSeconds(1));
    int rc = new Commands(engine, out, err, clock::peek).execute(Tutorial.split(line));
    return new Result(o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8), rc);
  }

  /** Runs a line that must succeed; returns its stdout. */
  String ok(String line) {
    Result r = run(line);
    if (r.rc() != 0) {
      throw new AssertionError(line + " failed with " + r.rc() + ": " + r.err());
    }
    return r.out();
  }
}
