package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.process.LogEntry;
import dev.cnm.api.process.LogListener;
import dev.cnm.api.process.LogOptions;
import dev.cnm.api.process.Subscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One container's log ({@code docker logs}), bounded: at most {@value #MAX_ENTRIES} entries and
 * {@value #MAX_CHARS} characters, the oldest dropped first. Docker's json-file driver keeps
 * everything unless {@code max-size} is set; an in-memory model needs a bound, and this one is far
 * above what a test or a tutorial writes. Guarded by the engine's lock; followers are served
 * through {@link Deliveries}.
 */
final class LogBuffer {
  static final int MAX_ENTRIES = 10_000;
  static final long MAX_CHARS = 4L << 20;

  /** Made on the first entry: most containers of a large engine never write one. */
  @GuardedBy("lock")
  private ArrayDeque<LogEntry> entries;
  @GuardedBy("lock")
  private long chars;
  @GuardedBy("lock")
  private List<Follower> followers = List.of();

  /** One {@code docker logs -f}. */
  static final class Follower implements Subscription {
    private final LogOptions options;
    private final LogListener listener;
    private volatile boolean active = true;
    private boolean ended;

    Follower(LogOptions options, LogListener listener) {
      this.options = options;
      this.listener = listener;
    }

    void deliver(LogEntry e) {
      if (active) {
        try {
          listener.onEntry(e);
        } catch (RuntimeException ex) {
          active = false;
        }
      }
    }

    void end() {
      if (!ended) {
        ended = true;
        active = false;
        listener.onEnd();
      }
    }

    @Override
    public boolean isActive() {
      return active;
    }

    @Override
    public void close() {
      active = false;
    }
  }

  void append(LogEntry e, Deliveries deliveries) {
    keep(e);
    if (followers.isEmpty()) {
      return;
    }
    followers.removeIf(f -> !f.isActive());
    for (Follower f : followers) {
      if (f.options.includes(e)) {
        deliveries.add(() -> f.deliver(e));
      }
    }
  }

  /** Puts back a saved entry (a restore). */
  void restore(LogEntry e) {
    keep(e);
  }

  private void keep(LogEntry e) {
    if (entries == null) {
      entries = new ArrayDeque<>();
    }
    entries.addLast(e);
    chars += e.text().length();
    while (entries.size() > MAX_ENTRIES || chars > MAX_CHARS && entries.size() > 1) {
      chars -= entries.removeFirst().text().length();
    }
  }

  /** The entries in the options' streams and window, then the last {@code tail} of them. */
  List<LogEntry> read(LogOptions options) {
    List<LogEntry> out = new ArrayList<>();
    if (entries == null) {
      return out;
    }
    for (LogEntry e : entries) {
      if (options.includes(e)) {
        out.add(e);
      }
    }
    if (options.tail().isPresent() && options.tail().get() < out.size()) {
      return List.copyOf(out.subList(out.size() - options.tail().get(), out.size()));
    }
    return out;
  }

  List<LogEntry> all() {
    return entries == null ? List.of() : List.copyOf(entries);
  }

  private void addFollower(Follower f) {
    if (followers.isEmpty()) {
      followers = new ArrayList<>(1);
    }
    followers.add(f);
  }

  /** Starts following: the current entries, then new ones until {@link #end}. */
  Subscription follow(LogOptions options, LogListener listener, boolean running, Deliveries deliveries) {
    Follower f = new Follower(options, listener);
    for (LogEntry e : read(options)) {
      deliveries.add(() -> f.deliver(e));
    }
    if (running) {
      addFollower(f);
    } else {
      deliveries.add(f::end);
    }
    return f;
  }

  /** Attaches: no entry already written, new ones until {@link #end} (the next exit or the removal). */
  Subscription attach(LogListener listener) {
    Follower f = new Follower(LogOptions.all(), listener);
    addFollower(f);
    return f;
  }

  /** The container stopped or was removed: every follower's stream ends. */
  void end(Deliveries deliveries) {
    for (Follower f : followers) {
      deliveries.add(f::end);
    }
    followers = List.of();
  }
}
