package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.process.Script;

/**
 * The state of a running container's process, as data so that the state document can save it: the
 * script it follows, where it is in it, and the status of its last command. A new one is made at
 * every start. Guarded by the engine's lock.
 */
final class ProcessRecord {
  @GuardedBy("lock")
  Script script;
  /** The index of the next step to run. */
  @GuardedBy("lock")
  int pc;
  /** The exit status of the last command run ({@code $?}). */
  @GuardedBy("lock")
  int lastStatus;

  ProcessRecord(Script script) {
    this.script = script;
  }
}
