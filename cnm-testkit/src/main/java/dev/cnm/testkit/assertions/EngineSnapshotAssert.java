package dev.cnm.testkit.assertions;

import dev.cnm.testkit.EngineSnapshot;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an {@link EngineSnapshot}; a failure lists what changed, path by path ({@link
 * EngineSnapshot#differences}), instead of two dumps of the whole state.
 *
 * <pre>{@code
 * EngineSnapshot before = EngineSnapshot.of(docker, faults);
 * assertThatThrownBy(() -> docker.run(spec));
 * assertThat(EngineSnapshot.of(docker, faults)).isEqualTo(before);
 * // Expecting the engine unchanged, but 1 thing differs (before -> now):
 * //   engine state: changed containers[web].status: "CREATED" -> "RUNNING"
 * }</pre>
 */
public final class EngineSnapshotAssert extends AbstractAssert<EngineSnapshotAssert, EngineSnapshot> {
  EngineSnapshotAssert(EngineSnapshot actual) {
    super(actual, EngineSnapshotAssert.class);
  }

  /**
   * Checks that nothing changed since {@code before}; the failure names every change.
   *
   * @param before the snapshot taken earlier
   * @return this assertion
   */
  public EngineSnapshotAssert isUnchangedSince(EngineSnapshot before) {
    isNotNull();
    List<String> changes = actual.differences(before);
    if (!changes.isEmpty()) {
      failWithMessage("Expecting the engine unchanged, but %d %s (before -> now):%n  %s", changes.size(),
          changes.size() == 1 ? "thing differs" : "things differ", String.join(System.lineSeparator() + "  ", changes));
    }
    return this;
  }

  /**
   * Checks equality with another snapshot as {@link #isUnchangedSince} does, naming every change
   * on failure; anything else is compared as AssertJ compares objects.
   *
   * @param expected the snapshot taken earlier
   * @return this assertion
   */
  @Override
  public EngineSnapshotAssert isEqualTo(Object expected) {
    if (expected instanceof EngineSnapshot) {
      return isUnchangedSince((EngineSnapshot) expected);
    }
    return super.isEqualTo(expected);
  }

  /**
   * Checks that something changed since {@code before}.
   *
   * @param before the snapshot taken earlier
   * @return this assertion
   */
  public EngineSnapshotAssert hasChangedSince(EngineSnapshot before) {
    isNotNull();
    if (actual.differences(before).isEmpty()) {
      failWithMessage("Expecting the engine changed since the snapshot, but nothing differs: %s", actual);
    }
    return this;
  }
}
