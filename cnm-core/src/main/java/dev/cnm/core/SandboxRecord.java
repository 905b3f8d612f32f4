package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.List;

/**
 * A running container's network stack: its endpoints in join order and the one that provides the
 * default gateway. Containers in {@code container:} mode share their target's sandbox.
 */
final class SandboxRecord {
  /** A generated id as its four longs (rendered on demand: the 64-hex string is 104 bytes). */
  private final long id0;
  private final long id1;
  private final long id2;
  private final long id3;
  /** A restored id, kept as given; null for a generated one. */
  private final String restoredId;
  @GuardedBy("lock")
  final List<EndpointRecord> endpoints = new ArrayList<>(2); // most have one
  @GuardedBy("lock")
  EndpointRecord gatewayEndpoint;
  @GuardedBy("lock")
  int nextInterfaceIndex;

  SandboxRecord(long[] bits) {
    this.id0 = bits[0];
    this.id1 = bits[1];
    this.id2 = bits[2];
    this.id3 = bits[3];
    this.restoredId = null;
  }

  SandboxRecord(String restoredId) {
    this.id0 = 0;
    this.id1 = 0;
    this.id2 = 0;
    this.id3 = 0;
    this.restoredId = restoredId;
  }

  /** The sandbox id: 64 hex characters, or the id a restore gave. */
  String id() {
    return restoredId != null ? restoredId : Ids.hex(id0, id1, id2, id3);
  }

  /** The netns path Docker reports as {@code SandboxKey}. */
  String key() {
    return "/var/run/docker/netns/" + Ids.shortId(id());
  }
}
