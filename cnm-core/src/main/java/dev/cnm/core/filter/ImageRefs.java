package dev.cnm.core.filter;

import dev.cnm.core.json.DockerJson;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The image an {@code ancestor} filter names, found as moby's image service finds it ({@code
 * GetImage}): a full id or digest must be known as it is; a name is normalized ({@code nginx} is
 * {@code docker.io/library/nginx:latest}) and looked up; a name not found is tried as a unique
 * prefix of an image id ({@code 3f57d9401f8d}, {@code sha256:3f57}).
 */
final class ImageRefs {
  /** distribution/reference's grammar: an optional registry, lowercase path components, a tag, a digest. */
  private static final Pattern REFERENCE;

  static {
    String alnum = "[a-z0-9]+";
    String separator = "(?:[._]|__|[-]+)";
    String component = alnum + "(?:" + separator + alnum + ")*";
    String domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    String host = "(?:" + domainComponent + "(?:\\." + domainComponent + ")*|\\[[a-fA-F0-9:]+\\])";
    String domain = host + "(?::[0-9]+)?";
    String name = "(?:" + domain + "/)?" + component + "(?:/" + component + ")*";
    String tag = "[\\w][\\w.-]{0,127}";
    String digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    REFERENCE = Pattern.compile("(" + name + ")(?::" + tag + ")?(?:@" + digest + ")?");
  }

  private static final Pattern FULL_ID = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  private ImageRefs() {}

  /**
   * The id of the image among {@code images} (ids, {@code sha256:...}) that {@code ref} names,
   * or empty: Docker then matches no container, and only warns.
   */
  static Optional<String> resolve(String ref, Collection<String> images) {
    if (FULL_ID.matcher(ref).matches() || DIGEST.matcher(ref).matches()) {
      String id = ref.startsWith("sha256:") ? ref : "sha256:" + ref;
      return images.contains(id) ? Optional.of(id) : Optional.empty();
    }
    if (!isNamed(ref)) {
      return Optional.empty();
    }
    String byName = DockerJson.imageId(ref);
    if (images.contains(byName)) {
      return Optional.of(byName);
    }
    String prefix = ref.startsWith("sha256:") ? ref.substring("sha256:".length()) : ref;
    String found = null;
    for (String id : images) {
      if (id.startsWith("sha256:" + prefix)) {
        if (found != null && !found.equals(id)) {
          return Optional.empty(); // ambiguous
        }
        found = id;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * Whether {@code ref} parses as a normalized name (reference.ParseNormalizedNamed): its
   * repository path is lowercase; only a registry part may have capitals.
   */
  private static boolean isNamed(String ref) {
    java.util.regex.Matcher m = REFERENCE.matcher(ref);
    return m.matches() && m.group(1).length() <= 255;
  }
}
