package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The engine's image store: the images by id (moby's {@code image.Store}), the references
 * naming them (its {@code refstore}: {@code docker.io/library/nginx:latest} and {@code
 * docker.io/library/nginx@sha256:...} to an id), and the layers they share (its layer store, by
 * chain id). Lookups follow the daemon's {@code GetImage}. Guarded by the engine's lock.
 */
final class ImageTable {
  private static final Pattern FULL_HEX = Pattern.compile("[a-f0-9]{64}");

  @GuardedBy("lock")
  private final Map<String, ImageRecord> byId = new LinkedHashMap<>();
  /** Full reference ({@code docker.io/library/nginx:latest}) to image id, sorted as moby sorts them. */
  @GuardedBy("lock")
  private final TreeMap<String, String> refs = new TreeMap<>();
  /** Layers by chain id. */
  @GuardedBy("lock")
  private final Map<String, LayerRecord> layers = new LinkedHashMap<>();
  /** Counts the changes to images and references, so that a lookup may be remembered until the next. */
  @GuardedBy("lock")
  private long version;

  /** {@return a number that changes whenever an image or a reference does} */
  long version() {
    return version;
  }

  // ---- snapshots, for an operation that fails half-way --------------------------------------

  /** The whole store at one moment: images, references, layers and tag times. */
  record Snapshot(Map<String, ImageRecord> byId, Map<String, String> refs, Map<String, LayerRecord> layers,
      Map<String, java.time.Instant> tagTimes) {}

  /** A copy of the store, for {@link #restore} when an operation fails. */
  Snapshot snapshot() {
    Map<String, java.time.Instant> tagTimes = new java.util.HashMap<>();
    byId.values().forEach(r -> tagTimes.put(r.id, r.lastTagTime));
    return new Snapshot(new LinkedHashMap<>(byId), new TreeMap<>(refs), new LinkedHashMap<>(layers), tagTimes);
  }

  /** Puts the store back as {@code s} had it. */
  void restore(Snapshot s) {
    version++;
    byId.clear();
    byId.putAll(s.byId());
    refs.clear();
    refs.putAll(s.refs());
    layers.clear();
    layers.putAll(s.layers());
    byId.values().forEach(r -> r.lastTagTime = s.tagTimes().get(r.id));
  }

  // ---- images ---------------------------------------------------------------------------------

  Collection<ImageRecord> all() {
    return byId.values();
  }

