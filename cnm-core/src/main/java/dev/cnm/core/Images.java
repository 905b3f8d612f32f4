package dev.cnm.core;

import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ForbiddenException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.event.EventType;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ImageHistory;
import dev.cnm.api.image.ImageHistoryItem;
import dev.cnm.api.image.ImageInfo;
import dev.cnm.api.image.ImageReference;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.image.PullPolicy;
import dev.cnm.api.image.PullResult;
import dev.cnm.core.internal.EventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The image operations of moby's {@code daemon/images}: pull from the engine's registry (its
 * {@link ImageCatalog}), tag, delete with the daemon's conflicts, list, history, and the lookup
 * a container's creation makes. Called by {@link DefaultEngine} under its lock; an operation
 * that fails leaves the store as it was.
 *
 * <p>The registry serves every catalogue image under any tag of its repository, and any other
 * well-formed name as a small generic image (a shell, {@code PATH}, one layer): pulls of names
 * Docker Hub would not have succeed, so that a model can use any image name, and a container run
 * from one with its own command keeps running, as the application it stands for would. Layer contents are
 * not modelled: a layer's diff id is a SHA-256 derived from the image it first belongs to, its
 * size the catalogue's; the manifest digest is the SHA-256 of a schema-2 manifest of the
 * configuration and those layers, so that digests, like ids, follow from content.
 */
