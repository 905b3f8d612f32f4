package dev.cnm.cli;

import dev.cnm.plugins.PluginJournal;
import dev.cnm.plugins.RemotePlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Docker plugins a state directory's engine uses: found in Docker's plugin directories, or
 * in {@code $CNM_PLUGIN_DIRS} (colon-separated; each holds sockets and spec files alike), with
 * the journal of their answers kept in {@code plugins.json} beside the state, so that the engine
 * restored by each command repeats no call to a plugin (see {@link PluginJournal}).
 */
final class PluginState {
  /** The environment variable naming the plugin directories. */
  static final String DIRS_ENV = "CNM_PLUGIN_DIRS";
  static final String JOURNAL = "plugins.json";

  private final Path journalFile;
  private final PluginJournal journal;
  private final RemotePlugins plugins;

  private PluginState(Path journalFile, PluginJournal journal, RemotePlugins plugins) {
    this.journalFile = journalFile;
    this.journal = journal;
    this.plugins = plugins;
  }

  /**
   * The plugins of state directory {@code dir}, with the journal it holds, read as the state is
   * (never through a link).
   */
  static PluginState open(Path dir, Caller caller) {
    Path file = dir.resolve(JOURNAL);
    PluginJournal journal = PluginJournal.empty();
    Optional<byte[]> saved = StateFile.readFile(dir, JOURNAL);
    if (saved.isPresent()) {
      try {
        journal = PluginJournal.parse(saved.get());
      } catch (IllegalArgumentException e) {
        throw new StateException("the plugin journal " + file + " cannot be read (" + e.getMessage()
            + "); move it aside to start afresh (plugins then see the restored networks' calls again)");
      }
    }
    return new PluginState(file, journal, builder(caller).journal(journal).build());
  }

  /**
   * The plugins as {@code $CNM_PLUGIN_DIRS} (relative to the caller's directory) or Docker's
   * layout give them, with Docker's retries.
   */
  static RemotePlugins.Builder builder(Caller caller) {
    RemotePlugins.Builder b = RemotePlugins.builder();
    String dirs = caller.env().getOrDefault(DIRS_ENV, "");
    if (!dirs.isEmpty()) {
      List<Path> list = new ArrayList<>();
      for (String d : dirs.split(":")) {
        if (!d.isEmpty()) {
          list.add(caller.path(d));
        }
      }
      b.pluginDirectories(list);
    }
    return b;
  }

  RemotePlugins plugins() {
    return plugins;
  }

  /**
   * Writes the journal as the state is written ({@link StateFile#writeFile}: never through a link,
   * {@code 0600}, durable), or removes the file when it holds nothing.
   */
  void save() {
    if (journal.isEmpty()) {
      try {
        Files.deleteIfExists(journalFile);
      } catch (IOException e) {
        throw new StateException("cannot remove the plugin journal " + journalFile + ": "
            + StateFile.goError("remove", journalFile, e));
      }
      return;
    }
    StateFile.writeFile(journalFile.getParent(), JOURNAL, journal.toJson());
  }
}
