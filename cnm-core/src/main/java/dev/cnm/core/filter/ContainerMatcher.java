package dev.cnm.core.filter;

import dev.cnm.api.AttachedNetwork;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker ps} over a list of containers, after moby's {@code daemon/list.go}: the filters
 * are checked and folded first ({@code foldFilter}), so a bad one fails before anything is
 * listed; then the containers, newest first, go through {@code includeContainerInList} in order,
 * since {@code before}, {@code since} and the limit depend on where the walk is.
 */
final class ContainerMatcher {
  static final Set<String> ACCEPTED = Set.of("ancestor", "before", "exited", "id", "isolation", "label", "name",
      "status", "health", "since", "volume", "network", "is-task", "publish", "expose");
  private static final List<String> STATES =
      List.of("created", "running", "paused", "restarting", "removing", "exited", "dead");
  private static final List<String> HEALTHS = List.of("none", "starting", "healthy", "unhealthy");

  private final FilterArgs filters;
  private final boolean all;
  private final int limit;
  private final Set<Long> exitAllowed = new LinkedHashSet<>();
  private final boolean taskFilter;
  private final boolean isTask;
  private String beforeId;
  private final String sinceId;
  private final boolean ancestorFilter;
  private final Set<String> images = new HashSet<>();
  private final PortFilter publish;
  private final PortFilter expose;
  private int included;

  /** {@code foldFilter}: checks every filter against {@code containers} (all of them). */
  private ContainerMatcher(List<ContainerInfo> containers, ContainerListOptions options, ImageService imageService) {
    FilterArgs f = options.filters();
    f.validate(ACCEPTED);
    this.filters = f;
    for (String value : f.get("exited")) {
      try {
        exitAllowed.add(GoText.atoi(value));
      } catch (GoText.NumError e) {
        throw new InvalidParameterException("invalid filter 'exited=" + value + "': " + e.getMessage());
      }
    }
    boolean all = options.all();
    for (String value : f.get("status")) {
      if (!STATES.contains(value)) {
        throw new InvalidParameterException("invalid filter 'status=" + value + "': invalid value for state ("
            + value + "): must be one of " + String.join(", ", STATES));
      }
      all = true;
    }
    this.all = all;
    this.limit = options.limit();
    this.taskFilter = f.contains("is-task");
    this.isTask = f.bool("is-task", false);
    for (String value : f.get("health")) {
      if (!HEALTHS.contains(value)) {
        throw new InvalidParameterException("invalid filter 'health=" + value + "': invalid value for health ("
            + value + "): must be one of " + String.join(", ", HEALTHS));
      }
    }
    String before = null;
    for (String value : f.get("before")) {
      before = idOrName(containers, value);
    }
    this.beforeId = before;
    String since = null;
    for (String value : f.get("since")) {
      since = idOrName(containers, value);
    }
    this.sinceId = since;
    this.ancestorFilter = f.contains("ancestor");
    if (ancestorFilter) {
      Set<String> known = new LinkedHashSet<>();
      containers.forEach(c -> ContainerFacts.imageId(c).ifPresent(known::add));
      List<Image> allImages = null;
      for (String value : f.get("ancestor")) {
        // An image not found only makes moby log a warning.
        Optional<Image> img;
        try {
          img = imageService.findImage(value);
        } catch (CnmException e) {
          img = Optional.empty();
        }
        if (img.isPresent()) {
          if (allImages == null) {
            allImages = imageService.images();
          }
          addWithDescendants(img.get().id(), allImages);
        } else {
          // A container snapshot without an image id (made outside an engine) has the stand-in id.
          ImageRefs.resolve(value, known).ifPresent(images::add);
        }
      }
    }
    this.publish = PortFilter.of(f, "publish");
    this.expose = PortFilter.of(f, "expose");
  }

  /** {@code populateImageFilterByParents}: the image and every image built on it, at any depth. */
  private void addWithDescendants(String id, List<Image> all) {
    if (!images.add(id)) {
      return;
    }
    for (Image i : all) {
      if (i.parent().filter(id::equals).isPresent()) {
        addWithDescendants(i.id(), all);
      }
    }
  }

  /** The containers {@code options} select from {@code containers} (in creation order), newest first. */
  static List<ContainerInfo> list(List<ContainerInfo> containers, ContainerListOptions options,
      ImageService imageService) {
    ContainerMatcher m = new ContainerMatcher(containers, options, imageService);
    List<ContainerInfo> out = new ArrayList<>();
    for (ContainerInfo c : m.candidates(containers)) {
      Action a = m.include(c);
      if (a == Action.STOP) {
        break;
      }
      if (a == Action.INCLUDE) {
        out.add(c);
        m.included++;
      }
    }
    return out;
  }

