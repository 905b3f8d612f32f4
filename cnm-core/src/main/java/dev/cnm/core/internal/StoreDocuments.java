package dev.cnm.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.SystemException;
import java.io.IOException;

/**
 * The engine's documents in the global store (networks, IPAM pools and addresses): JSON objects
 * whose first field is {@code "version"} ({@value #VERSION} today), so that a later format is
 * refused with a clear error rather than misread. Not part of cnm's API.
 *
 * <pre>{@code
 * ObjectNode doc = StoreDocuments.object();
 * doc.put("pool", "10.0.0.0/24");
 * byte[] stored = StoreDocuments.bytes(doc);          // {"version":1,"pool":"10.0.0.0/24"}
 * ObjectNode back = StoreDocuments.read("IPAM", stored);
 * }</pre>
 */
public final class StoreDocuments {
  /** The format the engine writes and reads. */
  public static final int VERSION = 1;

  /**
   * Field names in store documents are random ids and tokens: not interned or canonicalised
   * (Jackson's default would keep every one of them in the JVM's string table for good).
   */
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .build());

  private StoreDocuments() {}

  /** A new, empty JSON object (its version is added by {@link #bytes}). */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A new, empty JSON array. */
  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /**
   * The stored {@code kind} document; a {@link SystemException} if it is not JSON or not of
   * version {@value #VERSION}.
   */
  public static ObjectNode read(String kind, byte[] bytes) {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new SystemException("invalid " + kind + " document in the global store: " + e.getMessage(), e);
    }
    if (!(doc instanceof ObjectNode) || doc.path("version").asInt(-1) != VERSION) {
      throw new SystemException("invalid " + kind + " document in the global store: unsupported version "
          + (doc == null ? "(empty)" : doc.path("version").toString()) + ", this cnm reads version " + VERSION);
    }
    return (ObjectNode) doc;
  }

  /** The document as stored: {@code "version"} first, then its fields. */
  public static byte[] bytes(ObjectNode doc) {
    ObjectNode versioned = MAPPER.createObjectNode().put("version", VERSION);
    doc.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("version")) {
        versioned.set(f.getKey(), f.getValue());
      }
    });
    try {
      return MAPPER.writeValueAsString(versioned).getBytes(UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