final class Images {
  /** The schema-2 manifest and configuration media types a registry serves. */
  private static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
  private static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  /**
   * The config of a repository outside the catalogue: a shell, as busybox-like images have. It
   * stands for an application the registry cannot describe, so a container that runs it with its
   * own command keeps running as an unknown program does ({@link #isGeneric}), where a real
   * {@code sh} without a terminal would exit at once.
   */
  private static final ImageConfig GENERIC = ImageConfig.builder()
      .addEnv("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
      .addCmd("sh")
      .build();

  private final EngineServices services;
  private final ImageTable table;
  private final ContainerTable containers;
  private final EventSink events;
  /** The image events of the operation under way, published once it can no longer fail ({@link #publishEvents}). */
  private final List<PendingEvent> pending = new ArrayList<>(0);

  Images(EngineServices services, ImageTable table, ContainerTable containers, EventSink events) {
    this.services = services;
    this.table = table;
    this.containers = containers;
    this.events = events;
  }

  /**
   * {@return whether {@code config} is that of an image the registry made up for a name outside
   * its catalogue} An image built on one with changes of its own is not.
   */
  static boolean isGeneric(ImageConfig config) {
    return GENERIC.equals(config);
  }

  // ---- snapshots ------------------------------------------------------------------------------

  Image info(ImageRecord r) {
    return Image.builder()
        .id(r.id)
        .repoTags(table.repoTags(r.id))
        .repoDigests(table.repoDigests(r.id))
        .parent(r.parent.isEmpty() ? Optional.empty() : Optional.of(r.parent))
        .comment(!r.comment.isEmpty() || r.history.isEmpty() ? r.comment : r.history.get(r.history.size() - 1).comment())
        .created(r.created)
        .author(r.author)
        .dockerVersion(r.dockerVersion)
        .config(r.config)
        .architecture(r.architecture)
        .os(r.os)
        .size(table.size(r))
        .layers(r.diffIds)
        .history(r.history)
        .lastTagTime(Optional.ofNullable(r.lastTagTime))
        .build();
  }

  /** Every image, newest first (moby sorts its list by creation time; ties by id here). */
  List<Image> list() {
    List<ImageRecord> all = new ArrayList<>(table.all());
    all.sort(Comparator.comparing((ImageRecord r) -> r.created).reversed().thenComparing(r -> r.id));
    List<Image> out = new ArrayList<>(all.size());
    all.forEach(r -> out.add(info(r)));
    return out;
  }

  Image image(String ref) {
    return info(table.require(ref));
  }

  Optional<Image> find(String ref) {
    return table.find(ref).map(this::info);
  }

  // ---- pull -----------------------------------------------------------------------------------

  /**
   * {@code docker pull}: moby's {@code postImagesCreate} and {@code distribution.Pull}. A name
   * without tag or digest pulls {@code latest} ({@code allTags} false, as the docker CLI sends
   * it), or every tag the registry has of it ({@code allTags}: {@code docker pull -a}, and the
   * API's pull of a bare name).
   */
  PullResult pull(String reference, boolean allTags, Consumer<ProgressMessage> progress) {
    String name = reference.endsWith(":") ? reference.substring(0, reference.length() - 1) : reference;
    ImageReference ref = ImageReference.parse(name);
    if (!allTags) {
      ref = ref.withDefaultTag();
    }
    if (ref.familiarName().equals("scratch")) {
      throw new ForbiddenException("'scratch' is a reserved name");
    }
    List<ProgressMessage> messages = new ArrayList<>();
    Consumer<ProgressMessage> out = m -> {
      messages.add(m);
      progress.accept(m);
    };
    boolean downloaded = false;
    ImageRecord last;
    if (!ref.isTagged() && !ref.isDigested()) {
      last = null;
      for (String tag : tagsOf(ref)) {
        PullOne one = pullTag(ref.withTag(tag), out);
        downloaded |= one.pulledNew;
        last = one.image;
      }
    } else {
      PullOne one = pullTag(ref, out);
      downloaded = one.pulledNew;
      last = one.image;
    }
    out.accept(ProgressMessage.status("", (downloaded ? "Status: Downloaded newer image for "
        : "Status: Image is up to date for ") + ref.familiarString()));
    // distribution.Pull's event, once per pull however many tags, whether or not anything was new
    imageEvent("pull", ref.familiarString(), ref.familiarName());
    return PullResult.builder().reference(ref.toString()).image(info(last)).downloaded(downloaded)
        .messages(messages).build();
  }

  /** The tags the registry has of {@code repository}: the catalogue's, sorted, or {@code latest}. */
  private List<String> tagsOf(ImageReference repository) {
    Set<String> tags = new java.util.TreeSet<>();
    for (ImageInfo i : services.images.images()) {
      ImageReference r = ImageReference.parse(i.reference());
      if (r.repository().equals(repository.repository()) && r.isTagged()) {
        tags.add(r.tag().orElseThrow());
      }
    }
    if (tags.isEmpty()) {
      tags.add(ImageReference.DEFAULT_TAG);
    }
    return List.copyOf(tags);
  }

  private record PullOne(ImageRecord image, boolean pulledNew) {}

  /** One layer as the registry serves it: its diff id, size, and the digest of its compressed blob. */
  private record RemoteLayer(String diffId, long size, String blob) {
    String shortBlob() {
      return blob.substring("sha256:".length(), "sha256:".length() + 12);
    }
  }

  /** What the registry serves for a tag or digest: the image's record, layers and manifest digest. */
  private record Remote(ImageRecord image, List<RemoteLayer> layers, String manifestDigest) {}

  /** {@code pullTag}: the manifest, the layers not present, the image, the tag and digest references. */
  private PullOne pullTag(ImageReference ref, Consumer<ProgressMessage> out) {
    Remote remote = remote(ref);
    if (ref.isDigested() && !remote.manifestDigest.equals(ref.digest().orElseThrow())) {
      throw new NotFoundException("manifest for " + ref.familiarString() + " not found: manifest unknown: "
          + "manifest unknown");
    }
    String tagOrDigest = ref.tag().orElseGet(() -> ref.digest().orElseThrow());
    out.accept(ProgressMessage.status(tagOrDigest, "Pulling from " + ref.path())); // the registry-side name
    ImageRecord image = remote.image;
    if (!table.contains(image.id)) {
      List<String> chains = LayerRecord.chainIds(image.diffIds);
      List<Integer> fresh = new ArrayList<>();
      for (int i = 0; i < remote.layers.size(); i++) {
        RemoteLayer l = remote.layers.get(i);
        if (table.layer(chains.get(i)) != null) {
          out.accept(ProgressMessage.progress(l.shortBlob(), "Already exists"));
        } else {
          out.accept(ProgressMessage.progress(l.shortBlob(), "Pulling fs layer"));
          fresh.add(i);
        }
      }
      for (int i : fresh) {
        RemoteLayer l = remote.layers.get(i);
        long compressed = compressedSize(l.size);
        out.accept(ProgressMessage.progress(l.shortBlob(), "Downloading", compressed, compressed));
        out.accept(ProgressMessage.progress(l.shortBlob(), "Verifying Checksum"));
        out.accept(ProgressMessage.progress(l.shortBlob(), "Download complete"));
      }
      for (int i : fresh) {
        RemoteLayer l = remote.layers.get(i);
        String chain = chains.get(i);
        LayerRecord layer = new LayerRecord(chain, l.diffId, l.size, i == 0 ? "" : chains.get(i - 1));
        table.putLayer(layer);
        out.accept(ProgressMessage.progress(l.shortBlob(), "Extracting", l.size, l.size));
        out.accept(ProgressMessage.progress(l.shortBlob(), "Pull complete"));
      }
      table.add(image);
    }
    out.accept(ProgressMessage.status("", "Digest: " + remote.manifestDigest));
    ImageReference digestRef = ref.repository().withDigest(remote.manifestDigest);
    if (ref.isTagged()) {
      String before = table.referenced(ref);
      table.putReference(digestRef, image.id);
      if (image.id.equals(before)) {
        return new PullOne(image, false);
      }
      table.putReference(ref, image.id);
    } else {
      table.putReference(digestRef, image.id);
    }
    return new PullOne(image, true);
  }

  /** The registry's content for {@code ref}: the catalogue's image of its repository, else the generic one. */
  private Remote remote(ImageReference ref) {
    ImageInfo info = catalogEntry(ref);
    List<RemoteLayer> layers = new ArrayList<>();
    List<ImageHistory> history = new ArrayList<>();
    addLayers(info, layers, history, new LinkedHashSet<>());
    List<String> diffIds = layers.stream().map(RemoteLayer::diffId).toList();
    ImageRecord image = ImageDocument.record(new ImageDocument.Content(info.config(), info.created(), "", history,
        diffIds, "", "", "", "amd64", "linux", null, List.of()));
    return new Remote(image, List.copyOf(layers), manifestDigest(image, layers));
  }

  /** The catalogue entry of {@code ref}'s repository, or the generic image named after it. */
  private ImageInfo catalogEntry(ImageReference ref) {
    Optional<ImageInfo> known = services.images.find(ref.repository().withTag(
        ref.tag().orElse(ImageReference.DEFAULT_TAG)).toString());
    return known.orElseGet(() -> ImageInfo.of(ref.repository().withDefaultTag().toString(), GENERIC));
  }

  /** The layers and history of {@code info}: its base's first, then its own, then its configuration's steps. */
  private void addLayers(ImageInfo info, List<RemoteLayer> layers, List<ImageHistory> history, Set<String> seen) {
    if (!seen.add(info.reference())) {
      return; // a catalogue whose bases form a cycle: each image counts once
    }
    info.base().flatMap(services.images::find).ifPresent(base -> addLayers(base, layers, history, seen));
    ImageReference ref = ImageReference.parse(info.reference());
    long each = info.size() / info.layers();
    for (int i = 0; i < info.layers(); i++) {
      long size = i == 0 ? info.size() - each * (info.layers() - 1) : each;
      String diffId = "sha256:" + LayerRecord.sha256("cnm layer " + info.reference() + " " + i);
      layers.add(new RemoteLayer(diffId, size, "sha256:" + LayerRecord.sha256("gzip " + diffId)));
      history.add(ImageHistory.builder().created(info.created())
          .createdBy("COPY " + ref.familiarName() + " layer " + (i + 1) + "/" + info.layers() + " / # buildkit")
          .comment("buildkit.dockerfile.v0").build());
    }
    for (String step : configSteps(info.config())) {
      history.add(ImageHistory.builder().created(info.created()).createdBy(step).comment("buildkit.dockerfile.v0")
          .emptyLayer(true).build());
    }
  }

  /** The metadata instructions of a configuration, as BuildKit records them in the history. */
  private static List<String> configSteps(ImageConfig c) {
    List<String> steps = new ArrayList<>();
    c.env().forEach(e -> steps.add("ENV " + e));
    if (!c.workingDir().isEmpty()) {
      steps.add("WORKDIR " + c.workingDir());
    }
    c.volumes().forEach(v -> steps.add("VOLUME [" + v + "]"));
    c.exposedPorts().forEach(p -> steps.add("EXPOSE map[" + p + ":{}]"));
    c.stopSignal().ifPresent(s -> steps.add("STOPSIGNAL " + s));
    if (!c.entrypoint().isEmpty()) {
      steps.add("ENTRYPOINT " + goList(c.entrypoint()));
    }
    if (!c.cmd().isEmpty()) {
      steps.add("CMD " + goList(c.cmd()));
    }
    return steps;
  }

  /** Go's {@code %q} of a string slice: {@code ["nginx" "-g" "daemon off;"]}. */
  static String goList(List<String> values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : " ").append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    return out.append(']').toString();
  }

