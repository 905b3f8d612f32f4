package dev.cnm.api.image;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The images of one engine (moby's {@code daemon/images.ImageService}): pull from the engine's
 * registry ({@link ImageCatalog}), list, inspect, tag, remove, build and read the history of
 * images, with Docker's lookup rules and messages. Reached through {@link
 * dev.cnm.api.Engine#images()}; every operation is atomic and thread-safe like the engine's.
 *
 * <p>References ({@code ref}) are resolved as the daemon's {@code GetImage} does: a full id
 * ({@code sha256:<64 hex>} or the 64 hex digits) exactly; a name ({@code nginx}, {@code
 * nginx:1.27}, {@code nginx@sha256:...}) through the tags and digests; else a unique prefix of an
 * id ({@code 8d59}, {@code sha256:8d59}). What is not found is {@code No such image:
 * nginx:latest} (404); a reference that does not parse is {@code invalid reference format} (400).
 *
 * <pre>{@code
 * ImageService images = engine.images();
 * images.pull("alpine");
 * images.tag("alpine", "base:1");
 * images.image("base:1").id();        // the same id as alpine's
 * images.remove("base:1", false, true); // [Untagged: base:1]
 * }</pre>
 */
public interface ImageService {
  /**
   * Pulls an image from the registry ({@code docker pull}; {@code POST /images/create}). A name
   * without tag pulls {@code latest}. A name outside the catalogue is pulled too, as a small
   * generic image.
   *
   * @param reference the reference: {@code name[:tag]} or {@code name@digest}
   * @param progress receives the progress messages as they are written, under the engine's
   *     lock: it must not call the engine
   * @return the image, the reference pulled, and whether it was new
   * @throws dev.cnm.api.error.InvalidParameterException for a reference that does not parse
   * @throws dev.cnm.api.error.ForbiddenException {@code 'scratch' is a reserved name}
   * @throws dev.cnm.api.error.NotFoundException {@code manifest for nginx@sha256:... not found:
   *     manifest unknown: manifest unknown} for a digest the registry does not have
   */
  PullResult pull(String reference, Consumer<ProgressMessage> progress);

  /**
   * Pulls every tag the registry has of a repository ({@code docker pull -a}; what the Engine
   * API's {@code POST /images/create} does with a bare name): the catalogue's tags of it, or
   * {@code latest}. A name with a tag or digest pulls that one only.
   *
   * @param repository the repository, such as {@code debian}
   * @param progress receives the progress messages as they are written, under the engine's
   *     lock: it must not call the engine
   * @return the last image pulled, the repository, and whether anything was new ({@code Status:
   *     Downloaded newer image for debian})
   */
  PullResult pullAllTags(String repository, Consumer<ProgressMessage> progress);

  /**
   * Pulls an image, collecting its progress messages in the result.
   *
   * @param reference the reference: {@code name[:tag]} or {@code name@digest}
   * @return the image, the reference pulled, and whether it was new
   */
  default PullResult pull(String reference) {
    return pull(reference, m -> {});
  }

  /**
   * {@return the image {@code ref} names ({@code docker image inspect})}
   *
   * @param ref an id, id prefix, name, {@code name:tag} or {@code name@digest}
   * @throws dev.cnm.api.error.NotFoundException {@code No such image: nginx:latest}
   * @throws dev.cnm.api.error.InvalidParameterException for a reference that does not parse
   */
  Image image(String ref);

  /**
   * {@return the image {@code ref} names, or empty; a reference that does not parse still throws}
   *
   * @param ref an id, id prefix, name, {@code name:tag} or {@code name@digest}
   */
  Optional<Image> findImage(String ref);

  /** {@return every image, intermediate ones of local builds too, newest first} */
  List<Image> images();

  /**
   * Tags an image ({@code docker tag}): {@code target} names it from now on, moved from any image
   * it named before.
   *
   * @param source the image: an id, id prefix or reference
   * @param target the new reference, {@code name[:tag]} ({@code latest} when no tag)
   * @return the image, with its new tag
   * @throws dev.cnm.api.error.NotFoundException {@code No such image: x:latest}
   * @throws dev.cnm.api.error.InvalidParameterException for a target that does not parse, has a
   *     digest, or is named {@code sha256}
   */
  Image tag(String source, String target);

  /**
   * Removes a reference or an image ({@code docker rmi}), as moby's {@code ImageDelete}: a name
   * removes that tag (and the image once nothing names it); an id removes the image and its
   * tags. Untagged parents of a locally built image go with it unless {@code noPrune}.
   *
   * @param ref an id, id prefix, name, {@code name:tag} or {@code name@digest}
   * @param force remove even when a stopped container uses it, or several repositories name it
   * @param noPrune keep the untagged parents
   * @return what was untagged and deleted, in order
   * @throws dev.cnm.api.error.ConflictException {@code conflict: unable to delete 0123456789ab
   *     (cannot be forced) - image is being used by running container 456789abcdef}, and the
   *     other conflicts of moby's {@code ImageDelete}
   * @throws dev.cnm.api.error.NotFoundException {@code No such image: x:latest}
   */
  List<ImageDeleteItem> remove(String ref, boolean force, boolean noPrune);

  /**
   * Builds an image with the classic builder ({@code docker build}; {@code POST /build}):
   * metadata instructions set the configuration, {@code RUN}, {@code COPY} and {@code ADD} add a
   * layer each without running anything, and every step is cached as Docker caches it.
   *
   * @param request the context, Dockerfile, tags, build arguments and labels
   * @param progress receives the builder's output as it is written, under the engine's lock: it
   *     must not call the engine
   * @return the image and the output
   * @throws dev.cnm.api.error.InvalidParameterException for a Dockerfile that does not parse
   *     ({@code dockerfile parse error on line 2: unknown instruction: FOO}) and other bad input
   * @throws dev.cnm.api.error.CnmException for a step that fails; the engine is left as it was
   */
  BuildResult build(BuildRequest request, Consumer<ProgressMessage> progress);

  /**
   * Builds an image, collecting its output in the result.
   *
   * @param request the context, Dockerfile, tags, build arguments and labels
   * @return the image and the output
   */
  default BuildResult build(BuildRequest request) {
    return build(request, m -> {});
  }

  /**
   * {@return the history of the image {@code ref} names ({@code docker history}), newest step
   * first}
   *
   * @param ref an id, id prefix, name, {@code name:tag} or {@code name@digest}
   * @throws dev.cnm.api.error.NotFoundException {@code No such image: x:latest}
   */
  List<ImageHistoryItem> history(String ref);
}
