package dev.cnm.core;

import static dev.cnm.core.ValueCodecs.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.Engine;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import java.io.IOException;

/**
 * The whole state of an engine as one JSON document, and its faithful restore: networks with
 * their ids, creation times and pools; containers with their ids, names, times, state and
 * configuration; the endpoints of running containers with their ids, addresses, MACs and host
 * ports. Restoring requests every pool, address and port again, as dockerd does at startup
 * (libnetwork {@code reservePools}), so the restored engine's IPAM and port tables hold exactly
 * what its containers hold. Containers' processes are saved with the script they follow, where
 * they are in it and their scheduled actions, so that a restored engine carries on where the
 * saved one left off. With a global store, the global-scope networks kept in the store
 * are written with {@code "inStore": true} but never restored from the document: a restored
 * engine built on the same store (and host name) adopts them from the store as they are now,
 * and its containers' endpoints on them keep the addresses the store holds for them (an engine
 * built without a store restores them as its own).
 *
 * <pre>{@code
 * byte[] saved = EngineState.export(engine);
 * Engine again = EngineState.restore(saved, Cnm.builder());
 * }</pre>
 */
public final class EngineState {
  /**
   * The format version written in every document. Version 2 added containers' processes, their
   * scheduled actions, health, restart-policy state and logs, and the engine's clock and events;
   * a version 1 document still loads, its running containers keeping running.
   */
  public static final int VERSION = 2;

  private EngineState() {}

  /**
   * {@return the state of {@code engine} as JSON bytes}
   *
   * @param engine an engine {@link Cnm} built
   * @throws IllegalArgumentException if the engine was not built by {@link Cnm}
   */
  public static byte[] export(Engine engine) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    cast(engine).exportState(root);
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /**
   * {@return an engine built by {@code builder} holding the state in {@code state}}
   *
   * @param state what {@link #export} wrote
   * @param builder the engine's drivers, configuration, store and host name; its seed or random
   *     source continues where the state left off
   * @throws InvalidParameterException {@code invalid engine state: ...} when the document is not
   *     a state this version wrote, is not consistent (two containers with one id, a missing
   *     predefined network, a null name, a short id, a reference to nothing: the message names
   *     the check and the object), or cannot be restored
   */
  public static Engine restore(byte[] state, EngineBuilder builder) {
    JsonNode root;
    try {
      root = MAPPER.readTree(state);
    } catch (IOException e) {
      throw new InvalidParameterException("invalid engine state: " + e.getMessage(), e);
    }
    int version = root == null ? -1 : root.path("version").asInt(-1);
    if (version != VERSION && version != 1) {
      throw new InvalidParameterException("invalid engine state: unsupported version "
          + (root == null ? "" : root.path("version")));
    }
    StateCheck.check(root); // refused by name before anything of it is restored
    try {
      DefaultEngine e = builder.buildEmpty();
      e.restoreState(root);
      return e;
    } catch (CnmException | IllegalArgumentException ex) {
      throw new InvalidParameterException("invalid engine state: " + ex.getMessage(), ex);
    } catch (RuntimeException ex) {
      throw new InvalidParameterException("invalid engine state: " + ex, ex);
    }
  }

  private static DefaultEngine cast(Engine engine) {
    if (!(engine instanceof DefaultEngine)) {
      throw new IllegalArgumentException("not an engine built by Cnm: " + engine.getClass().getName());
    }
    return (DefaultEngine) engine;
  }
}
