package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.image.ImageHistory;
import java.time.Instant;
import java.util.List;

/**
 * An image in the engine's store: its configuration document (whose SHA-256 is its id, as in
 * Docker's content-addressed store) and what the document says, read once. The references
 * naming it live in {@link ImageTable}; only the last tag time changes. Guarded by the engine's
 * lock.
 */
final class ImageRecord {
  /** {@code sha256:} and the SHA-256 of {@link #document}. */
  final String id;
  /** The canonical configuration document, exactly as hashed ({@link ImageDocument}). */
  final String document;
  final ImageConfig config;
  /**
   * The configuration's {@code Env} and {@code Cmd} as immutable lists made once: every container
   * created from the image without its own shares them (a copy per container costs 48 bytes).
   */
  final List<String> env;
  final List<String> cmd;
  final Instant created;
  /** The id of the image it was built on (a local build step), or empty. */
  final String parent;
  final List<ImageHistory> history;
  /** {@code rootfs.diff_ids}, base layer first. */
  final List<String> diffIds;
  final String author;
  final String comment;
  final String dockerVersion;
  final String architecture;
  final String os;
  /**
   * For an image a build step made: the run configuration the step's cache is probed with (the
   * state's configuration, its command replaced by the step's {@code #(nop)} comment), as compact
   * JSON. Empty for pulled images, which no cache probe matches (moby's {@code IsBuiltLocally}).
   */
  final String buildKey;
  /** When {@code docker tag} or a build last tagged it; null when never (a pull sets none). */
  @GuardedBy("lock")
  Instant lastTagTime;

  ImageRecord(String id, String document, ImageConfig config, Instant created, String parent,
      List<ImageHistory> history, List<String> diffIds, String author, String comment, String dockerVersion,
      String architecture, String os, String buildKey) {
    this.id = id;
    this.document = document;
    this.config = config;
    this.env = List.copyOf(config.env());
    this.cmd = List.copyOf(config.cmd());
    this.created = created;
    this.parent = parent;
    this.history = List.copyOf(history);
    this.diffIds = List.copyOf(diffIds);
    this.author = author;
    this.comment = comment;
    this.dockerVersion = dockerVersion;
    this.architecture = architecture;
    this.os = os;
    this.buildKey = buildKey;
  }

  /** The 64 hex digits of the id. */
  String hex() {
    return id.substring(id.indexOf(':') + 1);
  }

  /** The first 12 hex digits, as Docker's {@code stringid.TruncateID} shows an id. */
  String shortId() {
    return hex().substring(0, 12);
  }

  /** The chain id of each layer ({@code ChainID} of the diff ids up to it), base first. */
  List<String> chainIds() {
    return LayerRecord.chainIds(diffIds);
  }
}
