package dev.cnm.core.format;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.image.ProgressMessage;

/**
 * How the docker CLI shows a pull's or a build's progress stream when its output is not a
 * terminal (moby's {@code jsonmessage.Display} with {@code isTerminal} false): a status as {@code
 * id: status}, a progress update only when it has no counts to draw ({@code a2abf6c4d29d: Pull
 * complete}), build output as it is, and nothing for aux messages.
 *
 * <pre>{@code
 * ProgressDisplay.text(ProgressMessage.status("latest", "Pulling from library/nginx"));
 * // "latest: Pulling from library/nginx\n"
 * }</pre>
 */
public final class ProgressDisplay {
  private ProgressDisplay() {}

  /**
   * {@return what the CLI prints for {@code m}; empty for a message it hides}
   *
   * @param m the message
   */
  public static String text(ProgressMessage m) {
    requireNonNull(m, "m");
    if (m.auxId().isPresent()) {
      return "";
    }
    if (m.hasProgress() && (m.current() > 0 || m.total() > 0)) {
      return ""; // a progress bar is drawn only on a terminal
    }
    StringBuilder out = new StringBuilder();
    if (!m.id().isEmpty()) {
      out.append(m.id()).append(": ");
    }
    if (!m.stream().isEmpty()) {
      return out.append(m.stream()).toString();
    }
    return out.append(m.status()).append('\n').toString();
  }
}
