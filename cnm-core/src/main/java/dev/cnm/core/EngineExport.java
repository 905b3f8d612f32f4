package dev.cnm.core;

import static dev.cnm.core.ValueCodecs.MAPPER;
import static dev.cnm.core.ValueCodecs.strings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.HealthCheckResult;
import dev.cnm.api.IpamPoolSpec;
import dev.cnm.api.event.Event;
import dev.cnm.api.port.PublishedPort;
import dev.cnm.api.process.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an engine's tables into the state document {@link EngineRestore} reads back: networks
 * with their ids, creation times and pools; containers with their identity, times, state and
 * configuration; the endpoints of running containers with their ids, addresses, MACs and host
 * ports; their processes (script, position, last status), scheduled actions, health, restart
 * policy state and logs; the engine's clock and its last events. Called under the engine's lock.
 */
final class EngineExport {
  private EngineExport() {}

  /** Adds {@code "clock"}, {@code "networks"}, {@code "containers"} and {@code "events"} to {@code root}. */
  static void write(ObjectNode root, Collection<NetworkRecord> networkRecords,
      Collection<ContainerRecord> containerRecords, EngineTime time, Timeline timeline, EventLog events) {
    if (!time.highWater().equals(Instant.MIN)) {
      root.put("clock", time.highWater().toString());
    }
    root.put("timerSeq", timeline.seq());
    ArrayNode networks = root.putArray("networks");
    for (NetworkRecord n : networkRecords) {
      ObjectNode o = networks.addObject();
      o.put("id", n.id);
      if (n.inStore) {
        o.put("inStore", true); // the store's copy is the network; a restored engine reads it from there
      }
      o.put("created", n.created.toString());
      o.put("predefined", n.predefined);
      o.set("spec", ValueCodecs.network(n.spec));
      // sorted: the record's map iterates in an order that varies between JVMs and restores,
      // and a state must export to the same bytes every time
      o.set("options", MAPPER.valueToTree(new TreeMap<>(n.options)));
      ArrayNode pools = o.putArray("pools");
      List<PoolRecord> all = new ArrayList<>(n.v4Pools);
      all.addAll(n.v6Pools);
      for (PoolRecord p : all) {
        pools.add(ValueCodecs.pool(IpamPoolSpec.builder().subnet(p.pool).ipRange(p.ipRange).gateway(p.gateway)
            .auxAddresses(p.auxAddresses).build()));
      }
    }
    ArrayNode containers = root.putArray("containers");
    for (ContainerRecord c : containerRecords) {
      ObjectNode o = containers.addObject();
      o.put("id", c.id);
      o.put("name", c.name);
      o.put("hostname", c.hostname());
      o.put("created", c.created().toString());
      o.put("status", c.status.name());
      c.startedAt().ifPresent(t -> o.put("startedAt", t.toString()));
      c.finishedAt().ifPresent(t -> o.put("finishedAt", t.toString()));
      o.put("exitCode", c.exitCode);
      if (c.networkGone) {
        o.put("networkGone", true);
      }
      o.set("env", MAPPER.valueToTree(c.env));
      o.set("command", MAPPER.valueToTree(c.command));
      if (!c.entrypoint.isEmpty()) {
        o.set("entrypoint", MAPPER.valueToTree(c.entrypoint));
      }
      o.put("imageId", c.imageId);
      o.set("imageConfig", ImageDocument.configNode(c.imageConfig));
      o.set("exposedPorts", strings(c.exposedPorts));
      o.set("spec", ValueCodecs.container(c.spec()));
      writeProcess(o, c);
      ArrayNode attachments = o.putArray("attachments");
      for (Attachment a : c.attachments.values()) {
        ObjectNode ao = attachments.addObject();
        ao.put("networkName", a.networkName);
        ao.put("networkId", a.networkId);
        ao.set("settings", ValueCodecs.endpoint(a.settings));
      }
      if (c.sandbox != null) {
        o.put("sandboxId", c.sandbox.id());
        if (c.sandbox.gatewayEndpoint != null) {
          // the key its endpoint is written under, which the restore compares it with
          o.put("gatewayNetwork", attachmentKey(c, c.sandbox.gatewayEndpoint));
        }
        ArrayNode eps = o.putArray("endpoints");
        for (EndpointRecord ep : c.sandbox.endpoints()) {
          ObjectNode eo = eps.addObject();
          eo.put("network", attachmentKey(c, ep));
          eo.put("id", ep.id);
          ep.ipv4().ifPresent(a -> eo.put("ipv4", a.address().toString()));
          ep.ipv6().ifPresent(a -> eo.put("ipv6", a.address().toString()));
          ep.mac().ifPresent(m -> eo.put("mac", m.toString()));
          ArrayNode published = eo.putArray("published");
          for (PublishedPort p : ep.published) {
            ObjectNode po = published.addObject();
            po.put("containerPort", p.containerPort().toString());
            po.put("hostIp", p.hostIp().toString());
            po.put("hostPort", p.hostPort());
          }
        }
      }
    }
    ArrayNode history = root.putArray("events");
    for (Event e : events.history()) {
      history.add(ValueCodecs.event(e));
    }
  }

