package dev.cnm.core;

import static dev.cnm.core.ValueCodecs.array;
import static dev.cnm.core.ValueCodecs.hexId;
import static dev.cnm.core.ValueCodecs.optional;
import static dev.cnm.core.ValueCodecs.stringMap;
import static dev.cnm.core.ValueCodecs.strings;
import static dev.cnm.core.ValueCodecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.ContainerStatus;
import dev.cnm.api.HealthCheckResult;
import dev.cnm.api.HealthStatus;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.MacAddress;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.core.ipam.NullIpamDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * Recreates an engine's networks and containers from the state document {@link EngineExport}
 * wrote, into an engine built without any network. Every pool, address and port is requested
 * again, as dockerd does at startup (libnetwork {@code reservePools}), so the restored IPAM and
 * port tables hold exactly what the containers hold; a running container gets its endpoints back
 * with the same ids, addresses, MACs and host ports. Networks kept in the cluster's store are not
 * recreated: the engine's first sync adopted them as the store has them now. Processes come back
 * where they were, with their scheduled actions: the first operation on the restored engine runs
 * those that fell due meanwhile (a {@code sleep 5} saved six seconds ago has exited by then). The
 * clock never goes back behind the saved one. Called under the engine's lock, once.
 */
final class EngineRestore {
  private final EngineServices services;
  private final NetworkTable networks;
  private final ContainerTable containers;
  private final Networks networkOps;
  private final Sandboxes sandboxes;
  private final Gateways gateways;
  private final ServiceDiscovery discovery;
  private final Timeline timeline;
  private final EventLog events;
  private final ImageTable images;

  EngineRestore(EngineServices services, NetworkTable networks, ContainerTable containers, Networks networkOps,
      Sandboxes sandboxes, Gateways gateways, ServiceDiscovery discovery, ImageTable images, Timeline timeline,
      EventLog events) {
    this.services = services;
    this.networks = networks;
    this.containers = containers;
    this.networkOps = networkOps;
    this.sandboxes = sandboxes;
    this.gateways = gateways;
    this.discovery = discovery;
    this.timeline = timeline;
    this.events = events;
    this.images = images;
  }

  /**
   * Recreates the image store: each image from its saved document (whose SHA-256 must be its
   * saved id), the layers, the references. A document written before images were kept has none.
   */
  static void restoreImages(JsonNode root, ImageTable table) {
    for (JsonNode i : root.withArray("layers")) {
      table.putLayer(new LayerRecord(text(i, "chainId"), text(i, "diffId"), i.path("size").asLong(),
          i.path("parent").asText("")));
    }
    for (JsonNode i : root.withArray("images")) {
      String document = text(i, "document");
      // the id is the document's hash: a document changed since it was saved is refused before it is read
      String hash = "sha256:" + LayerRecord.sha256(document);
      if (!hash.equals(text(i, "id"))) {
        throw new IllegalArgumentException("image " + text(i, "id") + ": its document hashes to " + hash);
      }
      ImageRecord r = ImageDocument.read(document);
      r.lastTagTime = ValueCodecs.optionalInstant(i, "lastTagTime").orElse(null);
      table.add(r);
    }
    JsonNode refs = root.path("references");
    for (java.util.Iterator<String> it = refs.fieldNames(); it.hasNext(); ) {
      String ref = it.next();
      String id = refs.get(ref).asText();
      if (!table.contains(id)) {
        throw new IllegalArgumentException("reference " + ref + " names the unknown image " + id);
      }
      table.putReference(dev.cnm.api.image.ImageReference.parse(ref), id);
    }
  }

  /** A saved endpoint of a running container, with the host ports it had published. */
  private record SavedEndpoint(String networkName, JoinPlan.Restored restored, List<PublishedPort> published) {}

