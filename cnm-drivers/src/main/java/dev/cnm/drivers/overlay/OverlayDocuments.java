package dev.cnm.drivers.overlay;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.error.SystemException;
import java.io.IOException;

/**
 * The overlay driver's documents in the global store: JSON objects whose first field is {@code
 * "version"} (today {@value #VERSION}), so that a later format can be told apart and refused
 * rather than misread.
 */
final class OverlayDocuments {
  /** The format this driver writes and reads. */
  static final int VERSION = 1;

  /**
   * Field names in store documents are random ids and tokens: not interned or canonicalised
   * (Jackson's default would keep every one of them in the JVM's string table for good).
   */
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .build());

  private OverlayDocuments() {}

  /** A new document carrying the version. */
  static ObjectNode newDocument() {
    return MAPPER.createObjectNode().put("version", VERSION);
  }

  static byte[] bytes(ObjectNode doc) {
    try {
      return MAPPER.writeValueAsString(doc).getBytes(UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The document stored at {@code key}; a system error if it is not one this driver can read. */
  static ObjectNode read(String key, byte[] bytes) {
    JsonNode doc;
    try {
      doc = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new SystemException("invalid overlay document " + key + " in the global store: " + e.getMessage(), e);
    }
    if (!(doc instanceof ObjectNode) || doc.path("version").asInt(-1) != VERSION) {
      throw new SystemException("invalid overlay document " + key + " in the global store: unsupported version "
          + (doc == null ? "(empty)" : doc.path("version").toString()) + ", this cnm reads version " + VERSION);
    }
    return (ObjectNode) doc;
  }
}
