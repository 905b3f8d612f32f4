package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * State as a seed plus the log of acknowledged commands: loading builds an engine from the seed
 * and replays every command at its recorded time, which reproduces ids, names, MACs and
 * addresses exactly (the engine is deterministic given its seed and clock). The file ends with a
 * count and a CRC-32, so a damaged file is detected, never half-read.
 *
 * <pre>
 * cnm-replay-state 1
 * seed 42
 * cmd 1748854800.000000000 network\tcreate\tdev
 * end 1 1a2b3c4d
 * </pre>
 */
final class ReplayStore implements EngineStore {
  static final String MAGIC = "cnm-replay-state 1";
  /** Seeded time starts here and advances one second per command. */
  static final Instant SEEDED_EPOCH = Instant.parse("2025-06-02T09:00:00Z");

  private final String fileName;

  ReplayStore(String fileName) {
    this.fileName = fileName;
  }

  private record Entry(Instant time, List<String> args) {}

  @Override
  public Session load(Optional<byte[]> saved, Optional<Long> seedFromEnv, Instant wallNow) {
    long seed;
    boolean seeded;
    List<Entry> entries;
    if (saved.isPresent()) {
      Parsed p = parse(saved.get());
      seed = p.seed;
      seeded = p.seeded;
      entries = p.entries;
    } else {
      seeded = seedFromEnv.isPresent();
      seed = seedFromEnv.orElseGet(() -> new SecureRandom().nextLong());
      entries = new ArrayList<>();
    }
    TickClock clock = new TickClock(seeded ? SEEDED_EPOCH : firstTime(entries, wallNow));
    Engine engine = Cnm.builder().seed(seed).clock(clock).build();
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    for (Entry e : entries) {
      clock.set(e.time());
      new Commands(engine, nowhere, nowhere, clock::peek).replaying().execute(e.args());
    }
    Instant commandTime = seeded ? SEEDED_EPOCH.plusSeconds(entries.size()) : wallNow;
    clock.set(commandTime);
    final long s = seed;
    final boolean sd = seeded;
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
        List<Entry> all = new ArrayList<>(entries);
        all.add(new Entry(commandTime, List.copyOf(args)));
        return write(s, sd, all);
      }
    };
  }

  private static Instant firstTime(List<Entry> entries, Instant now) {
    return entries.isEmpty() ? now : entries.get(0).time();
  }

  private record Parsed(long seed, boolean seeded, List<Entry> entries) {}

  private Parsed parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int endAt = text.lastIndexOf("end ");
    if (!text.startsWith(MAGIC + "\n") || endAt < 0 || !text.endsWith("\n")) {
      throw corrupt("not a cnm state file, or truncated");
    }
    String body = text.substring(0, endAt);
    String[] end = text.substring(endAt, text.length() - 1).split(" ");
    CRC32 crc = new CRC32();
    crc.update(body.getBytes(StandardCharsets.UTF_8));
    if (end.length != 3 || !end[2].equals(Long.toHexString(crc.getValue()))) {
      throw corrupt("checksum mismatch");
    }
    String[] lines = body.split("\n", -1);
    if (lines.length < 3 || !lines[1].startsWith("seed ")) {
      throw corrupt("missing seed");
    }
    long seed;
    boolean seeded;
    try {
      String[] s = lines[1].split(" ");
      seed = Long.parseLong(s[1]);
      seeded = s.length > 2 && s[2].equals("fixed");
    } catch (RuntimeException e) {
      throw corrupt("bad seed line");
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 2; i < lines.length - 1; i++) {
      String line = lines[i];
      if (!line.startsWith("cmd ")) {
        throw corrupt("bad line " + (i + 1));
      }
      int sp = line.indexOf(' ', 4);
      if (sp < 0) {
        throw corrupt("bad line " + (i + 1));
      }
      Instant t;
      try {
        String[] ts = line.substring(4, sp).split("\\.");
        t = Instant.ofEpochSecond(Long.parseLong(ts[0]), Long.parseLong(ts[1]));
      } catch (RuntimeException e) {
        throw corrupt("bad time on line " + (i + 1));
      }
      List<String> args = new ArrayList<>();
      for (String a : line.substring(sp + 1).split("\t", -1)) {
        args.add(unescape(a));
      }
      entries.add(new Entry(t, args));
    }
    try {
      if (Integer.parseInt(end[1]) != entries.size()) {
        throw corrupt("command count mismatch");
      }
    } catch (NumberFormatException e) {
      throw corrupt("bad end line");
    }
    return new Parsed(seed, seeded, entries);
  }

  private StateException corrupt(String why) {
    return new StateException("the state file " + fileName + " is corrupt (" + why
        + "); it was left untouched: move it aside to start afresh");
  }

  private static byte[] write(long seed, boolean seeded, List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    sb.append(MAGIC).append('\n');
    sb.append("seed ").append(seed).append(seeded ? " fixed" : "").append('\n');
    for (Entry e : entries) {
      sb.append("cmd ").append(e.time().getEpochSecond()).append('.')
          .append(String.format(java.util.Locale.ROOT, "%09d", e.time().getNano())).append(' ');
      for (int i = 0; i < e.args().size(); i++) {
        if (i > 0) {
          sb.append('\t');
        }
        sb.append(escape(e.args().get(i)));
      }
      sb.append('\n');
    }
    CRC32 crc = new CRC32();
    crc.update(sb.toString().getBytes(StandardCharsets.UTF_8));
    sb.append("end ").append(entries.size()).append(' ').append(Long.toHexString(crc.getValue())).append('\n');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\':
          sb.append("\\\\");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        default:
          sb.append(c);
      }
    }
    return sb.toString();
  }

  static String unescape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
