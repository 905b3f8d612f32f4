package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.core.Cnm;
import dev.cnm.core.EngineBuilder;
import dev.cnm.core.EngineState;
import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * State as a snapshot of the whole engine ({@link EngineState}) behind a small header: the seed,
 * the number of commands applied so far and whether the seed was fixed by {@code CNM_SEED}. Each
 * command's engine gets its own random source, derived from the seed and that count, so ids,
 * names and MACs never repeat between commands and are reproducible under a fixed seed; under a
 * fixed seed time also advances one second per command from a fixed instant. The file ends with
 * a CRC-32 of everything before it, so a damaged file is detected, never half-read.
 *
 * <pre>
 * cnm-state 2
 * seed 42 fixed
 * count 3
 * {"version":1,"networks":[...],"containers":[...]}
 * end 1a2b3c4d
 * </pre>
 */
final class SnapshotStore implements EngineStore {
  static final String MAGIC = "cnm-state 2";
  /** Under a fixed seed, time starts here and advances one second per command. */
  static final Instant SEEDED_EPOCH = Instant.parse("2025-06-02T09:00:00Z");

  private final String fileName;
  private final UnaryOperator<EngineBuilder> cluster;
  private final Supplier<Optional<String>> clusterDown;
  /** The Docker plugins the engine may use, and their journal; null for none. */
  private PluginState plugins;

  SnapshotStore(String fileName) {
    this(fileName, UnaryOperator.identity(), Optional::empty);
  }

  /**
   * A state whose engine is one host of a cluster: {@code cluster} configures the builder (its
   * global store); the global-scope networks live in the store, which {@link EngineState}
   * restores them from (the file's copies are marked as the store's). {@code clusterDown} says why the store is unreachable, if it is: a
   * state whose containers sit on global networks cannot load without it.
   */
  SnapshotStore(String fileName, UnaryOperator<EngineBuilder> cluster, Supplier<Optional<String>> clusterDown) {
    this.fileName = fileName;
    this.cluster = cluster;
    this.clusterDown = clusterDown;
  }

  /** The engine finds Docker plugins by name, and a restore replays their answers from the journal. */
  SnapshotStore withPlugins(PluginState plugins) {
    this.plugins = plugins;
    return this;
  }

  @Override
  public Session load(Optional<byte[]> saved, Optional<Long> seedFromEnv, Instant wallNow) {
    return load(saved, seedFromEnv, wallNow, null);
  }

  @Override
  public Session loadLive(Optional<byte[]> saved, Optional<Long> seedFromEnv, InstantSource wall) {
    return load(saved, seedFromEnv, wall.instant(), wall);
  }

  /** {@code wall}: the clock a live engine follows, or null for one command's time. */
  private Session load(Optional<byte[]> saved, Optional<Long> seedFromEnv, Instant wallNow, InstantSource wall) {
    long seed;
    boolean fixed;
    long count;
    byte[] snapshot;
    if (saved.isPresent()) {
      Header h = parse(saved.get());
      seed = h.seed;
      fixed = h.fixed;
      count = h.count;
      snapshot = h.snapshot;
    } else {
      fixed = seedFromEnv.isPresent();
      seed = seedFromEnv.orElseGet(() -> new SecureRandom().nextLong());
      count = 0;
      snapshot = null;
    }
    Instant commandTime = fixed ? SEEDED_EPOCH.plusSeconds(count) : wallNow;
    TickClock clock = fixed || wall == null ? new TickClock(commandTime) : TickClock.following(wall);
    // dockerd's behaviour: no image until pulled, a create of an absent image is a 404 (run pulls on it)
    EngineBuilder builder = cluster.apply(Cnm.builder().seed(mix(seed, count)).clock(clock)
        .pullPolicy(PullPolicy.NEVER));
    if (plugins != null) {
      builder.plugins(plugins.plugins());
    }
    Engine engine;
    if (snapshot == null) {
      engine = builder.build();
    } else {
      try {
        // The daemon the state stands for never repeats a plugin call: the restore replays them.
        engine = plugins == null ? EngineState.restore(snapshot, builder)
            : plugins.plugins().replaying(() -> EngineState.restore(snapshot, builder));
      } catch (CnmException | IllegalArgumentException e) {
        Optional<String> down = clusterDown.get();
        if (down.isPresent()) {
          throw new StateException("the cluster store is unavailable (" + down.get() + "), and the state in "
              + fileName + " has endpoints on its global networks: it cannot load without it; it was left untouched");
        }
        throw corrupt(e.getMessage());
      }
    }
    final long s = seed;
    final boolean f = fixed;
    final long c = count;
    return new Session() {
      @Override
      public Engine engine() {
        return engine;
      }

      @Override
      public Instant now() {
        return clock.peek();
      }

      @Override
      public byte[] save(List<String> args) {
        if (plugins != null) {
          plugins.save();
        }
        return write(s, f, c + 1, EngineState.export(engine));
      }
    };
  }

