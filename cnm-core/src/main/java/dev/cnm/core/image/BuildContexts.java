package dev.cnm.core.image;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.image.BuildContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Build contexts from where clients keep them: the tar archive {@code POST /build} receives
 * (plain or gzip-compressed, as the daemon's {@code archive.DecompressStream} accepts; ustar,
 * GNU long names and PAX paths), and a directory, as the docker CLI packs it (without what
 * {@code .dockerignore} excludes, but always with the Dockerfile and {@code .dockerignore}).
 * Only regular files are kept: directories are implied by the paths, and links are not
 * followed.
 *
 * <pre>{@code
 * BuildContext fromApi = BuildContexts.fromTar(requestBody);
 * BuildContext fromDisk = BuildContexts.fromDirectory(Path.of("."), "Dockerfile");
 * }</pre>
 */
public final class BuildContexts {
  private static final int BLOCK = 512;

  private BuildContexts() {}

  /**
   * {@return the regular files of a tar archive, gzip-compressed or not}
   *
   * @param archive the archive's bytes; an empty body is an empty context
   * @throws SystemException {@code archive/tar: invalid tar header} (an untyped error in moby:
   *     500) for bytes that are no tar archive
   */
  public static BuildContext fromTar(byte[] archive) {
    requireNonNull(archive, "archive");
    byte[] tar = archive;
    if (tar.length >= 2 && (tar[0] & 0xff) == 0x1f && (tar[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
        tar = in.readAllBytes();
      } catch (IOException e) {
        throw new SystemException("gzip: invalid header", e);
      }
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    String longName = null;
    String paxPath = null;
    int pos = 0;
    while (pos + BLOCK <= tar.length) {
      if (isZero(tar, pos)) {
        break;
      }
      if (!checksumOk(tar, pos)) {
        throw new SystemException("archive/tar: invalid tar header");
      }
      String name = cString(tar, pos, 100);
      long size = number(tar, pos + 124, 12);
      char type = (char) tar[pos + 156];
      String magic = cString(tar, pos + 257, 6);
      if (magic.startsWith("ustar")) {
        String prefix = cString(tar, pos + 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
      }
      int data = pos + BLOCK;
      if (size < 0 || data + size > tar.length) {
        throw new SystemException("archive/tar: invalid tar header");
      }
      byte[] content = java.util.Arrays.copyOfRange(tar, data, (int) (data + size));
      pos = data + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
      switch (type) {
        case 'L':
          longName = cString(content, 0, content.length);
          continue;
        case 'x':
          paxPath = paxValue(content, "path");
          continue;
        case 'g':
        case 'K':
          continue;
        default:
          break;
      }
      if (longName != null) {
        name = longName;
      }
      if (paxPath != null) {
        name = paxPath;
      }
      longName = null;
      paxPath = null;
      if (type == '0' || type == '\0' || type == '7') {
        try {
          files.put(BuildContext.clean(name), content);
        } catch (IllegalArgumentException e) {
          // "." or a path leaving the context: nothing a build can name
        }
      }
    }
    return BuildContext.of(files);
  }

  /**
   * {@return the files under {@code directory}, as {@code docker build DIR} sends them: what its
   * {@code .dockerignore} excludes is left out, but never the Dockerfile or {@code .dockerignore}}
   *
   * @param directory the context directory
   * @param dockerfile the Dockerfile's path relative to it ({@code Dockerfile} by default)
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static BuildContext fromDirectory(Path directory, String dockerfile) {
    requireNonNull(directory, "directory");
    requireNonNull(dockerfile, "dockerfile");
    DockerIgnore ignore = DockerIgnore.none();
    Path ignoreFile = directory.resolve(".dockerignore");
    try {
      if (Files.isRegularFile(ignoreFile)) {
        ignore = DockerIgnore.parse(Files.readString(ignoreFile, StandardCharsets.UTF_8));
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      List<Path> paths = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(directory)) {
        walk.filter(Files::isRegularFile).sorted().forEach(paths::add);
      }
      for (Path p : paths) {
        String rel = directory.relativize(p).toString().replace('\\', '/');
        boolean always = rel.equals(".dockerignore") || rel.equals(BuildContext.clean(dockerfile));
        if (!always && ignore.excludes(rel)) {
          continue;
        }
        files.put(rel, Files.readAllBytes(p));
      }
      return BuildContext.of(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@return {@code context} as an uncompressed tar archive (ustar, PAX for long paths), as the
   * docker CLI sends it to {@code POST /build}}
   *
   * @param context the context
   */
  public static byte[] toTar(BuildContext context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String path : context.paths()) {
      byte[] content = context.file(path).orElseThrow();
      byte[] name = path.getBytes(StandardCharsets.UTF_8);
      if (name.length > 100) {
        byte[] record = paxRecord("path", path);
        writeHeader(out, "PaxHeaders/" + Math.abs(path.hashCode()), record.length, 'x');
        writeData(out, record);
      }
      writeHeader(out, name.length > 100 ? path.substring(0, Math.min(path.length(), 99)) : path, content.length, '0');
      writeData(out, content);
    }
    out.writeBytes(new byte[BLOCK * 2]);
    return out.toByteArray();
  }

  private static byte[] paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.getBytes(StandardCharsets.UTF_8).length;
    int total = len + Integer.toString(len).length();
    if (Integer.toString(total).length() != Integer.toString(len).length()) {
      total++;
    }
    return (total + body).getBytes(StandardCharsets.UTF_8);
  }

  private static void writeHeader(ByteArrayOutputStream out, String name, long size, char type) {
    byte[] h = new byte[BLOCK];
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(n, 0, h, 0, Math.min(n.length, 100));
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    out.writeBytes(h);
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    while (s.length() < len - 1) {
      s = "0" + s;
    }
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, Math.min(b.length, len - 1));
    h[off + len - 1] = 0;
  }

  private static void writeData(ByteArrayOutputStream out, byte[] data) {
    out.writeBytes(data);
    int pad = (BLOCK - data.length % BLOCK) % BLOCK;
    out.writeBytes(new byte[pad]);
  }

  private static boolean isZero(byte[] b, int off) {
    for (int i = off; i < off + BLOCK; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean checksumOk(byte[] b, int off) {
    long expected = number(b, off + 148, 8);
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int v = i >= 148 && i < 156 ? ' ' : b[off + i];
      unsigned += v & 0xff;
      signed += v;
    }
    return expected == unsigned || expected == signed;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && end < b.length && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  /** An octal field, or a base-256 one (high bit set), as tar writes large numbers. */
  private static long number(byte[] b, int off, int len) {
    if ((b[off] & 0x80) != 0) {
      long v = b[off] & 0x7f;
      for (int i = off + 1; i < off + len; i++) {
        v = (v << 8) | (b[i] & 0xff);
      }
      return v;
    }
    String s = cString(b, off, len).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String paxValue(byte[] content, String key) {
    String text = new String(content, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      int eq = record.indexOf('=');
      if (space >= 0 && eq > space && record.substring(space + 1, eq).equals(key)) {
        return record.substring(eq + 1);
      }
    }
    return null;
  }
}
