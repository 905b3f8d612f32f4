package dev.cnm.core.filter;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageReference;
import dev.cnm.api.image.ImageService;
import dev.cnm.core.internal.GlobMatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * moby's {@code daemon/images/image_list.go}: which images {@code docker images} shows, with
 * which of their references. Without {@code -a}, untagged images other images are built on
 * (intermediate build steps) are hidden; {@code dangling=true} keeps the untagged images no
 * image is built on; a {@code reference} filter keeps the references matching one of its glob
 * patterns (as {@code docker images nginx} does) and drops the images left without any.
 */
final class ImageMatcher {
  static final Set<String> ACCEPTED = Set.of("dangling", "label", "before", "since", "reference", "until");

  private ImageMatcher() {}

  static List<Image> list(ImageService images, ImageListOptions options, Clock clock) {
    FilterArgs f = options.filters();
    f.validate(ACCEPTED);
    if (f.contains("dangling") && f.get("dangling").size() > 1) {
      throw new InvalidParameterException("invalid filter 'dangling=[" + String.join(" ", f.get("dangling")) + "]'");
    }
    boolean danglingOnly = f.bool("dangling", false);
    Instant before = null;
    for (String value : f.get("before")) {
      Instant created = images.image(value).created();
      if (before == null || before.isAfter(created)) {
        before = created;
      }
    }
    for (String value : f.get("until")) {
      Instant t = Timestamps.parse(value, clock);
      if (before == null || before.isAfter(t)) {
        before = t;
      }
    }
    Instant since = null;
    for (String value : f.get("since")) {
      Instant created = images.image(value).created();
      if (since == null || since.isBefore(created)) {
        since = created;
      }
    }
    List<String> patterns = f.get("reference");
    for (String p : patterns) {
      if (GlobMatch.isBadPattern(p)) {
        throw new SystemException("syntax error in pattern"); // path.ErrBadPattern, untyped in moby
      }
    }
    List<Image> all = images.images();
    Set<String> parents = new HashSet<>();
    all.forEach(i -> i.parent().ifPresent(parents::add));
    List<Image> out = new ArrayList<>();
    for (Image img : all) {
      boolean hasChildren = parents.contains(img.id());
      if (danglingOnly && hasChildren) {
        continue; // moby starts from the heads: images nothing is built on
      }
      if (before != null && !img.created().isBefore(before)) {
        continue;
      }
      if (since != null && !img.created().isAfter(since)) {
        continue;
      }
      if (f.contains("label") && !f.matchKeyValues("label", img.config().labels())) {
        continue;
      }
      List<String> tags = new ArrayList<>();
      List<String> digests = new ArrayList<>();
      for (String t : img.repoTags()) {
        if (matches(patterns, t)) {
          tags.add(t);
        }
      }
      for (String d : img.repoDigests()) {
        if (matches(patterns, d)) {
          digests.add(d);
        }
      }
      if (tags.isEmpty() && digests.isEmpty()) {
        if (options.all() || !hasChildren) {
          if (f.contains("dangling") && !danglingOnly) {
            continue;
          }
          if (f.contains("reference")) {
            continue;
          }
        } else {
          continue;
        }
      } else if (danglingOnly && !tags.isEmpty()) {
        continue;
      }
      out.add(Image.builder().from(img).repoTags(tags).repoDigests(digests).build());
    }
    return out;
  }

  /** {@code FamiliarMatch}: the pattern against the familiar reference, else against its name alone. */
  private static boolean matches(List<String> patterns, String familiar) {
    if (patterns.isEmpty()) {
      return true;
    }
    String name = ImageReference.tryParse(familiar).map(ImageReference::familiarName).orElse(familiar);
    for (String p : patterns) {
      if (GlobMatch.matches(p, familiar) || GlobMatch.matches(p, name)) {
        return true;
      }
    }
    return false;
  }
}