  /** SplitMix64 of the seed and the command count: one independent stream per command. */
  static long mix(long seed, long count) {
    long z = seed + (count + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private record Header(long seed, boolean fixed, long count, byte[] snapshot) {}

  private Header parse(byte[] bytes) {
    byte[] magic = (MAGIC + "\n").getBytes(StandardCharsets.UTF_8);
    if (bytes.length < magic.length || !Arrays.equals(Arrays.copyOf(bytes, magic.length), magic)) {
      int nl = indexOf(bytes, (byte) '\n', 0, Math.min(bytes.length, 80));
      String first = new String(bytes, 0, nl < 0 ? Math.min(bytes.length, 40) : nl, StandardCharsets.UTF_8);
      throw corrupt("not a cnm state file: it starts with \"" + first + "\"");
    }
    // The end line: "end <crc>\n", after the last newline but one.
    int last = bytes.length - 1;
    if (last < 0 || bytes[last] != '\n') {
      throw corrupt("not a cnm state file, or truncated");
    }
    int endStart = last - 1;
    while (endStart >= 0 && bytes[endStart] != '\n') {
      endStart--;
    }
    endStart++;
    String end = new String(bytes, endStart, last - endStart, StandardCharsets.UTF_8);
    if (!end.startsWith("end ")) {
      throw corrupt("not a cnm state file, or truncated");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, endStart);
    if (!end.substring(4).equals(Long.toHexString(crc.getValue()))) {
      throw corrupt("checksum mismatch");
    }
    String[] lines = new String[3];
    int pos = 0;
    for (int i = 0; i < 3; i++) {
      int nl = indexOf(bytes, (byte) '\n', pos, endStart);
      if (nl < 0) {
        throw corrupt("missing header");
      }
      lines[i] = new String(bytes, pos, nl - pos, StandardCharsets.UTF_8);
      pos = nl + 1;
    }
    if (!lines[0].equals(MAGIC)) {
      throw corrupt("not a cnm state file (" + lines[0] + ")");
    }
    try {
      String[] s = lines[1].split(" ");
      if (!s[0].equals("seed") || !lines[2].startsWith("count ")) {
        throw corrupt("bad header");
      }
      long seed = Long.parseLong(s[1]);
      boolean fixed = s.length > 2 && s[2].equals("fixed");
      long count = Long.parseLong(lines[2].substring("count ".length()));
      return new Header(seed, fixed, count, Arrays.copyOfRange(bytes, pos, endStart));
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw corrupt("bad header");
    }
  }

  private static int indexOf(byte[] b, byte x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private StateException corrupt(String why) {
    return new StateException("the state file " + fileName + " is corrupt (" + why
        + "); it was left untouched: move it aside to start afresh");
  }

  private static byte[] write(long seed, boolean fixed, long count, byte[] snapshot) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(snapshot.length + 128);
    String header = MAGIC + "\nseed " + seed + (fixed ? " fixed" : "") + "\ncount " + count + "\n";
    out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(snapshot);
    out.write('\n');
    byte[] body = out.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    out.writeBytes(("end " + Long.toHexString(crc.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