  /** Recreates every network, then every container, in the document's order (children before parents). */
  void restore(JsonNode root) {
    ValueCodecs.optionalInstant(root, "clock").ifPresent(services.time::advanceTo);
    timeline.seq(root.path("timerSeq").asLong());
    for (JsonNode e : array(root, "events")) {
      events.restore(ValueCodecs.event(e));
    }
    for (JsonNode n : array(root, "networks")) {
      if (n.path("inStore").asBoolean() && services.global != null) {
        continue; // adopted from the store as it is now, never created twice
      }
      List<IpamPoolSpec> pools = new ArrayList<>();
      array(n, "pools").forEach(p -> pools.add(ValueCodecs.pool(p)));
      NetworkSpec spec = ValueCodecs.network(n.get("spec"));
      // the null IPAM driver refuses a specific pool and always hands out 0.0.0.0/0 (and ::/0):
      // its networks ask for no pool on restore, and get the same ones back
      boolean nullIpam = spec.ipamDriver().equals(NullIpamDriver.NAME);
      networkOps.createRecord(spec, n.path("predefined").asBoolean(), stringMap(n.get("options")),
          hexId(n, "id"), ValueCodecs.instant(n, "created"), nullIpam ? null : pools);
    }
    for (JsonNode c : array(root, "containers")) {
      ContainerSpec spec = ValueCodecs.container(c.get("spec"));
      List<ExposedPort> exposed = new ArrayList<>();
      array(c, "exposedPorts").forEach(p -> exposed.add(ExposedPort.parse(p.asText())));
      ContainerRecord r = new ContainerRecord(hexId(c, "id"), text(c, "name"), ContainerRecord.unnamed(spec),
          spec.name().orElse(null), text(c, "hostname"),
          strings(c.get("env")), strings(c.get("command")), exposed, ValueCodecs.instant(c, "created"));
      r.entrypoint = c.has("entrypoint") ? strings(c.get("entrypoint")) : List.of();
      r.imageId = c.path("imageId").asText("");
      if (c.has("imageConfig")) {
        r.imageConfig = ImageDocument.readConfig(c.get("imageConfig"));
      }
      if (r.imageId.isEmpty()) {
        // A state saved before containers kept their image: the image of that name, if pulled since.
        try {
          r.imageId = images.find(spec.image()).map(i -> i.id).orElse("");
        } catch (RuntimeException e) {
          r.imageId = ""; // a name Docker would refuse: no image can have it
        }
      }
      r.status = ContainerStatus.valueOf(text(c, "status"));
      r.startedAt(ValueCodecs.optionalInstant(c, "startedAt"));
      r.finishedAt(ValueCodecs.optionalInstant(c, "finishedAt"));
      r.exitCode = c.path("exitCode").asInt();
      r.networkGone = c.path("networkGone").asBoolean(false);
      readProcess(c, r);
      for (JsonNode a : array(c, "attachments")) {
        // a running container's attachments are resolved to their network's full id, which
        // the export matches its endpoints with; "" is a network not yet looked up
        String networkId = text(a, "networkId");
        if (!networkId.isEmpty() || r.status == ContainerStatus.RUNNING) {
          hexId(a, "networkId");
        }
        r.attachments.put(text(a, "networkName"),
            new Attachment(text(a, "networkName"), networkId, ValueCodecs.endpoint(a.get("settings"))));
      }
      List<SavedEndpoint> eps = new ArrayList<>();
      for (JsonNode ep : array(c, "endpoints")) {
        List<PublishedPort> published = new ArrayList<>();
        array(ep, "published").forEach(p -> published.add(PublishedPort.of(
            ExposedPort.parse(text(p, "containerPort")), IpAddress.parse(text(p, "hostIp")), p.path("hostPort").asInt())));
        String network = text(ep, "network");
        if (!r.attachments.containsKey(network) && !network.equals(Gateways.GW_NETWORK)) {
          throw new IllegalArgumentException("endpoint on network \"" + network + "\" without an attachment to it");
        }
        eps.add(new SavedEndpoint(network, new JoinPlan.Restored(text(ep, "id"),
            optional(ep, "ipv4", IpAddress::parse), optional(ep, "ipv6", IpAddress::parse),
            optional(ep, "mac", MacAddress::parse)), published));
      }
      restoreContainer(r, c.path("sandboxId").asText(""), eps, c.path("gatewayNetwork").asText(""));
    }
  }

