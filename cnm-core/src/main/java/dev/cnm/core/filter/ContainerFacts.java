package dev.cnm.core.filter;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.json.DockerJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What moby's container filters read from its container snapshot ({@code container.Snapshot}),
 * derived from a {@link ContainerInfo}. Each fact the model does not keep yet has its one place
 * here, answering what Docker answers for a container without it: a container lifecycle that
 * adds health checks, mounts or swarm tasks changes only these methods.
 */
final class ContainerFacts {
  private ContainerFacts() {}

  /** {@code State}: {@code created}, {@code running}, {@code exited}, ... */
  static String state(ContainerInfo c) {
    return c.status().toString();
  }

  /** {@code Health}: {@code none} without a health check, else {@code starting}, {@code healthy} or {@code unhealthy}. */
  static String health(ContainerInfo c) {
    return c.health().map(h -> h.status().toString()).orElse("none");
  }

  /** moby's {@code State.Running}: running, or waiting for its restart policy's restart. */
  static boolean running(ContainerInfo c) {
    return c.isRunning() || c.isRestarting();
  }

  /** {@code Managed}: whether a swarm task owns the container (never, without swarm). */
  static boolean managed(ContainerInfo c) {
    return false;
  }

  /** {@code ExitCode} of the last run. */
  static int exitCode(ContainerInfo c) {
    return c.exitCode();
  }

  /** Whether it ever started ({@code !StartedAt.IsZero()}). */
  static boolean started(ContainerInfo c) {
    return c.startedAt().isPresent();
  }

  /**
   * The keys the {@code volume} filter looks a mount up by: each mount's volume name (or its
   * source, for a bind mount) and its destination. The model mounts nothing, as {@code inspect}'s
   * empty {@code Mounts} says.
   */
  static Set<String> mountKeys(ContainerInfo c) {
    return Set.of();
  }

  /** One entry of the summary's {@code Ports}: a container port, and its host port (0 when only exposed). */
  record Port(int privatePort, int publicPort, String type) {}

  /**
   * The summary's {@code Ports}, built from {@code NetworkSettings.Ports} as moby's view does: a
   * running container's exposed ports without a host side, and one entry per binding; nothing
   * for a container that does not run.
   */
  static List<Port> ports(ContainerInfo c) {
    List<Port> out = new ArrayList<>();
    if (!c.isRunning()) {
      return out;
    }
    for (ExposedPort e : c.exposedPorts()) {
      boolean published = c.ports().stream().anyMatch(p -> p.containerPort().equals(e));
      if (!published) {
        out.add(new Port(e.port(), 0, e.protocol().toString()));
      }
    }
    for (PublishedPort p : c.ports()) {
      out.add(new Port(p.containerPort().port(), p.hostPort(), p.containerPort().protocol().toString()));
    }
    return out;
  }

  /** {@code ImageID}: the id of the image the container was created from; empty for a reference Docker would refuse. */
  static Optional<String> imageId(ContainerInfo c) {
    if (!c.imageId().isEmpty()) {
      return Optional.of(c.imageId());
    }
    try {
      return Optional.of(DockerJson.imageId(c.image()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
