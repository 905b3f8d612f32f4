package dev.cnm.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The events of an exec ({@code exec_create}, {@code exec_start}, {@code exec_die}), for {@code
 * docker exec} and health checks, and their ids: 64 hex digits derived from the container, the
 * time and a counter, not drawn from the engine's random source (whose sequence gives ids, names
 * and MACs, and must not shift when a health check runs). Called under the engine's lock.
 */
final class Execs {
  private final EngineServices services;
  private final EventLog events;
  private long counter;

  Execs(EngineServices services, EventLog events) {
    this.services = services;
    this.events = events;
  }

  /** {@code exec_create: <cmd> <args>}; returns the new exec's id. */
  String created(ContainerRecord c, List<String> cmd) {
    String id = newId(c);
    events.container(c, "exec_create: " + action(cmd), Map.of("execID", id));
    return id;
  }

  void started(ContainerRecord c, List<String> cmd, String execId) {
    events.container(c, "exec_start: " + action(cmd), Map.of("execID", execId));
  }

  void died(ContainerRecord c, String execId, int exitCode) {
    events.container(c, "exec_die", Map.of("execID", execId, "exitCode", String.valueOf(exitCode)));
  }

  /** moby's {@code Entrypoint + " " + strings.Join(Args, " ")}: a command without arguments keeps the space. */
  private static String action(List<String> cmd) {
    return cmd.get(0) + " " + String.join(" ", cmd.subList(1, cmd.size()));
  }

  private String newId(ContainerRecord c) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("exec:" + c.id + ":" + services.clock.instant() + ":"
          + counter++).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
