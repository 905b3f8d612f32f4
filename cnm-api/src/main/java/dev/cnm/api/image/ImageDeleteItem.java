package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

/**
 * One line of {@code docker rmi}'s answer (moby's {@code DeleteResponse}): a reference removed
 * ({@code Untagged: nginx:latest}) or an image or layer deleted ({@code Deleted: sha256:...}).
 *
 * <pre>{@code
 * for (ImageDeleteItem i : engine.images().remove("nginx", false, true)) {
 *   System.out.println(i); // "Untagged: nginx:latest", ..., "Deleted: sha256:..."
 * }
 * }</pre>
 */
public final class ImageDeleteItem {
  private final boolean untagged;
  private final String value;

  private ImageDeleteItem(boolean untagged, String value) {
    this.untagged = untagged;
    this.value = requireNonNull(value, "value");
  }

  /**
   * {@return an item saying {@code reference} was removed}
   *
   * @param reference the familiar reference, such as {@code nginx:latest}
   */
  public static ImageDeleteItem untagged(String reference) {
    return new ImageDeleteItem(true, reference);
  }

  /**
   * {@return an item saying the image or layer {@code id} was deleted}
   *
   * @param id the image id or layer chain id, {@code sha256:...}
   */
  public static ImageDeleteItem deleted(String id) {
    return new ImageDeleteItem(false, id);
  }

  /** {@return whether a reference was removed (else an image or layer was deleted)} */
  public boolean isUntagged() {
    return untagged;
  }

  /** {@return the reference removed, or the id deleted} */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageDeleteItem && ((ImageDeleteItem) o).untagged == untagged
        && ((ImageDeleteItem) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode() * 2 + (untagged ? 1 : 0);
  }

  /** {@return the line {@code docker rmi} prints: {@code Untagged: x} or {@code Deleted: x}} */
  @Override
  public String toString() {
    return (untagged ? "Untagged: " : "Deleted: ") + value;
  }
}
