package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files a build sees ({@code docker build PATH}): regular files by their path relative to the
 * context's root, with {@code /} as separator and no leading {@code ./}. The Dockerfile is one of
 * them ({@code Dockerfile} unless the build names another).
 *
 * <pre>{@code
 * BuildContext ctx = BuildContext.of(Map.of(
 *     "Dockerfile", "FROM alpine\nCOPY app.sh /app.sh\n".getBytes(StandardCharsets.UTF_8),
 *     "app.sh", "echo hi\n".getBytes(StandardCharsets.UTF_8)));
 * ctx.file("app.sh");  // Optional[9 bytes]
 * }</pre>
 */
public final class BuildContext {
  private static final BuildContext EMPTY = new BuildContext(Map.of());

  private final Map<String, byte[]> files;

  private BuildContext(Map<String, byte[]> files) {
    this.files = files;
  }

  /** {@return a context with no files} */
  public static BuildContext empty() {
    return EMPTY;
  }

  /**
   * {@return a context of {@code files}, copied; paths are cleaned ({@code ./a//b} is {@code a/b})}
   *
   * @param files the files by path
   * @throws IllegalArgumentException for a path that leaves the context ({@code ../x}) or is empty
   */
  public static BuildContext of(Map<String, byte[]> files) {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    files.forEach((path, content) -> copy.put(clean(path), requireNonNull(content, "content").clone()));
    return new BuildContext(Collections.unmodifiableMap(copy));
  }

  /**
   * {@return {@code path} cleaned as Go's {@code path.Clean} does, relative to the root}
   *
   * @param path a path in the context
   * @throws IllegalArgumentException for a path that leaves the context or names the root
   */
  public static String clean(String path) {
    requireNonNull(path, "path");
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("path leaves the build context: " + path);
        }
        parts.removeLast();
        continue;
      }
      parts.addLast(p);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("not a file path: '" + path + "'");
    }
    return String.join("/", parts);
  }

  /** {@return the paths of every file, sorted} */
  public Set<String> paths() {
    return files.keySet();
  }

  /**
   * {@return the content of the file at {@code path}, if there is one}
   *
   * @param path the file's path, cleaned first
   */
  public Optional<byte[]> file(String path) {
    String p;
    try {
      p = clean(path);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    byte[] b = files.get(p);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  /** {@return the number of files} */
  public int size() {
    return files.size();
  }

  /** {@return the total size of the files, in bytes} */
  public long bytes() {
    long n = 0;
    for (byte[] b : files.values()) {
      n += b.length;
    }
    return n;
  }

  @Override
  public String toString() {
    return "BuildContext" + files.keySet();
  }
}