  /** The process side of a saved container: its state, process, timers and log. */
  private void readProcess(JsonNode c, ContainerRecord r) {
    if (c.hasNonNull("healthcheck")) {
      r.healthcheck = ValueCodecs.healthcheck(c.get("healthcheck"));
    }
    r.stopSignal = c.hasNonNull("stopSignal") ? c.get("stopSignal").asText() : null;
    r.restartCount = c.path("restartCount").asInt();
    r.oomKilled = c.path("oomKilled").asBoolean();
    r.error = c.path("error").asText("");
    r.pid = c.path("pid").asInt();
    JsonNode rm = c.path("restartManager");
    r.manuallyStopped = rm.path("manuallyStopped").asBoolean();
    r.restartCanceled = rm.path("canceled").asBoolean();
    r.restartBackoffMillis = rm.path("backoffMillis").asInt();
    JsonNode h = c.get("health");
    if (h != null) {
      r.health = new HealthRecord();
      r.health.status = ValueCodecs.enumValue(HealthStatus.class, h, "status", null);
      r.health.failingStreak = h.path("failingStreak").asInt();
      r.health.probes = h.path("probes").asInt();
      for (JsonNode e : array(h, "log")) {
        r.health.add(HealthCheckResult.of(ValueCodecs.instant(e, "start"), ValueCodecs.instant(e, "end"),
            e.path("exitCode").asInt(), e.path("output").asText()));
      }
    }
    JsonNode p = c.get("process");
    if (p != null) {
      ProcessRecord process = new ProcessRecord(ValueCodecs.script(p.get("script")));
      process.pc = p.path("pc").asInt();
      process.lastStatus = p.path("lastStatus").asInt();
      r.process = process;
    } else if (r.status == ContainerStatus.RUNNING) {
      // A state written before containers had processes: a running container keeps running.
      r.process = new ProcessRecord(dev.cnm.api.process.Script.forever());
    }
    for (JsonNode t : array(c, "timers")) {
      timeline.restore(r, ValueCodecs.enumValue(TimerKind.class, t, "kind", null), ValueCodecs.instant(t, "due"), t.path("seq").asLong(),
          t.path("code").asInt());
    }
    for (JsonNode e : array(c, "logs")) {
      r.logs().restore(ValueCodecs.logEntry(e));
    }
  }

  /**
   * Recreates a saved container with its identity, times and state; a running one gets its
   * endpoints back, and the one on {@code gatewayNetwork} its published ports.
   */
  private void restoreContainer(ContainerRecord c, String sandboxId, List<SavedEndpoint> endpoints,
      String gatewayNetwork) {
    containers.reserve(c.name, c.id);
    discovery.restoreLinks(c, containers);
    containers.add(c);
    if (c.status != ContainerStatus.RUNNING || c.mode().isContainer()) {
      if (c.mode().isContainer() && c.status == ContainerStatus.RUNNING) {
        containers.find(c.mode().target()).ifPresent(t -> {
          c.sharedWith = t;
          t.everShared = true;
        });
      }
      return;
    }
    SandboxRecord sb = new SandboxRecord(sandboxId);
    c.sandbox = sb;
    Undo undo = new Undo();
    for (SavedEndpoint saved : endpoints) {
      Attachment a = c.attachments.get(saved.networkName());
      EndpointRecord ep;
      if (a == null && saved.networkName().equals(Gateways.GW_NETWORK)) {
        NetworkRecord n = networks.require(Gateways.GW_NETWORK);
        ep = sandboxes.join(c, sb, n, JoinPlan.gatewayBridge(Gateways.endpointName(c)).restoring(saved.restored()), undo);
      } else {
        NetworkRecord n = networks.require(a.networkId.isEmpty() ? a.networkName : a.networkId);
        JoinPlan plan = JoinPlan.endpoint(a.settings, discovery.joinOptions(c, n, containers.all()));
        ep = sandboxes.join(c, sb, n, plan.restoring(saved.restored()), undo);
      }
      if (saved.networkName().equals(gatewayNetwork)) {
        gateways.restore(c, ep, saved.published());
      }
    }
    undo.commit();
    discovery.started(c, containers.all());
  }
}
