package dev.cnm.core;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.Collections;
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
  /**
   * The endpoints in join order: null, the one endpoint most sandboxes have, or an {@code
   * ArrayList} of two or more (a list per sandbox would cost 48 bytes per running container).
   */
  @GuardedBy("lock")
  private Object endpoints;
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

  /** {@return the endpoints in join order (read only; a snapshot when there is one or none)} */
  @SuppressWarnings("unchecked")
  List<EndpointRecord> endpoints() {
    if (endpoints == null) {
      return List.of();
    }
    if (endpoints instanceof EndpointRecord) {
      return List.of((EndpointRecord) endpoints);
    }
    return Collections.unmodifiableList((List<EndpointRecord>) endpoints);
  }

  @SuppressWarnings("unchecked")
  void addEndpoint(EndpointRecord ep) {
    if (endpoints == null) {
      endpoints = ep;
    } else if (endpoints instanceof EndpointRecord) {
      List<EndpointRecord> more = new ArrayList<>(2);
      more.add((EndpointRecord) endpoints);
      more.add(ep);
      endpoints = more;
    } else {
      ((List<EndpointRecord>) endpoints).add(ep);
    }
  }

  @SuppressWarnings("unchecked")
  void removeEndpoint(EndpointRecord ep) {
    if (endpoints == ep) {
      endpoints = null;
    } else if (endpoints instanceof List) {
      List<EndpointRecord> more = (List<EndpointRecord>) endpoints;
      more.remove(ep);
      if (more.size() == 1) {
        endpoints = more.get(0);
      } else if (more.isEmpty()) {
        endpoints = null;
      }
    }
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