  /** {@code view.Get} by full id, then the one container of that name (with or without its slash). */
  private static String idOrName(List<ContainerInfo> containers, String value) {
    for (ContainerInfo c : containers) {
      if (c.id().equals(value)) {
        return c.id();
      }
    }
    String name = value.startsWith("/") ? value.substring(1) : value;
    for (ContainerInfo c : containers) {
      if (c.name().equals(name)) {
        return c.id();
      }
    }
    throw new NotFoundException("No such container: " + value);
  }

  /**
   * {@code filterByNameIDMatches}: with {@code name} or {@code id} filters, only the containers
   * they name (an id value counts when it is a unique id prefix); newest first either way.
   */
  private List<ContainerInfo> candidates(List<ContainerInfo> containers) {
    List<ContainerInfo> newestFirst = new ArrayList<>(containers);
    Collections.reverse(newestFirst); // equal creation times: the later created first
    newestFirst.sort(Comparator.comparing(ContainerInfo::created).reversed());
    List<String> names = filters.get("name");
    List<String> ids = filters.get("id");
    if (names.isEmpty() && ids.isEmpty()) {
      return newestFirst;
    }
    Set<String> matches = new HashSet<>();
    for (String prefix : ids) {
      String found = null;
      int count = 0;
      for (ContainerInfo c : containers) {
        if (!prefix.isEmpty() && c.id().startsWith(prefix)) {
          found = c.id();
          count++;
        }
      }
      if (count == 1) {
        matches.add(found);
      }
    }
    if (!names.isEmpty()) {
      for (ContainerInfo c : containers) {
        if (!ids.isEmpty() && !matches.contains(c.id())) {
          continue;
        }
        if (filters.match("name", "/" + c.name()) || filters.match("name", c.name())) {
          matches.add(c.id());
        }
      }
    }
    newestFirst.removeIf(c -> !matches.contains(c.id()));
    return newestFirst;
  }

  private enum Action { INCLUDE, EXCLUDE, STOP }

  /** {@code includeContainerInList}, check for check in moby's order. */
  private Action include(ContainerInfo c) {
    if (beforeId != null) {
      if (c.id().equals(beforeId)) {
        beforeId = null;
      }
      return Action.EXCLUDE;
    }
    if (sinceId != null && c.id().equals(sinceId)) {
      return Action.STOP;
    }
    if (!ContainerFacts.running(c) && !all && limit <= 0) {
      return Action.EXCLUDE;
    }
    if (!filters.match("name", "/" + c.name()) && !filters.match("name", c.name())) {
      return Action.EXCLUDE;
    }
    if (!filters.match("id", c.id())) {
      return Action.EXCLUDE;
    }
    if (taskFilter && isTask != ContainerFacts.managed(c)) {
      return Action.EXCLUDE;
    }
    if (!filters.matchKeyValues("label", c.labels())) {
      return Action.EXCLUDE;
    }
    // isolation: a Windows concept; on Linux moby accepts the filter and excludes nothing.
    if (limit > 0 && included == limit) {
      return Action.STOP;
    }
    if (!exitAllowed.isEmpty() && (ContainerFacts.running(c) || !ContainerFacts.started(c)
        || !exitAllowed.contains((long) ContainerFacts.exitCode(c)))) {
      return Action.EXCLUDE;
    }
    if (!filters.match("status", ContainerFacts.state(c))) {
      return Action.EXCLUDE;
    }
    if (!filters.exactMatch("health", ContainerFacts.health(c))) {
      return Action.EXCLUDE;
    }
    if (filters.contains("volume")) {
      Set<String> mounts = ContainerFacts.mountKeys(c);
      if (filters.get("volume").stream().noneMatch(mounts::contains)) {
        return Action.EXCLUDE;
      }
    }
    if (ancestorFilter && ContainerFacts.imageId(c).filter(images::contains).isEmpty()) {
      return Action.EXCLUDE;
    }
    if (filters.contains("network") && !onNetwork(c)) {
      return Action.EXCLUDE;
    }
    // publish: dockerd 28 compares the host port alone (daemon/list.go); Docker's documentation
    // (docker ps, "publish and expose") has publish=80 find a container published 32768->80.
    // Both match, so code written against either finds the containers it expects.
    if (!publish.isEmpty() || !expose.isEmpty()) {
      boolean any = false;
      for (ContainerFacts.Port p : ContainerFacts.ports(c)) {
        if (publish.contains(p.publicPort(), p.type())
            || (p.publicPort() != 0 && publish.contains(p.privatePort(), p.type()))
            || expose.contains(p.privatePort(), p.type())) {
          any = true;
          break;
        }
      }
      if (!any) {
        return Action.EXCLUDE;
      }
    }
    return Action.INCLUDE;
  }

  /** A {@code network} value is the name the container knows a network by, or a prefix of its id. */
  private boolean onNetwork(ContainerInfo c) {
    for (String value : filters.get("network")) {
      if (c.networks().containsKey(value)) {
        return true;
      }
      for (AttachedNetwork n : c.networks().values()) {
        if (n.networkId().startsWith(value)) {
          return true;
        }
      }
    }
    return false;
  }
}
