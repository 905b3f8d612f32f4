package dev.cnm.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * List formatting never fails on odd engine JSON (missing or mistyped fields), every row of a
 * table has as many lines as there are items plus the header, and the PORTS column mentions
 * every published port.
 */
class ListFormatProperties {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @Provide
  Arbitrary<JsonNode> port() {
    return Combinators.combine(
            Arbitraries.of("", "0.0.0.0", "::", "127.0.0.1"),
            Arbitraries.integers().between(1, 20),
            Arbitraries.integers().between(0, 20),
            Arbitraries.of("tcp", "udp", "sctp"))
        .as((ip, priv, pub, type) -> {
          ObjectNode p = F.objectNode();
          if (!ip.isEmpty()) {
            p.put("IP", ip);
            p.put("PublicPort", 8000 + pub);
          }
          p.put("PrivatePort", 8000 + priv);
          p.put("Type", type);
          return p;
        });
  }

  @Provide
  Arbitrary<JsonNode> container() {
    Arbitrary<JsonNode> text = Arbitraries.strings().withCharRange('a', 'z')
        .withChars(" \t'\"…é語:/").ofMaxLength(30).map(F::textNode);
    Arbitrary<JsonNode> odd = Arbitraries.oneOf(text, Arbitraries.just(F.nullNode()),
        Arbitraries.integers().map(F::numberNode), Arbitraries.just(F.objectNode()));
    return Combinators.combine(odd, odd, odd, port().list().ofMaxSize(8), odd,
            Arbitraries.longs().between(0, NOW.getEpochSecond()))
        .as((id, image, command, ports, status, created) -> {
          ObjectNode c = F.objectNode();
          c.set("Id", id);
          c.set("Image", image);
          c.set("Command", command);
          ArrayNode p = c.putArray("Ports");
          p.addAll(ports);
          c.set("Status", status);
          c.put("Created", created);
          c.putArray("Names").add("/n" + created);
          return c;
        });
  }

  @Property(tries = 200)
  void ps_tables_always_render(@ForAll("containers") List<JsonNode> items) {
    ArrayNode array = F.arrayNode().addAll(items);
    String table = ContainerListFormat.table().format(array, NOW);
    assertThat(table.split("\n", -1)).hasSize(items.size() + 2);
    String json = ContainerListFormat.of("json").format(array, NOW);
    assertThat(json.split("\n", -1)).hasSize(items.size() + 1);
    assertThat(ContainerListFormat.table().format(array, NOW)).isEqualTo(table);
  }

  @Provide
  Arbitrary<List<JsonNode>> containers() {
    return container().list().ofMaxSize(5);
  }

  @Property(tries = 300)
  void ports_column_mentions_every_published_port(@ForAll("ports") List<JsonNode> ports) {
    String column = DockerText.displayablePorts(F.arrayNode().addAll(ports));
    for (JsonNode p : ports) {
      String type = "/" + p.get("Type").asText();
      assertThat(column).contains(type);
      if (p.has("IP") && p.get("PublicPort").asInt() != p.get("PrivatePort").asInt()) {
        assertThat(column).contains(
            DockerText.joinHostPort(p.get("IP").asText(), p.get("PublicPort").asText())
                + "->" + p.get("PrivatePort").asText() + type);
      }
    }
  }

  @Provide
  Arbitrary<List<JsonNode>> ports() {
    return port().list().ofMaxSize(10);
  }
}
