package dev.cnm.plugins.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.plugins.PluginAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's v1 plugin registry ({@code pkg/plugins.LocalRegistry}) over configurable directories:
 * a plugin {@code NAME} is a unix socket {@code NAME.sock} or {@code NAME/NAME.sock} in the
 * sockets directory ({@code /run/docker/plugins}), else a spec file {@code NAME.spec} holding its
 * URL or {@code NAME.json} holding {@code {"Addr": ...}}, directly or in {@code NAME/}, in the
 * spec directories in order ({@code /etc/docker/plugins}, {@code /usr/lib/docker/plugins}).
 */
public final class PluginDirectories {
  private final List<Path> sockets;
  private final List<Path> specs;

  /** Directories to look in: those of sockets, then those of spec files; either may be empty. */
  public PluginDirectories(List<Path> sockets, List<Path> specs) {
    this.sockets = List.copyOf(sockets);
    this.specs = List.copyOf(specs);
  }

  /** A plugin file: its name, the file, and its address or why the file gives none. */
  public static final class Found {
    /** The plugin's name. */
    public final String name;
    /** The socket or spec file. */
    public final Path file;
    /** The address, when the file gives one. */
    public final Optional<PluginAddress> address;
    /** Why the file gives no address ({@code Unknown protocol}), else empty. */
    public final String error;

    Found(String name, Path file, Optional<PluginAddress> address, String error) {
      this.name = name;
      this.file = file;
      this.address = address;
      this.error = error;
    }
  }

  /** The plugin named {@code name} ({@code LocalRegistry.Plugin}), if a file for it exists. */
  public Optional<Found> lookup(String name) {
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      return Optional.empty();
    }
    for (Path dir : sockets) {
      for (Path p : paths(dir, name, ".sock")) {
        if (isSocket(p)) {
          return Optional.of(new Found(name, p, Optional.of(PluginAddress.unix(p)), ""));
        }
      }
    }
    List<Path> specFiles = new ArrayList<>();
    for (Path dir : specs) {
      specFiles.addAll(paths(dir, name, ".spec"));
      specFiles.addAll(paths(dir, name, ".json"));
    }
    for (Path p : specFiles) {
      if (Files.exists(p)) {
        return Optional.of(read(name, p));
      }
    }
    return Optional.empty();
  }

  /** Every plugin name the directories hold ({@code LocalRegistry.Scan}): sockets first, then spec files. */
  public List<String> scan() {
    List<String> names = new ArrayList<>();
    for (Path dir : sockets) {
      for (Path entry : list(dir)) {
        String n = entry.getFileName().toString();
        if (Files.isDirectory(entry)) {
          if (isSocket(entry.resolve(n + ".sock"))) {
            names.add(n);
          }
        } else if (isSocket(entry)) {
          names.add(stripExtension(n));
        }
      }
    }
    for (Path dir : specs) {
      for (Path entry : list(dir)) {
        String n = entry.getFileName().toString();
        Path file = entry;
        if (Files.isDirectory(entry)) {
          file = null;
          for (Path inner : list(entry)) {
            if (stripExtension(inner.getFileName().toString()).equals(n)) {
              file = inner;
              break;
            }
          }
          if (file == null) {
            continue;
          }
        }
        String f = file.getFileName().toString();
        if (f.endsWith(".spec") || f.endsWith(".json")) {
          names.add(stripExtension(f));
        }
      }
    }
    return names;
  }

  private static Found read(String name, Path p) {
    try {
      String content = Files.readString(p, StandardCharsets.UTF_8);
      String addr;
      if (p.toString().endsWith(".json")) {
        JsonNode n = GoValues.MAPPER.readTree(content);
        addr = n == null ? "" : GoValues.field((com.fasterxml.jackson.databind.node.ObjectNode) n, "Addr")
            .map(JsonNode::asText).orElse("");
      } else {
        addr = content.trim();
      }
      return new Found(name, p, Optional.of(PluginAddress.parse(addr)), "");
    } catch (IOException | ClassCastException | IllegalArgumentException e) {
      String why = e instanceof IllegalArgumentException ? e.getMessage() : e.toString();
      return new Found(name, p, Optional.empty(), why);
    }
  }

  private static List<Path> paths(Path base, String name, String ext) {
    return List.of(base.resolve(name + ext), base.resolve(name).resolve(name + ext));
  }

  private static boolean isSocket(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()
          || Files.isSymbolicLink(p) && Files.readAttributes(p, BasicFileAttributes.class).isOther();
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    } catch (IOException e) {
      // an unreadable directory holds no plugins for us, as Docker skips it in user namespaces
    }
    out.sort(null);
    return out;
  }

  private static String stripExtension(String n) {
    int dot = n.lastIndexOf('.');
    return dot <= 0 ? n : n.substring(0, dot);
  }
}
