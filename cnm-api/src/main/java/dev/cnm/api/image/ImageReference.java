package dev.cnm.api.image;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.InvalidParameterException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named image reference as Docker parses it (distribution/reference's {@code
 * ParseNormalizedNamed}): a registry domain, a repository path, an optional tag and an optional
 * digest. Familiar names are normalised the way Docker does: {@code nginx} is {@code
 * docker.io/library/nginx}, {@code index.docker.io/x/y} is {@code docker.io/x/y}; {@link
 * #familiarString()} turns them back ({@code nginx:latest}).
 *
 * <pre>{@code
 * ImageReference r = ImageReference.parse("redis:7");
 * r.toString();           // "docker.io/library/redis:7"
 * r.familiarString();     // "redis:7"
 * r.familiarName();       // "redis"
 * ImageReference.parse("nginx").withDefaultTag().familiarString(); // "nginx:latest"
 * ImageReference.parse("Nginx"); // InvalidParameterException: invalid reference format:
 *                                 // repository name (library/Nginx) must be lowercase
 * }</pre>
 */
public final class ImageReference {
  /** The tag a reference without tag and digest gets ({@link #withDefaultTag()}). */
  public static final String DEFAULT_TAG = "latest";

  private static final String DEFAULT_DOMAIN = "docker.io";
  private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
  private static final String OFFICIAL_REPO_PREFIX = "library/";
  private static final int NAME_TOTAL_LENGTH_MAX = 255;

  private static final Pattern ANCHORED_IDENTIFIER = Pattern.compile("^[a-f0-9]{64}$");
  private static final Pattern ANCHORED_TAG = Pattern.compile("^[\\w][\\w.-]{0,127}$");
  private static final Pattern REFERENCE;
  private static final Pattern ANCHORED_NAME;

  static {
    String alphanumeric = "[a-z0-9]+";
    String separator = "(?:[._]|__|[-]+)";
    String domainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    String domainName = domainNameComponent + "(?:\\." + domainNameComponent + ")*";
    String host = "(?:" + domainName + "|\\[(?:[a-fA-F0-9:]+)\\])";
    String domainAndPort = host + "(?::[0-9]+)?";
    String pathComponent = alphanumeric + "(?:" + separator + alphanumeric + ")*";
    String remoteName = pathComponent + "(?:/" + pathComponent + ")*";
    String name = "(?:" + domainAndPort + "/)?" + remoteName;
    String tag = "[\\w][\\w.-]{0,127}";
    String digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    REFERENCE = Pattern.compile("^(" + name + ")(?::(" + tag + "))?(?:@(" + digest + "))?$");
    ANCHORED_NAME = Pattern.compile("^(?:(" + domainAndPort + ")/)?(" + remoteName + ")$");
  }

  private final String domain;
  private final String path;
  private final String tag;
  private final String digest;

  private ImageReference(String domain, String path, String tag, String digest) {
    this.domain = domain;
    this.path = path;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a reference as a user writes it ({@code nginx}, {@code redis:7}, {@code
   * localhost:5000/team/app:v2}, {@code alpine@sha256:...}), normalised to its full name.
   *
   * @param reference the reference
   * @return the normalised reference, with its tag and digest as given
   * @throws InvalidParameterException with distribution/reference's message: {@code invalid
   *     reference format}, {@code invalid reference format: repository name (library/Nginx) must
   *     be lowercase}, {@code invalid repository name (...), cannot specify 64-byte hexadecimal
   *     strings}, {@code repository name must have at least one component}, {@code repository
   *     name must not be more than 255 characters}, or a digest's {@code invalid checksum digest
   *     length} / {@code invalid checksum digest format} / {@code unsupported digest algorithm}
   */
  public static ImageReference parse(String reference) {
    requireNonNull(reference, "reference");
    if (ANCHORED_IDENTIFIER.matcher(reference).matches()) {
      throw new InvalidParameterException("invalid repository name (" + reference
          + "), cannot specify 64-byte hexadecimal strings");
    }
    String[] split = splitDockerDomain(reference);
    String remainder = split[1];
    int tagSep = remainder.indexOf(':');
    String remote = tagSep > -1 ? remainder.substring(0, tagSep) : remainder;
    if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
      throw new InvalidParameterException("invalid reference format: repository name (" + remote
          + ") must be lowercase");
    }
    return parseCanonical(split[0] + "/" + remainder);
  }

  /**
   * {@return the reference {@code reference} names, or empty when it does not parse}
   *
   * @param reference the reference as a user writes it
   */
  public static Optional<ImageReference> tryParse(String reference) {
    try {
      return Optional.of(parse(reference));
    } catch (InvalidParameterException e) {
      return Optional.empty();
    }
  }

  /** distribution/reference's {@code Parse} of a full name. */
  private static ImageReference parseCanonical(String s) {
    Matcher m = REFERENCE.matcher(s);
    if (!m.matches()) {
      if (s.isEmpty()) {
        throw new InvalidParameterException("repository name must have at least one component");
      }
      if (REFERENCE.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
        throw new InvalidParameterException("repository name must be lowercase");
      }
      throw new InvalidParameterException("invalid reference format");
    }
    Matcher name = ANCHORED_NAME.matcher(m.group(1));
    String domain = "";
    String path = m.group(1);
    if (name.matches()) {
      domain = name.group(1) == null ? "" : name.group(1);
      path = name.group(2);
    }
    if (path.length() > NAME_TOTAL_LENGTH_MAX) {
      throw new InvalidParameterException("repository name must not be more than " + NAME_TOTAL_LENGTH_MAX
          + " characters");
    }
    String digest = m.group(3) == null ? "" : m.group(3);
    if (!digest.isEmpty()) {
      validateDigest(digest);
    }
    return new ImageReference(domain, path, m.group(2) == null ? "" : m.group(2), digest);
  }

  /**
   * go-digest's {@code Digest.Validate}: an available algorithm and an encoded part of its length,
   * in lowercase hex.
   *
   * @param digest a digest such as {@code sha256:<64 hex>}
   * @throws InvalidParameterException {@code invalid checksum digest format}, {@code invalid
   *     checksum digest length} or {@code unsupported digest algorithm}
   */
  public static void validateDigest(String digest) {
    requireNonNull(digest, "digest");
    int i = digest.indexOf(':');
    if (i <= 0 || i + 1 == digest.length()) {
      throw new InvalidParameterException("invalid checksum digest format");
    }
    String algorithm = digest.substring(0, i);
    String encoded = digest.substring(i + 1);
    int size;
    switch (algorithm) {
      case "sha256":
        size = 64;
        break;
      case "sha384":
        size = 96;
        break;
      case "sha512":
        size = 128;
        break;
      default:
        if (!digest.matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")) {
          throw new InvalidParameterException("invalid checksum digest format");
        }
        throw new InvalidParameterException("unsupported digest algorithm");
    }
    if (encoded.length() != size) {
      throw new InvalidParameterException("invalid checksum digest length");
    }
    if (!encoded.matches("[a-f0-9]+")) {
      throw new InvalidParameterException("invalid checksum digest format");
    }
  }

  /** {@code splitDockerDomain}: the domain (docker.io by default) and the rest, with library/ for familiar names. */
  private static String[] splitDockerDomain(String name) {
    int slash = name.indexOf('/');
    String domain;
    String remote;
    if (slash < 0) {
      return new String[] {DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name};
    }
    String maybeDomain = name.substring(0, slash);
    String maybeRemote = name.substring(slash + 1);
    if (maybeDomain.equals("localhost")) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else if (maybeDomain.equals(LEGACY_DEFAULT_DOMAIN)) {
      domain = DEFAULT_DOMAIN;
      remote = maybeRemote;
    } else if (maybeDomain.indexOf('.') >= 0 || maybeDomain.indexOf(':') >= 0) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else if (!maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
      domain = maybeDomain;
      remote = maybeRemote;
    } else {
      domain = DEFAULT_DOMAIN;
      remote = name;
    }
    if (domain.equals(DEFAULT_DOMAIN) && remote.indexOf('/') < 0) {
      remote = OFFICIAL_REPO_PREFIX + remote;
    }
    return new String[] {domain, remote};
  }

  /** {@return the registry domain, such as {@code docker.io} or {@code localhost:5000}} */
  public String domain() {
    return domain;
  }

  /** {@return the repository path in the registry, such as {@code library/nginx}} */
  public String path() {
    return path;
  }

  /** {@return the full repository name, such as {@code docker.io/library/nginx}} */
  public String name() {
    return domain.isEmpty() ? path : domain + "/" + path;
  }

  /** {@return the tag, if one was given} */
  public Optional<String> tag() {
    return tag.isEmpty() ? Optional.empty() : Optional.of(tag);
  }

  /** {@return the digest ({@code sha256:...}), if one was given} */
  public Optional<String> digest() {
    return digest.isEmpty() ? Optional.empty() : Optional.of(digest);
  }

  /** {@return whether the reference has a tag} */
  public boolean isTagged() {
    return !tag.isEmpty();
  }

  /** {@return whether the reference has a digest} */
  public boolean isDigested() {
    return !digest.isEmpty();
  }

  /**
   * {@return the name as Docker shows it: {@code nginx} for {@code docker.io/library/nginx},
   * {@code jpetazzo/clock} for {@code docker.io/jpetazzo/clock}; other registries keep theirs}
   */
  public String familiarName() {
    if (!domain.equals(DEFAULT_DOMAIN)) {
      return name();
    }
    if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
      String rest = path.substring(OFFICIAL_REPO_PREFIX.length());
      if (rest.indexOf('/') < 0) {
        return rest;
      }
    }
    return path;
  }

  /** {@return the familiar name with the tag and digest, such as {@code nginx:latest}} */
  public String familiarString() {
    return familiarName() + suffix();
  }

  /** {@return this reference with {@link #DEFAULT_TAG} when it has neither tag nor digest ({@code TagNameOnly})} */
  public ImageReference withDefaultTag() {
    return tag.isEmpty() && digest.isEmpty() ? new ImageReference(domain, path, DEFAULT_TAG, "") : this;
  }

  /**
   * {@return this repository with {@code tag} and no digest}
   *
   * @param tag the tag
   * @throws InvalidParameterException {@code invalid tag format}
   */
  public ImageReference withTag(String tag) {
    requireNonNull(tag, "tag");
    if (!ANCHORED_TAG.matcher(tag).matches()) {
      throw new InvalidParameterException("invalid tag format");
    }
    return new ImageReference(domain, path, tag, "");
  }

  /**
   * {@return this repository with {@code digest} and no tag}
   *
   * @param digest the digest, such as {@code sha256:<64 hex>}
   * @throws InvalidParameterException when the digest is invalid
   */
  public ImageReference withDigest(String digest) {
    validateDigest(digest);
    return new ImageReference(domain, path, "", digest);
  }

  /** {@return the repository alone, without tag or digest ({@code TrimNamed})} */
  public ImageReference repository() {
    return tag.isEmpty() && digest.isEmpty() ? this : new ImageReference(domain, path, "", "");
  }

  private String suffix() {
    return (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageReference)) {
      return false;
    }
    ImageReference r = (ImageReference) o;
    return domain.equals(r.domain) && path.equals(r.path) && tag.equals(r.tag) && digest.equals(r.digest);
  }

  @Override
  public int hashCode() {
    return ((domain.hashCode() * 31 + path.hashCode()) * 31 + tag.hashCode()) * 31 + digest.hashCode();
  }

  /** {@return the full reference, such as {@code docker.io/library/nginx:latest}} */
  @Override
  public String toString() {
    return name() + suffix();
  }
}