  /** The SHA-256 of the schema-2 manifest of {@code image} and its layers. */
  private static String manifestDigest(ImageRecord image, List<RemoteLayer> layers) {
    StringBuilder m = new StringBuilder();
    m.append("{\"schemaVersion\":2,\"mediaType\":\"").append(MANIFEST_TYPE).append("\",\"config\":{\"mediaType\":\"")
        .append(CONFIG_TYPE).append("\",\"size\":").append(image.document.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .append(",\"digest\":\"").append(image.id).append("\"},\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      RemoteLayer l = layers.get(i);
      m.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(LAYER_TYPE).append("\",\"size\":")
          .append(compressedSize(l.size)).append(",\"digest\":\"").append(l.blob).append("\"}");
    }
    m.append("]}");
    return "sha256:" + LayerRecord.sha256(m.toString());
  }

  /** A layer's compressed size: gzip shrinks file systems to about 40%. */
  private static long compressedSize(long size) {
    return size * 2 / 5;
  }

  // ---- a container's image --------------------------------------------------------------------

  /**
   * The image a new container of {@code ref} uses: looked up as {@code GetImage} does; when
   * absent, pulled first under {@link PullPolicy#MISSING} (when {@code ref} is a name, as the
   * docker CLI pulls only names), else {@code No such image}.
   */
  ImageRecord forCreate(String ref, Undo undo) {
    Optional<ImageRecord> found = table.find(ref);
    if (found.isPresent()) {
      return found.get();
    }
    if (services.pullPolicy == PullPolicy.NEVER || ImageTable.digestReference(ref) != null) {
      throw ImageTable.notFound(ref);
    }
    ImageReference named = ImageTable.lookupKey(ImageReference.parse(ref));
    ImageTable.Snapshot before = table.snapshot();
    int eventsBefore = pending.size();
    undo.push(() -> {
      table.restore(before);
      discardEvents(eventsBefore);
    });
    pull(named.toString(), false, m -> {});
    return table.require(ref);
  }

  // ---- tag ------------------------------------------------------------------------------------

  /** {@code docker tag}: moby's {@code postImagesTag} and {@code TagImage}. */
  Image tag(String source, String target) {
    ImageReference ref = ImageReference.parse(target);
    if (ref.isDigested()) {
      throw new InvalidParameterException("cannot import digest reference");
    }
    ref = ref.withDefaultTag();
    if (ref.familiarName().equals("sha256")) {
      throw new InvalidParameterException("refusing to create an ambiguous tag using digest algorithm as name");
    }
    ImageRecord image = table.require(source);
    tagImage(image, ref);
    return info(image);
  }

  /** moby's {@code TagImage}: the reference moves to the image, which records the time. */
  void tagImage(ImageRecord image, ImageReference ref) {
    table.putReference(ref, image.id);
    image.lastTagTime = services.clock.instant();
    imageEvent("tag", image.id, ref.familiarString());
  }

  // ---- delete ---------------------------------------------------------------------------------

  private static final int CONFLICT_DEPENDENT_CHILD = 1;
  private static final int CONFLICT_RUNNING_CONTAINER = 2;
  private static final int CONFLICT_ACTIVE_REFERENCE = 4;
  private static final int CONFLICT_STOPPED_CONTAINER = 8;
  private static final int CONFLICT_HARD = CONFLICT_DEPENDENT_CHILD | CONFLICT_RUNNING_CONTAINER;
  private static final int CONFLICT_SOFT = CONFLICT_ACTIVE_REFERENCE | CONFLICT_STOPPED_CONTAINER;

  /** {@code docker rmi}: moby's {@code ImageDelete}, step for step. */
  List<ImageDeleteItem> remove(String imageRef, boolean force, boolean prune) {
    if (imageRef.isBlank()) {
      throw new InvalidParameterException("image name cannot be blank");
    }
    List<ImageDeleteItem> records = new ArrayList<>();
    ImageRecord img = table.require(imageRef);
    String imgId = img.id;
    List<ImageReference> repoRefs = table.references(imgId);
    boolean removedRepositoryRef = false;
    if (!isImageIdPrefix(imgId, imageRef)) {
      if (!force && isSingleReference(repoRefs)) {
        Optional<ContainerRecord> using = firstContainer(c -> c.imageId.equals(imgId));
        if (using.isPresent()) {
          throw new ConflictException("conflict: unable to remove repository reference \"" + imageRef
              + "\" (must force) - container " + Ids.shortId(using.get().id) + " is using its referenced image "
              + img.shortId());
        }
      }
      ImageReference parsed = ImageTable.lookupKey(ImageReference.parse(imageRef));
      table.removeReference(parsed);
      imageEvent("untag", imgId, imgId);
      records.add(ImageDeleteItem.untagged(parsed.familiarString()));
      repoRefs = table.references(imgId);
      if (!parsed.isDigested()) {
        boolean foundRepoTagRef = false;
        for (ImageReference r : repoRefs) {
          if (!r.isDigested() && r.name().equals(parsed.name())) {
            foundRepoTagRef = true;
            break;
          }
        }
        if (!foundRepoTagRef) {
          List<ImageReference> remaining = new ArrayList<>();
          for (ImageReference r : repoRefs) {
            if (r.isDigested() && r.name().equals(parsed.name())) {
              table.removeReference(r);
              records.add(ImageDeleteItem.untagged(r.familiarString()));
            } else {
              remaining.add(r);
            }
          }
          repoRefs = remaining;
        }
      }
      if (!repoRefs.isEmpty()) {
        return records;
      }
      removedRepositoryRef = true;
    } else if (isSingleReference(repoRefs)) {
      int c = CONFLICT_HARD;
      if (!force) {
        c |= CONFLICT_SOFT & ~CONFLICT_ACTIVE_REFERENCE;
      }
      Conflict conflict = checkConflict(img, c);
      if (conflict != null) {
        throw conflict.exception();
      }
      for (ImageReference r : repoRefs) {
        table.removeReference(r);
        imageEvent("untag", imgId, imgId);
        records.add(ImageDeleteItem.untagged(r.familiarString()));
      }
    }
    deleteHelper(img, records, force, prune, removedRepositoryRef);
    return records;
  }

  private Optional<ContainerRecord> firstContainer(java.util.function.Predicate<ContainerRecord> p) {
    for (ContainerRecord c : containers.all()) {
      if (p.test(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** A delete conflict: whether it is hard, whether a container uses the image, and its message. */
  private record Conflict(boolean hard, boolean used, String imageShortId, String message) {
    ConflictException exception() {
      return new ConflictException("conflict: unable to delete " + imageShortId + " ("
          + (hard ? "cannot be forced" : "must be forced") + ") - " + message);
    }
  }

  private Conflict checkConflict(ImageRecord img, int mask) {
    if ((mask & CONFLICT_DEPENDENT_CHILD) != 0 && !table.children(img.id).isEmpty()) {
      return new Conflict(true, false, img.shortId(), "image has dependent child images");
    }
    if ((mask & CONFLICT_RUNNING_CONTAINER) != 0) {
      Optional<ContainerRecord> running = firstContainer(c -> c.imageId.equals(img.id) && c.isRunning());
      if (running.isPresent()) {
        return new Conflict(true, true, img.shortId(), "image is being used by running container "
            + Ids.shortId(running.get().id));
      }
    }
    if ((mask & CONFLICT_ACTIVE_REFERENCE) != 0 && !table.references(img.id).isEmpty()) {
      return new Conflict(false, false, img.shortId(), "image is referenced in multiple repositories");
    }
    if ((mask & CONFLICT_STOPPED_CONTAINER) != 0) {
      Optional<ContainerRecord> stopped = firstContainer(c -> c.imageId.equals(img.id) && !c.isRunning());
      if (stopped.isPresent()) {
        return new Conflict(false, true, img.shortId(), "image is being used by stopped container "
            + Ids.shortId(stopped.get().id));
      }
    }
    return null;
  }

  /** {@code imageDeleteHelper}: deletes the image and its layers no other image holds, then prunes its parents. */
  private void deleteHelper(ImageRecord img, List<ImageDeleteItem> records, boolean force, boolean prune,
      boolean quiet) {
    int c = CONFLICT_HARD;
    if (!force) {
      c |= CONFLICT_SOFT;
    }
    Conflict conflict = checkConflict(img, c);
    if (conflict != null) {
      if (quiet && (!table.isDangling(img.id) || conflict.used())) {
        return;
      }
      throw conflict.exception();
    }
    String parent = img.parent;
    for (ImageReference r : table.references(img.id)) {
      table.removeReference(r);
      imageEvent("untag", img.id, img.id);
      records.add(ImageDeleteItem.untagged(r.familiarString()));
    }
    table.remove(img.id);
    imageEvent("delete", img.id, img.id);
    records.add(ImageDeleteItem.deleted(img.id));
    for (String chain : releaseLayers(img)) {
      records.add(ImageDeleteItem.deleted(chain));
    }
    if (!prune || parent.isEmpty()) {
      return;
    }
    ImageRecord p = table.byExactId(parent);
    if (p != null) {
      deleteHelper(p, records, false, true, true);
    }
  }

  /** The layers of {@code img} no remaining image uses, removed top first, as the layer store releases them. */
  private List<String> releaseLayers(ImageRecord img) {
    Set<String> used = new java.util.HashSet<>();
    for (ImageRecord r : table.all()) {
      used.addAll(r.chainIds());
    }
    List<String> chains = img.chainIds();
    List<String> removed = new ArrayList<>();
    for (int i = chains.size() - 1; i >= 0; i--) {
      String chain = chains.get(i);
      if (used.contains(chain) || table.layer(chain) == null) {
        break;
      }
      table.removeLayer(chain);
      removed.add(chain);
    }
    return removed;
  }

  /** Whether {@code possiblePrefix} is a prefix of the id, with or without {@code sha256:}. */
  private static boolean isImageIdPrefix(String imageId, String possiblePrefix) {
    if (imageId.startsWith(possiblePrefix)) {
      return true;
    }
    int i = imageId.indexOf(':');
    return i >= 0 && imageId.substring(i + 1).startsWith(possiblePrefix);
  }

  /** Whether the references are one tag (with digests of its repository) or one digest alone. */
  private static boolean isSingleReference(List<ImageReference> repoRefs) {
    if (repoRefs.size() <= 1) {
      return repoRefs.size() == 1;
    }
    ImageReference single = null;
    Set<String> canonical = new java.util.HashSet<>();
    for (ImageReference r : repoRefs) {
      if (r.isDigested()) {
        canonical.add(r.name());
      } else if (single == null) {
        single = r;
      } else {
        return false;
      }
    }
    if (single == null) {
      single = repoRefs.get(0);
    }
    return canonical.size() == 1 && canonical.contains(single.name());
  }

  // ---- history --------------------------------------------------------------------------------

  /** {@code docker history}: moby's {@code ImageHistory}, newest step first. */
  List<ImageHistoryItem> history(String ref) {
    ImageRecord img = table.require(ref);
    List<String> chains = img.chainIds();
    List<ImageHistoryItem.Builder> steps = new ArrayList<>();
    int layer = 0;
    for (ImageHistory h : img.history) {
      long size = 0;
      if (!h.emptyLayer()) {
        if (layer >= chains.size()) {
          throw new dev.cnm.api.error.SystemException("too many non-empty layers in History section");
        }
        LayerRecord l = table.layer(chains.get(layer));
        size = l == null ? 0 : l.size();
        layer++;
      }
      steps.add(0, ImageHistoryItem.builder().id(ImageHistoryItem.MISSING).created(h.created())
          .createdBy(h.createdBy()).comment(h.comment()).size(size));
    }
    ImageRecord current = img;
    for (ImageHistoryItem.Builder step : steps) {
      step.id(current.id).tags(table.repoTags(current.id));
      if (current.parent.isEmpty()) {
        break;
      }
      current = table.byExactId(current.parent);
      if (current == null) {
        break;
      }
    }
    List<ImageHistoryItem> out = new ArrayList<>();
    steps.forEach(s -> out.add(s.build()));
    return out;
  }

  // ---- events ---------------------------------------------------------------------------------

  /** An image event recorded by an operation that may still fail. */
  private record PendingEvent(String action, String actorId, Map<String, String> attributes) {}

  /**
   * Records an image event as moby's {@code LogImageEvent(imageID, refName, action)} does: the
   * actor is {@code actorId}; its attributes are the labels of the image {@code actorId} names, if
   * the store still holds it (a deleted image has none), then {@code name}. moby's calls: {@code
   * pull} (actor the reference pulled, {@code name} its repository; after every successful pull,
   * up to date or not), {@code tag} (the image id, the new tag), {@code untag} and {@code delete}
   * (the image id twice), {@code create} (a build step's committed image, its id twice). The event
   * waits for {@link #publishEvents}: an operation that fails takes its events back with the rest
   * ({@link #discardEvents}), as the image store is put back.
   */
  void imageEvent(String action, String actorId, String name) {
    Map<String, String> attributes = new LinkedHashMap<>();
    imageNamed(actorId).ifPresent(img -> attributes.putAll(img.config.labels()));
    attributes.put("name", name);
    pending.add(new PendingEvent(action, actorId, Map.copyOf(attributes)));
  }

  private Optional<ImageRecord> imageNamed(String refOrId) {
    ImageRecord exact = table.byExactId(refOrId);
    if (exact != null) {
      return Optional.of(exact);
    }
    try {
      return table.find(refOrId);
    } catch (CnmException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Hands the operation's image events to the engine's event log: it can no longer fail. */
  void publishEvents() {
    for (PendingEvent e : pending) {
      events.emit(EventType.IMAGE, e.action(), e.actorId(), e.attributes());
    }
    pending.clear();
  }

  /** Forgets the image events recorded since there were {@code keep}: their operation failed. */
  void discardEvents(int keep) {
    pending.subList(Math.min(keep, pending.size()), pending.size()).clear();
  }

  /** {@return how many image events wait for their operation to end} */
  int pendingEvents() {
    return pending.size();
  }

  Instant now() {
    return services.clock.instant();
  }

  ImageTable table() {
    return table;
  }
}
