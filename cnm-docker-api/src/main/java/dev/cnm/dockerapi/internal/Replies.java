package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.core.json.DockerJson;
import java.nio.charset.StandardCharsets;

/** The routers' ordinary replies: a JSON document, or an empty body. */
final class Replies {
  private Replies() {}

  static void json(Conn c, int status, JsonNode doc) {
    c.reply(status, Api.JSON, DockerJson.httpBody(doc).getBytes(StandardCharsets.UTF_8));
  }

  static void empty(Conn c, int status) {
    c.reply(status, Api.JSON, new byte[0]);
  }
}