  ImageRecord byExactId(String id) {
    return byId.get(id);
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** Adds an image whose layers are all in the store. */
  void add(ImageRecord image) {
    version++;
    byId.put(image.id, image);
  }

  /** Removes an image (not its references or layers). */
  void remove(String id) {
    version++;
    byId.remove(id);
  }

  /** The images built on {@code id} (moby's {@code Children}). */
  List<ImageRecord> children(String id) {
    List<ImageRecord> out = new ArrayList<>();
    for (ImageRecord r : byId.values()) {
      if (r.parent.equals(id)) {
        out.add(r);
      }
    }
    return out;
  }

  // ---- references -----------------------------------------------------------------------------

  /** The references naming {@code id}, sorted by their full form. */
  List<ImageReference> references(String id) {
    List<ImageReference> out = new ArrayList<>();
    for (Map.Entry<String, String> e : refs.entrySet()) {
      if (e.getValue().equals(id)) {
        out.add(ImageReference.parse(e.getKey()));
      }
    }
    return out;
  }

  /** The image {@code ref} (tagged or digested) names, or null. */
  String referenced(ImageReference ref) {
    return refs.get(ref.toString());
  }

  /** Makes {@code ref} name {@code id}; returns the id it named before, or null. */
  String putReference(ImageReference ref, String id) {
    version++;
    return refs.put(ref.toString(), id);
  }

  /** Removes {@code ref}; returns the id it named, or null. */
  String removeReference(ImageReference ref) {
    version++;
    return refs.remove(ref.toString());
  }

  /** Every reference, full form to id, sorted. */
  Map<String, String> allReferences() {
    return refs;
  }

  // ---- layers ---------------------------------------------------------------------------------

  LayerRecord layer(String chainId) {
    return layers.get(chainId);
  }

  void putLayer(LayerRecord layer) {
    layers.put(layer.chainId(), layer);
  }

  void removeLayer(String chainId) {
    layers.remove(chainId);
  }

  Collection<LayerRecord> allLayers() {
    return layers.values();
  }

  /** The size of an image: the sizes of all its layers ({@code Size()} of its top layer). */
  long size(ImageRecord image) {
    long total = 0;
    for (String chain : image.chainIds()) {
      LayerRecord l = layers.get(chain);
      total += l == null ? 0 : l.size();
    }
    return total;
  }

  // ---- lookup ---------------------------------------------------------------------------------

  /**
   * moby's {@code GetImage}: a full id exactly; a name through the references; else a unique
   * id prefix ({@code imageStore.Search}).
   *
   * @throws NotFoundException {@code No such image: nginx:latest}
   * @throws dev.cnm.api.error.InvalidParameterException for a reference that does not parse
   */
  ImageRecord require(String refOrId) {
    return find(refOrId).orElseThrow(() -> notFound(refOrId));
  }

  /** {@link #require}, empty when not found; a reference that does not parse still throws. */
  Optional<ImageRecord> find(String refOrId) {
    String digest = digestReference(refOrId);
    if (digest != null) {
      return Optional.ofNullable(byId.get(digest));
    }
    ImageReference named = ImageReference.parse(refOrId);
    String id = refs.get(lookupKey(named).toString());
    if (id != null && byId.containsKey(id)) {
      return Optional.of(byId.get(id));
    }
    return search(refOrId);
  }

  /** The form a name is stored under: its digest (without tag) when it has one, else with the default tag. */
  static ImageReference lookupKey(ImageReference named) {
    if (named.isDigested()) {
      return named.repository().withDigest(named.digest().orElseThrow());
    }
    return named.withDefaultTag();
  }

  /**
   * {@code ParseAnyReference}'s digest forms: 64 hex digits ({@code sha256:} added) or a valid
   * digest ({@code sha256:<64 hex>}); null for anything else.
   */
  static String digestReference(String refOrId) {
    if (FULL_HEX.matcher(refOrId).matches()) {
      return "sha256:" + refOrId;
    }
    if (refOrId.indexOf(':') > 0 && isValidDigest(refOrId)) {
      return refOrId;
    }
    return null;
  }

  private static boolean isValidDigest(String s) {
    try {
      ImageReference.validateDigest(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * The digest set's {@code Lookup} over the image ids: {@code term}, or the hex after {@code
   * algorithm:}, as a prefix of exactly one id; an ambiguous prefix finds nothing, as {@code
   * GetImage} treats it.
   */
  private Optional<ImageRecord> search(String term) {
    String algorithm = "";
    String hex = term;
    int colon = term.indexOf(':');
    if (colon > 0 && colon + 1 < term.length() && term.substring(0, colon).matches("[a-z0-9]+(?:[.+_-][a-z0-9]+)*")
        && term.substring(colon + 1).matches("[a-zA-Z0-9=_-]+")) {
      algorithm = term.substring(0, colon);
      hex = term.substring(colon + 1);
    }
    if (!algorithm.isEmpty() && !algorithm.equals("sha256")) {
      return Optional.empty();
    }
    ImageRecord found = null;
    for (ImageRecord r : byId.values()) {
      if (r.hex().startsWith(hex)) {
        if (found != null) {
          return Optional.empty();
        }
        found = r;
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * moby's {@code ErrImageDoesNotExist}: {@code No such image: } and the reference as the user
   * knows it, with the default tag ({@code nginx:latest}, {@code 8d59:latest}) or as a digest.
   */
  static NotFoundException notFound(String refOrId) {
    String digest = digestReference(refOrId);
    if (digest != null) {
      return new NotFoundException("No such image: " + digest);
    }
    return new NotFoundException("No such image: " + ImageReference.parse(refOrId).withDefaultTag().familiarString());
  }

  /** The tags of {@code id}, familiar and sorted. */
  List<String> repoTags(String id) {
    List<String> out = new ArrayList<>();
    for (ImageReference r : references(id)) {
      if (r.isTagged()) {
        out.add(r.familiarString());
      }
    }
    return out;
  }

  /** The digests of {@code id}, familiar and sorted. */
  List<String> repoDigests(String id) {
    List<String> out = new ArrayList<>();
    for (ImageReference r : references(id)) {
      if (r.isDigested() && !r.isTagged()) {
        out.add(r.familiarString());
      }
    }
    return out;
  }

  /** Whether nothing names {@code id} and nothing is built on it ({@code imageIsDangling}). */
  boolean isDangling(String id) {
    return references(id).isEmpty() && children(id).isEmpty();
  }

  /** The ids of every image, for a quick membership test. */
  TreeSet<String> ids() {
    return new TreeSet<>(byId.keySet());
  }
}
