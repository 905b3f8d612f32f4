package dev.cnm.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.TemplateObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * docker/cli {@code formatter.imageContext}: one row of {@code docker images}, an image summary
 * ({@code GET /images/json} item) with one repository, tag and digest of it.
 */
final class ImageContext implements TemplateObject {
  static final List<String> METHODS = List.of("Containers", "CreatedAt", "CreatedSince", "Digest", "ID",
      "Repository", "SharedSize", "Size", "Tag", "UniqueSize", "VirtualSize");

  static ObjectNode headers() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("ID", "IMAGE ID");
    h.put("Repository", "REPOSITORY");
    h.put("Tag", "TAG");
    h.put("Digest", "DIGEST");
    h.put("CreatedSince", "CREATED");
    h.put("CreatedAt", "CREATED AT");
    h.put("Size", "SIZE");
    h.put("Containers", "CONTAINERS");
    h.put("VirtualSize", "SIZE");
    h.put("SharedSize", "SHARED SIZE");
    h.put("UniqueSize", "UNIQUE SIZE");
    return h;
  }

  private final JsonNode image;
  private final boolean trunc;
  private final String repo;
  private final String tag;
  private final String digest;
  private final Instant now;

  ImageContext(JsonNode image, boolean trunc, String repo, String tag, String digest, Instant now) {
    this.image = image;
    this.trunc = trunc;
    this.repo = repo;
    this.tag = tag;
    this.digest = digest;
    this.now = now;
  }

  @Override
  public String typeName() {
    return "*formatter.imageContext";
  }

  @Override
  public int arity(String name) {
    return METHODS.contains(name) ? 0 : -1;
  }

  @Override
  public Object invoke(String name, List<String> args) {
    long size = image.path("Size").asLong(0);
    switch (name) {
      case "ID":
        return trunc ? DockerText.truncateId(image.path("Id").asText("")) : image.path("Id").asText("");
      case "Repository":
        return repo;
      case "Tag":
        return tag;
      case "Digest":
        return digest;
      case "CreatedSince":
        return DockerText.humanDuration(Duration.between(created(), now)) + " ago";
      case "CreatedAt":
        return DockerText.goTimeString(created());
      case "Size":
        return DockerJson.humanSize(size);
      case "Containers": {
        long n = image.path("Containers").asLong(-1);
        return n == -1 ? "N/A" : Long.toString(n);
      }
      case "VirtualSize":
        return humanSize4(size);
      case "SharedSize": {
        long shared = image.path("SharedSize").asLong(-1);
        return shared == -1 ? "N/A" : humanSize4(shared);
      }
      case "UniqueSize": {
        long shared = image.path("SharedSize").asLong(-1);
        return size == -1 || shared == -1 ? "N/A" : humanSize4(size - shared);
      }
      default:
        throw new IllegalArgumentException("no method " + name);
    }
  }

  /** go-units' {@code HumanSize}: four significant digits. */
  private static String humanSize4(long bytes) {
    return dev.cnm.core.json.DockerJson.humanSize(bytes, 4);
  }

  private Instant created() {
    return Instant.ofEpochSecond(image.path("Created").asLong(0));
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
