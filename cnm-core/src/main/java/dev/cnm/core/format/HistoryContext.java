package dev.cnm.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.TemplateObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** docker/cli {@code image.historyContext}: one step of {@code docker history}. */
final class HistoryContext implements TemplateObject {
  static final List<String> METHODS = List.of("Comment", "CreatedAt", "CreatedBy", "CreatedSince", "ID", "Size");
  /** Steps made before 2000 show {@code N/A} (moby's epoch check). */
  private static final long EPOCH_2000 = 946684800L;

  static ObjectNode headers() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("ID", "IMAGE");
    h.put("CreatedSince", "CREATED");
    h.put("CreatedAt", "CREATED AT");
    h.put("CreatedBy", "CREATED BY");
    h.put("Size", "SIZE");
    h.put("Comment", "COMMENT");
    return h;
  }

  private final JsonNode step;
  private final boolean trunc;
  private final boolean human;
  private final Instant now;

  HistoryContext(JsonNode step, boolean trunc, boolean human, Instant now) {
    this.step = step;
    this.trunc = trunc;
    this.human = human;
    this.now = now;
  }

  @Override
  public String typeName() {
    return "*image.historyContext";
  }

  @Override
  public int arity(String name) {
    return METHODS.contains(name) ? 0 : -1;
  }

  @Override
  public Object invoke(String name, List<String> args) {
    long created = step.path("Created").asLong(0);
    switch (name) {
      case "ID": {
        String id = step.path("Id").asText("");
        return trunc ? DockerText.truncateId(id) : id;
      }
      case "CreatedAt":
        return createdAt(created);
      case "CreatedSince":
        if (!human) {
          return createdAt(created);
        }
        if (created <= EPOCH_2000) {
          return "N/A";
        }
        return DockerText.humanDuration(Duration.between(Instant.ofEpochSecond(created), now)) + " ago";
      case "CreatedBy": {
        String by = step.path("CreatedBy").asText("").replace("\t", " ");
        return trunc ? DockerText.ellipsis(by, 45) : by;
      }
      case "Size": {
        long size = step.path("Size").asLong(0);
        return human ? DockerJson.humanSize(size) : Long.toString(size);
      }
      case "Comment":
        return step.path("Comment").asText("");
      default:
        throw new IllegalArgumentException("no method " + name);
    }
  }

  /** {@code time.RFC3339} in UTC (the CLI uses the local zone). */
  private static String createdAt(long seconds) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC))
        .replace("+00:00", "Z");
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (String m : METHODS) {
      o.put(m, (String) invoke(m, List.of()));
    }
    return o;
  }
}
