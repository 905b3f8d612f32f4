package dev.cnm.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The docker CLI's check of an image reference before {@code run} and {@code create} ask the
 * daemon anything: distribution/reference's {@code ParseAnyReference} (docker/cli 28.2.2's
 * vendored copy), with its messages: {@code invalid reference format}, {@code invalid reference
 * format: repository name (library/UPPER) must be lowercase}, {@code repository name must not be
 * more than 255 characters}.
 */
final class ImageReference {
  private ImageReference() {}

  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN_NAME = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*";
  private static final String HOST = "(?:" + DOMAIN_NAME + "|\\[(?:[a-fA-F0-9:]+)\\])";
  private static final String DOMAIN_AND_PORT = HOST + "(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
  private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
  private static final String REMOTE_NAME = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String NAME = "(?:" + DOMAIN_AND_PORT + "/)?" + REMOTE_NAME;
  private static final Pattern REFERENCE = Pattern.compile(
      "^(" + NAME + ")(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
  private static final Pattern ANCHORED_NAME = Pattern.compile("^(?:(" + DOMAIN_AND_PORT + ")/)?(" + REMOTE_NAME + ")$");
  private static final Pattern IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");
  private static final Pattern KNOWN_DIGEST = Pattern.compile("^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$");
  private static final int NAME_TOTAL_LENGTH_MAX = 255;

  /**
   * Checks {@code ref} as the docker CLI does.
   *
   * @throws ClientError with distribution/reference's message when it is not a reference
   */
  static void check(String ref) {
    if (IDENTIFIER.matcher(ref).matches() || KNOWN_DIGEST.matcher(ref).matches()) {
      return; // an image id or a digest
    }
    String[] split = splitDockerDomain(ref);
    String remainder = split[1];
    int tagSep = remainder.indexOf(':');
    String remote = tagSep < 0 ? remainder : remainder.substring(0, tagSep);
    if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
      throw new ClientError("invalid reference format: repository name (" + remote + ") must be lowercase");
    }
    String full = split[0] + "/" + remainder;
    Matcher m = REFERENCE.matcher(full);
    if (!m.matches()) {
      if (REFERENCE.matcher(full.toLowerCase(Locale.ROOT)).matches()) {
        throw new ClientError("repository name must be lowercase");
      }
      throw new ClientError("invalid reference format");
    }
    Matcher name = ANCHORED_NAME.matcher(m.group(1));
    String path = name.matches() && name.group(1) != null ? name.group(2) : m.group(1);
    if (path.length() > NAME_TOTAL_LENGTH_MAX) {
      throw new ClientError("repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters");
    }
    String digest = m.group(3);
    if (digest != null && !KNOWN_DIGEST.matcher(digest).matches()) {
      String algorithm = digest.substring(0, digest.indexOf(':'));
      throw new ClientError(algorithm.equals("sha256") || algorithm.equals("sha384") || algorithm.equals("sha512")
          ? "invalid checksum digest length" : "unsupported digest algorithm");
    }
  }

  /** {@code splitDockerDomain}: the domain and the remote name, {@code library/} before an official image's. */
  private static String[] splitDockerDomain(String name) {
    int slash = name.indexOf('/');
    if (slash < 0) {
      return new String[] {"docker.io", "library/" + name};
    }
    String maybeDomain = name.substring(0, slash);
    String maybeRemote = name.substring(slash + 1);
    String domain;
    String remote;
    if (maybeDomain.equals("localhost")) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else if (maybeDomain.equals("index.docker.io")) {
      domain = "docker.io";
      remote = maybeRemote;
    } else if (maybeDomain.contains(".") || maybeDomain.contains(":")
        || !maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else {
      domain = "docker.io";
      remote = name;
    }
    if (domain.equals("docker.io") && !remote.contains("/")) {
      remote = "library/" + remote;
    }
    return new String[] {domain, remote};
  }
}
