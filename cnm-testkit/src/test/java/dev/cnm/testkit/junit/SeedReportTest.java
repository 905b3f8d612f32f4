package dev.cnm.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cnm.api.Engine;
import dev.cnm.api.NetworkSpec;
import dev.cnm.core.Cnm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A failing test's seed is reported (message, report entry) and replays it, by {@code @Seed} or {@code -Dcnm.seed}. */
class SeedReportTest {
  /** The id the first network of an engine with this seed gets. */
  static String firstNetworkId(long seed) {
    return Cnm.builder().seed(seed).build().createNetwork(NetworkSpec.of("dev")).id();
  }

  /** Whether the launcher below runs the nested classes (surefire skips them, unless told otherwise by -Dtest). */
  static volatile boolean launched;

  /** Run only through the launcher below. */
  static class FailsOnPurpose {
    static final List<String> IDS = new ArrayList<>();

    @CnmTest
    void fails(Engine docker) {
      assumeTrue(launched, "run by SeedReportTest only");
      IDS.add(docker.createNetwork(NetworkSpec.of("dev")).id());
      throw new AssertionError("on purpose");
    }
  }

  /** Run only through the launcher below. */
  static class PinnedBySeed {
    static final List<String> IDS = new ArrayList<>();

    @CnmTest
    @Seed(77)
    void runs(Engine docker) {
      IDS.add(docker.createNetwork(NetworkSpec.of("dev")).id());
    }
  }

  private static final class Outcome implements TestExecutionListener {
    final List<Throwable> failures = new ArrayList<>();
    final List<Map<String, String>> entries = new ArrayList<>();

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
      if (id.isTest()) {
        result.getThrowable().ifPresent(failures::add);
      }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
      entries.add(entry.getKeyValuePairs());
    }
  }

  private static Outcome run(Class<?> testClass) {
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
    Outcome outcome = new Outcome();
    launched = true;
    try {
      LauncherFactory.create().execute(request, outcome);
    } finally {
      launched = false;
    }
    return outcome;
  }

  @Test
  void a_failing_test_reports_its_seed_and_that_seed_replays_it() {
    FailsOnPurpose.IDS.clear();
    Outcome first = run(FailsOnPurpose.class);

    assertThat(first.failures).hasSize(1);
    Throwable failure = first.failures.get(0);
    assertThat(failure).hasMessage("on purpose");
    assertThat(failure.getSuppressed()).hasSize(1);
    String line = failure.getSuppressed()[0].getMessage();
    assertThat(line).matches("cnm: fails\\(Engine\\) failed with seed (-?\\d+); replay it with @Seed\\(\\1L\\) or -Dcnm.seed=\\1");
    String seed = line.replaceAll(".*-Dcnm.seed=", "");
    assertThat(first.entries).containsExactly(Map.of("cnm.seed", seed));
    assertThat(FailsOnPurpose.IDS).containsExactly(firstNetworkId(Long.parseLong(seed)));

    String previous = System.getProperty(CnmExtension.SEED_PROPERTY);
    System.setProperty(CnmExtension.SEED_PROPERTY, seed);
    try {
      run(FailsOnPurpose.class);
      PinnedBySeed.IDS.clear();
      run(PinnedBySeed.class); // the property wins over @Seed
    } finally {
      if (previous == null) {
        System.clearProperty(CnmExtension.SEED_PROPERTY);
      } else {
        System.setProperty(CnmExtension.SEED_PROPERTY, previous);
      }
    }
    assertThat(FailsOnPurpose.IDS).hasSize(2).allMatch(FailsOnPurpose.IDS.get(0)::equals);
    assertThat(PinnedBySeed.IDS).containsExactly(firstNetworkId(Long.parseLong(seed)));
  }

  @Test
  void seed_annotation_pins_the_engine() {
    PinnedBySeed.IDS.clear();
    Outcome outcome = run(PinnedBySeed.class);
    assertThat(outcome.failures).isEmpty();
    assertThat(PinnedBySeed.IDS).containsExactly(firstNetworkId(77));
  }
}
