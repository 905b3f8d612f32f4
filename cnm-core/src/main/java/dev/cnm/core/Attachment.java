package dev.cnm.core;

import dev.cnm.api.EndpointSpec;

/**
 * A network a container is configured on: the reference it was given by (a name, or an id the
 * engine resolved to a name), and the endpoint settings asked for. It outlives the endpoint:
 * a stopped container keeps it and gets its endpoint again on start.
 */
final class Attachment {
  /** The network's name when known, else the reference as given. */
  final String networkName;
  /** The network's id when it was resolved, else empty. */
  final String networkId;
  final EndpointSpec settings;

  Attachment(String networkName, String networkId, EndpointSpec settings) {
    this.networkName = networkName;
    this.networkId = networkId;
    this.settings = settings;
  }
}
