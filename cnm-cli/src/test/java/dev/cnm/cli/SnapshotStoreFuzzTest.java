package dev.cnm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cnm.core.EngineState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Coverage-guided fuzzing of the CLI's state-file loader ({@link SnapshotStore}): the header,
 * the checksum, and the engine state behind them ({@link EngineState}, with its consistency
 * checks). Any bytes either load, and then save and load again to the same engine state, or are
 * refused with one {@link StateException}: {@code the state file state is corrupt (...)}, never
 * another exception and never a Java exception's text.
 *
 * <p>{@link #file} takes the bytes as they are; {@link #checksummed} appends the right {@code end}
 * line, so that the fuzzer gets past the checksum to the header and the document. Seeds: state
 * files this version wrote ({@code src/test/resources/dev/cnm/cli/SnapshotStoreFuzzTestInputs});
 * {@code mvn verify} replays them, {@code -Pfuzz} fuzzes (docs/TESTING.md).
 */
class SnapshotStoreFuzzTest {
  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"cnm-state 2", "seed ", " fixed", "count ", "end "})
  void file(byte[] input) {
    load(input);
  }

  @FuzzTest(maxDuration = "10m")
  @DictionaryEntries({"cnm-state 2", "seed ", " fixed", "count ", "\"version\"", "\"networks\"",
      "\"containers\"", "\"id\"", "\"name\"", "\"spec\"", "\"status\"", "\"RUNNING\"", "\"attachments\"",
      "\"endpoints\"", "\"networkId\"", "\"networkMode\"", "\"container:\"", "\"gatewayNetwork\"", "\"published\"",
      "\"hostPort\"", "null", "\"images\"", "\"layers\"", "\"references\"", "\"document\"", "\"chainId\"",
      "\"imageId\"", "\"imageConfig\"", "sha256:", "\"logs\"", "\"events\"", "\"timers\"", "\"process\"",
      "\"script\"", "\"steps\"", "\"kind\"", "\"SLEEP\"", "\"duration\"", "\"clock\"", "\"health\""})
  void checksummed(byte[] input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(input);
    if (input.length == 0 || input[input.length - 1] != '\n') {
      out.write('\n');
    }
    CRC32 crc = new CRC32();
    crc.update(out.toByteArray());
    out.writeBytes(("end " + Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.US_ASCII));
    load(out.toByteArray());
  }

  private static void load(byte[] bytes) {
    EngineStore.Session session;
    try {
      session = new SnapshotStore("state").load(Optional.of(bytes), Optional.empty(), Instant.EPOCH);
    } catch (StateException e) {
      assertThat(e.getMessage()).startsWith("the state file state is corrupt (")
          .endsWith("); it was left untouched: move it aside to start afresh")
          .doesNotContain("Exception", "java.", "com.fasterxml");
      return;
    }
    byte[] saved = session.save(List.of("fuzz"));
    EngineStore.Session again = new SnapshotStore("state").load(Optional.of(saved), Optional.empty(), Instant.EPOCH);
    assertThat(new String(EngineState.export(again.engine()), StandardCharsets.UTF_8))
        .isEqualTo(new String(EngineState.export(session.engine()), StandardCharsets.UTF_8));
  }
}
