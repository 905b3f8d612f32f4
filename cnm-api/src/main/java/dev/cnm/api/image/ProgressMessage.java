package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;

/**
 * One message of the progress stream a pull or a build writes (moby's {@code JSONMessage}): a
 * status for an id ({@code latest: Pulling from library/nginx}), a progress update with counts
 * ({@code Downloading 3.6MB/3.6MB}), a line of build output ({@code Step 1/3 : FROM alpine}), or
 * the id of the image a build made ({@code aux}). The Engine API writes each as a JSON line; the
 * docker CLI shows statuses and output lines, and hides progress counts when not on a terminal.
 *
 * <pre>{@code
 * ProgressMessage.status("latest", "Pulling from library/nginx");
 * ProgressMessage.progress("a2abf6c4d29d", "Pull complete");
 * ProgressMessage.stream("Step 1/2 : FROM alpine\n");
 * }</pre>
 */
public final class ProgressMessage {
  private final String id;
  private final String status;
  private final boolean hasProgress;
  private final long current;
  private final long total;
  private final String stream;
  private final String auxId;

  private ProgressMessage(String id, String status, boolean hasProgress, long current, long total, String stream,
      String auxId) {
    this.id = id;
    this.status = status;
    this.hasProgress = hasProgress;
    this.current = current;
    this.total = total;
    this.stream = stream;
    this.auxId = auxId;
  }

  /**
   * {@return a status message: {@code {"status":"...","id":"..."}}}
   *
   * @param id what the status is about (a tag, a layer); empty for none
   * @param status the status text
   */
  public static ProgressMessage status(String id, String status) {
    return new ProgressMessage(requireNonNull(id, "id"), requireNonNull(status, "status"), false, 0, 0, "", "");
  }

  /**
   * {@return a progress update without counts ({@code "progressDetail":{}}), such as {@code Pull
   * complete}}
   *
   * @param id the layer
   * @param action what happens to it
   */
  public static ProgressMessage progress(String id, String action) {
    return progress(id, action, 0, 0);
  }

  /**
   * {@return a progress update with counts, such as {@code Downloading} 1.2MB of 3.6MB}
   *
   * @param id the layer
   * @param action what happens to it
   * @param current the bytes done
   * @param total the bytes in all
   */
  public static ProgressMessage progress(String id, String action, long current, long total) {
    return new ProgressMessage(requireNonNull(id, "id"), requireNonNull(action, "action"), true, current, total,
        "", "");
  }

  /**
   * {@return a line (or part of one) of build output: {@code {"stream":"..."}}}
   *
   * @param text the text, with its newline when it ends a line
   */
  public static ProgressMessage stream(String text) {
    return new ProgressMessage("", "", false, 0, 0, requireNonNull(text, "text"), "");
  }

  /**
   * {@return the id of the image a build stage made: {@code {"aux":{"ID":"sha256:..."}}}}
   *
   * @param imageId the image id
   */
  public static ProgressMessage aux(String imageId) {
    return new ProgressMessage("", "", false, 0, 0, "", requireNonNull(imageId, "imageId"));
  }

  /** {@return what the message is about (a tag or a layer); empty for none} */
  public String id() {
    return id;
  }

  /** {@return the status or progress action; empty for output and aux messages} */
  public String status() {
    return status;
  }

  /** {@return whether this is a progress update ({@code progressDetail} present)} */
  public boolean hasProgress() {
    return hasProgress;
  }

  /** {@return the bytes done of a progress update, 0 without counts} */
  public long current() {
    return current;
  }

  /** {@return the bytes in all of a progress update, 0 without counts} */
  public long total() {
    return total;
  }

  /** {@return the build output text; empty for other messages} */
  public String stream() {
    return stream;
  }

  /** {@return the image id of an aux message} */
  public Optional<String> auxId() {
    return auxId.isEmpty() ? Optional.empty() : Optional.of(auxId);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ProgressMessage)) {
      return false;
    }
    ProgressMessage m = (ProgressMessage) o;
    return id.equals(m.id) && status.equals(m.status) && hasProgress == m.hasProgress && current == m.current
        && total == m.total && stream.equals(m.stream) && auxId.equals(m.auxId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, hasProgress, current, total, stream, auxId);
  }

  @Override
  public String toString() {
    if (!stream.isEmpty()) {
      return stream;
    }
    if (!auxId.isEmpty()) {
      return "aux " + auxId;
    }
    return (id.isEmpty() ? "" : id + ": ") + status + (current > 0 || total > 0 ? " " + current + "/" + total : "");
  }
}
