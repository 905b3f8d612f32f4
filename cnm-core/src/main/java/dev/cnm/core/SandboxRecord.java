package dev.cnm.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A running container's network stack: its endpoints in join order and the one that provides the
 * default gateway. Containers in {@code container:} mode share their target's sandbox.
 */
final class SandboxRecord {
  final String id;
  final List<EndpointRecord> endpoints = new ArrayList<>();
  EndpointRecord gatewayEndpoint;
  int nextInterfaceIndex;

  SandboxRecord(String id) {
    this.id = id;
  }

  /** The netns path Docker reports as {@code SandboxKey}. */
  String key() {
    return "/var/run/docker/netns/" + Ids.shortId(id);
  }
}
