package dev.cnm.dockerapi.internal;

import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PublishedPort;
import java.util.Set;

/** {@code GET /containers/json} filters, after moby's {@code daemon/list.go}. */
final class ContainerFilters {
  private static final Set<String> ACCEPTED = Set.of("id", "name", "status", "label", "network", "publish",
      "expose", "ancestor", "exited", "before", "since", "health", "volume", "is-task");
  private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
      "exited", "dead");

  private ContainerFilters() {}

  /** Rejects unknown keys and bad values before anything is listed. */
  static void validate(Filters f) {
    f.validate(ACCEPTED);
    for (String s : f.get("status")) {
      if (!STATUSES.contains(s)) {
        throw new InvalidParameterException("invalid filter 'status=" + s + "'");
      }
    }
  }

  static boolean matches(Filters f, ContainerInfo c, Engine engine) {
    if (f.has("id") && f.get("id").stream().noneMatch(c.id()::startsWith)) {
      return false;
    }
    if (!f.match("name", "/" + c.name())) {
      return false;
    }
    if (f.has("status") && !f.get("status").contains(c.status().toString())) {
      return false;
    }
    if (f.has("exited")) {
      if (c.isRunning() || !f.get("exited").contains(Integer.toString(c.exitCode()))) {
        return false;
      }
    }
    if (!f.matchLabels(c.labels())) {
      return false;
    }
    if (f.has("ancestor")) {
      String image = ImageCatalog.normalize(c.image());
      if (f.get("ancestor").stream().noneMatch(a -> a.equals(c.image()) || ImageCatalog.normalize(a).equals(image))) {
        return false;
      }
    }
    if (f.has("network")) {
      boolean any = false;
      for (String want : f.get("network")) {
        for (AttachedNetwork n : c.networks().values()) {
          if (n.networkName().equals(want) || n.networkId().startsWith(want)) {
            any = true;
          }
        }
      }
      if (!any) {
        return false;
      }
    }
    if (f.has("publish")) {
      if (f.get("publish").stream().noneMatch(p -> published(c, p))) {
        return false;
      }
    }
    if (f.has("expose")) {
      if (f.get("expose").stream().noneMatch(p -> exposed(c, p))) {
        return false;
      }
    }
    return true;
  }

  private static ExposedPort port(String text) {
    return ExposedPort.parse(text.contains("/") ? text : text + "/tcp");
  }

  private static boolean published(ContainerInfo c, String text) {
    ExposedPort want = port(text);
    for (PublishedPort p : c.ports()) {
      if (p.hostPort() == want.port() && p.containerPort().protocol() == want.protocol()) {
        return true;
      }
    }
    return false;
  }

  private static boolean exposed(ContainerInfo c, String text) {
    ExposedPort want = port(text);
    return c.exposedPorts().contains(want)
        || c.ports().stream().anyMatch(p -> p.containerPort().equals(want));
  }
}
