package dev.cnm.core;

/** What a scheduled action does when it is due; each belongs to one container. */
enum TimerKind {
  /** The container's process goes on with its script (after a sleep, or at start). */
  STEP,
  /** The process exits with the code a signal's delayed reaction chose. */
  SIGNAL_EXIT,
  /** A stop's timeout ended: {@code SIGKILL}. */
  KILL,
  /** The restart policy's back-off ended: start again. */
  RESTART,
  /** The next health check. */
  HEALTH
}