  /** The process side: what Docker keeps in a container's state, and the process's own. */
  private static void writeProcess(ObjectNode o, ContainerRecord c) {
    if (c.healthcheck != null) {
      o.set("healthcheck", ValueCodecs.healthcheck(c.healthcheck));
    }
    if (c.stopSignal != null) {
      o.put("stopSignal", c.stopSignal);
    }
    o.put("restartCount", c.restartCount);
    if (c.oomKilled) {
      o.put("oomKilled", true);
    }
    if (!c.error.isEmpty()) {
      o.put("error", c.error);
    }
    o.put("pid", c.pid);
    ObjectNode restart = o.putObject("restartManager");
    restart.put("manuallyStopped", c.manuallyStopped);
    restart.put("canceled", c.restartCanceled);
    restart.put("backoffMillis", c.restartBackoffMillis);
    if (c.health != null) {
      ObjectNode h = o.putObject("health");
      h.put("status", c.health.status.name());
      h.put("failingStreak", c.health.failingStreak);
      h.put("probes", c.health.probes);
      ArrayNode log = h.putArray("log");
      for (HealthCheckResult r : c.health.log) {
        log.addObject().put("start", r.start().toString()).put("end", r.end().toString())
            .put("exitCode", r.exitCode()).put("output", r.output());
      }
    }
    if (c.process != null) {
      ObjectNode p = o.putObject("process");
      p.put("version", 1);
      p.set("script", ValueCodecs.script(c.process.script));
      p.put("pc", c.process.pc);
      p.put("lastStatus", c.process.lastStatus);
    }
    if (!c.timers().isEmpty()) {
      ArrayNode timers = o.putArray("timers");
      for (Timer t : c.timers()) {
        ObjectNode to = timers.addObject();
        to.put("kind", t.kind.name());
        to.put("due", t.due.toString());
        to.put("seq", t.seq);
        if (t.code != 0) {
          to.put("code", t.code);
        }
      }
    }
    List<LogEntry> logs = c.logsIfAny() == null ? List.of() : c.logsIfAny().all();
    if (!logs.isEmpty()) {
      ArrayNode a = o.putArray("logs");
      logs.forEach(e -> a.add(ValueCodecs.logEntry(e)));
    }
  }

  /**
   * Adds {@code "images"} (each image's configuration document, verbatim: its SHA-256 is the id),
   * {@code "layers"} (the layer store) and {@code "references"} (tags and digests to ids).
   */
  static void writeImages(ObjectNode root, ImageTable table) {
    ArrayNode images = root.putArray("images");
    for (ImageRecord r : table.all()) {
      ObjectNode o = images.addObject();
      o.put("id", r.id);
      o.put("document", r.document);
      if (r.lastTagTime != null) {
        o.put("lastTagTime", r.lastTagTime.toString());
      }
    }
    ArrayNode layers = root.putArray("layers");
    for (LayerRecord l : table.allLayers()) {
      ObjectNode o = layers.addObject();
      o.put("chainId", l.chainId());
      o.put("diffId", l.diffId());
      o.put("size", l.size());
      o.put("parent", l.parentChainId());
    }
    ObjectNode refs = root.putObject("references");
    table.allReferences().forEach(refs::put);
  }

  /** The key of the attachment an endpoint belongs to; the network name for the docker_gwbridge endpoint. */
  private static String attachmentKey(ContainerRecord c, EndpointRecord ep) {
    for (Map.Entry<String, Attachment> a : c.attachments.entrySet()) {
      if (a.getValue().networkId.equals(ep.network.id)) {
        return a.getKey();
      }
    }
    return ep.network.name;
  }
}
