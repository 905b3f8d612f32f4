package dev.cnm.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.core.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListFormatTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private static JsonNode json(String s) {
    try {
      return MAPPER.readTree(s.replace('\'', '"').replace('`', '\''));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final JsonNode NETWORKS = json("["
      + "{'Name':'dev','Id':'2925d07c283b0004d5eb2048f19fa400f8d0366996f4b93629fb7169153a265f',"
      + "'Created':'2025-06-02T09:13:58.725856123Z','Scope':'local','Driver':'bridge',"
      + "'EnableIPv4':true,'EnableIPv6':false,'Internal':false,'Labels':{'env':'dev'}},"
      + "{'Name':'none','Id':'c0ffee00aa11bb22cc33dd44ee55ff66','Driver':'null','Scope':'local'},"
      + "{'Name':'net10','Id':'1010101010101010101','Driver':'bridge','Scope':'local'},"
      + "{'Name':'bridge','Id':'b1d9e0c2a3f4b5c6d7e8f9','Driver':'bridge','Scope':'local'},"
      + "{'Name':'net9','Id':'9999999999999999999','Driver':'bridge','Scope':'local'},"
      + "{'Name':'host','Id':'4444444444444444444','Driver':'host','Scope':'local'}]");

  @Test
  void network_default_table_is_sorted_naturally_and_aligned() {
    assertThat(NetworkListFormat.table().format(NETWORKS)).isEqualTo(""
        + "NETWORK ID     NAME      DRIVER    SCOPE\n"
        + "b1d9e0c2a3f4   bridge    bridge    local\n"
        + "2925d07c283b   dev       bridge    local\n"
        + "444444444444   host      host      local\n"
        + "999999999999   net9      bridge    local\n"
        + "101010101010   net10     bridge    local\n"
        + "c0ffee00aa11   none      null      local\n");
    assertThat(NetworkListFormat.of("table").format(NETWORKS))
        .isEqualTo(NetworkListFormat.table().format(NETWORKS));
  }

  @Test
  void network_quiet_no_trunc_and_empty() {
    assertThat(NetworkListFormat.quiet().format(NETWORKS)).isEqualTo(
        "b1d9e0c2a3f4\n2925d07c283b\n444444444444\n999999999999\n101010101010\nc0ffee00aa11\n");
    assertThat(NetworkListFormat.quiet().noTrunc().format(NETWORKS)).startsWith(
        "b1d9e0c2a3f4b5c6d7e8f9\n2925d07c283b0004d5eb2048f19fa400f8d0366996f4b93629fb7169153a265f\n");
    assertThat(NetworkListFormat.table().format(json("[]")))
        .isEqualTo("NETWORK ID   NAME      DRIVER    SCOPE\n");
  }

  @Test
  void network_json_is_one_object_per_line_with_string_values() {
    String out = NetworkListFormat.of("json").format(json("[" + NETWORKS.get(0) + "]"));
    assertThat(out).isEqualTo("{\"CreatedAt\":\"2025-06-02 09:13:58.725856123 +0000 UTC\","
        + "\"Driver\":\"bridge\",\"ID\":\"2925d07c283b\",\"IPv4\":\"true\",\"IPv6\":\"false\","
        + "\"Internal\":\"false\",\"Labels\":\"env=dev\",\"Name\":\"dev\",\"Scope\":\"local\"}\n");
  }

  @Test
  void network_custom_formats_and_labels() {
    assertThat(NetworkListFormat.of("{{.Name}}={{.Label \"env\"}};{{.CreatedAt}}")
            .format(json("[" + NETWORKS.get(0) + "," + NETWORKS.get(1) + "]")))
        .isEqualTo("dev=dev;2025-06-02 09:13:58.725856123 +0000 UTC\n"
            + "none=;0001-01-01 00:00:00 +0000 UTC\n");
    // The header of .Label fails on docker's header map; docker keeps what came before.
    assertThat(NetworkListFormat.of("table {{.Name}}\\t{{.Label \"env\"}}")
            .format(json("[" + NETWORKS.get(0) + "]")))
        .isEqualTo("NAME      \ndev       dev\n");
    assertThat(NetworkListFormat.of("table {{.Name}}\\t{{.IPv4}}\\t{{.IPv6}}\\t{{.Internal}}")
            .format(json("[" + NETWORKS.get(0) + "]")))
        .isEqualTo("NAME      IPV4      IPV6      INTERNAL\ndev       true      false     false\n");
    assertThat(NetworkListFormat.of("  {{upper .Name}}\\n ").format(json("[" + NETWORKS.get(0) + "]")))
        .isEqualTo("DEV\n\n");
  }

  private static final JsonNode CONTAINERS = json("["
      + "{'Id':'80e5a4a9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8','Names':['/web'],"
      + "'Image':'nginx','ImageID':'sha256:aaaabbbbccccdddd','Command':'nginx -g `daemon off;`',"
      + "'Created':" + NOW.minusSeconds(300).getEpochSecond() + ","
      + "'Ports':[{'IP':'0.0.0.0','PrivatePort':80,'PublicPort':8080,'Type':'tcp'},"
      + "{'IP':'::','PrivatePort':80,'PublicPort':8080,'Type':'tcp'}],"
      + "'Labels':{'env':'prod','a':'b'},'State':'running','Status':'Up 5 minutes',"
      + "'HostConfig':{'NetworkMode':'dev'},'NetworkSettings':{'Networks':{'dev':{},'bridge':{}}},"
      + "'Mounts':[{'Type':'volume','Name':'0123456789abcdef0123','Driver':'local'},"
      + "{'Type':'bind','Source':'/srv/data','Driver':''}]},"
      + "{'Id':'deadbeef0123456789','Names':['/db','/web/db'],'Image':'sha256:1234567890abcdef',"
      + "'ImageID':'sha256:1234567890abcdef','Command':'postgres',"
      + "'Created':" + NOW.minusSeconds(7200).getEpochSecond() + ",'Ports':[],'Labels':{},"
      + "'State':'created','Status':'Created','Mounts':[]}]");

  private static String row(int[] widths, String... cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      sb.append(cells[i]);
      if (i < widths.length) {
        sb.append(" ".repeat(widths[i] - cells[i].length()));
      }
    }
    return sb.append('\n').toString();
  }

  @Test
  void ps_default_table() {
    int[] w = {15, 15, 25, 16, 15, 42};
    assertThat(ContainerListFormat.table().format(CONTAINERS, NOW)).isEqualTo(
        row(w, "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES")
            + row(w, "80e5a4a9c1d2", "nginx", "\"nginx -g 'daemon of…\"", "5 minutes ago",
                "Up 5 minutes", "0.0.0.0:8080->80/tcp, [::]:8080->80/tcp", "web")
            + row(w, "deadbeef0123", "1234567890ab", "\"postgres\"", "2 hours ago", "Created", "",
                "db"));
    assertThat(ContainerListFormat.table().format(CONTAINERS, NOW).split("\n")[1])
        .isEqualTo("80e5a4a9c1d2   nginx          \"nginx -g 'daemon of…\"   5 minutes ago   "
            + "Up 5 minutes   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web");
  }

  @Test
  void ps_no_trunc_and_quiet() {
    assertThat(ContainerListFormat.of("{{.ID}} {{.Command}} {{.Names}} {{.Image}}").noTrunc()
            .format(CONTAINERS, NOW))
        .isEqualTo("80e5a4a9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8"
            + " \"nginx -g 'daemon off;'\" web nginx\n"
            + "deadbeef0123456789 \"postgres\" db,web/db sha256:1234567890abcdef\n");
    assertThat(ContainerListFormat.quiet().format(CONTAINERS, NOW))
        .isEqualTo("80e5a4a9c1d2\ndeadbeef0123\n");
  }

  /** docker/cli's MarshalJSON of a row is json.Marshal's: {@code <}, {@code >} and {@code &} come out as Unicode escapes. */
  @Test
  void ps_json() {
    String first = ContainerListFormat.of("json").format(CONTAINERS, NOW).split("\n")[0];
    assertThat(first).isEqualTo("{\"Command\":\"\\\"nginx -g 'daemon of…\\\"\","
        + "\"CreatedAt\":\"2026-11-27 11:55:00 +0000 UTC\",\"ID\":\"80e5a4a9c1d2\","
        + "\"Image\":\"nginx\",\"Labels\":\"a=b,env=prod\",\"LocalVolumes\":\"1\","
        + "\"Mounts\":\"0123456789abcd…,/srv/data\",\"Names\":\"web\",\"Networks\":\"bridge,dev\","
        + "\"Ports\":\"0.0.0.0:8080-\\u003e80/tcp, [::]:8080-\\u003e80/tcp\",\"RunningFor\":\"5 minutes ago\","
        + "\"Size\":\"0B\",\"State\":\"running\",\"Status\":\"Up 5 minutes\"}");
  }

  @Test
  void ps_custom_table_with_labels_and_networks() {
    assertThat(ContainerListFormat.of("table {{.Names}}\\t{{.Networks}}\\t{{.Labels}}")
            .format(CONTAINERS, NOW))
        .isEqualTo("NAMES     NETWORKS     LABELS\n"
            + "web       bridge,dev   a=b,env=prod\n"
            + "db                     \n");
    assertThat(ContainerListFormat.of("{{.Names}}:{{.Label \"env\"}}:{{.Label \"nope\"}}")
            .format(CONTAINERS, NOW))
        .isEqualTo("web:prod:\ndb::\n");
    assertThat(ContainerListFormat.of("{{.Size}} {{.State}}").format(
            json("[{'SizeRw':1234567,'SizeRootFs':2000000000,'State':'exited'}]"), NOW))
        .isEqualTo("1.23MB (virtual 2GB) exited\n");
  }

  @Test
  void ps_minimal_item() {
    // what the CLI prints for [{"Id":"…","Names":["/x"]}]: <no image>, "" and 56 years ago
    assertThat(ContainerListFormat.of("{{.Image}}|{{.Command}}|{{.RunningFor}}|{{.Ports}}|")
            .format(json("[{'Id':'abc','Names':['/x']}]"), NOW))
        .isEqualTo("<no image>|\"\"|56 years ago||\n");
  }

  @Test
  void template_errors_are_template_exceptions() {
    assertThatThrownBy(() -> ContainerListFormat.of("table {{.ID"))
        .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.isParseError()).isTrue())
        .hasMessage("template: :1: unclosed action");
    assertThatThrownBy(() -> ContainerListFormat.of("{{.Nope}}").format(CONTAINERS, NOW))
        .isInstanceOfSatisfying(TemplateException.class,
            e -> assertThat(e.isParseError()).isFalse())
        .hasMessage("template: :1:2: executing \"\" at <.Nope>: "
            + "can't evaluate field Nope in type *formatter.ContainerContext");
    assertThatThrownBy(() -> NetworkListFormat.of("{{.Label}}").format(NETWORKS))
        .hasMessage("template: :1:2: executing \"\" at <.Label>: "
            + "wrong number of args for Label: want 1 got 0");
    assertThatThrownBy(() -> NetworkListFormat.of("{{.Name 1}}").format(NETWORKS))
        .hasMessage("template: :1:2: executing \"\" at <.Name>: "
            + "wrong number of args for Name: want 0 got 1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|''",
      "[{'PrivatePort':80,'Type':'tcp'}]|80/tcp",
      "[{'IP':'0.0.0.0','PrivatePort':80,'PublicPort':8080,'Type':'tcp'}]|0.0.0.0:8080->80/tcp",
      "[{'IP':'::','PrivatePort':80,'PublicPort':8080,'Type':'tcp'}]|[::]:8080->80/tcp",
      "[{'IP':'0.0.0.0','PrivatePort':8001,'PublicPort':8001,'Type':'tcp'},"
          + "{'IP':'0.0.0.0','PrivatePort':8000,'PublicPort':8000,'Type':'tcp'}]"
          + "|0.0.0.0:8000-8001->8000-8001/tcp",
      "[{'PrivatePort':80,'Type':'tcp'},{'PrivatePort':81,'Type':'tcp'},"
          + "{'PrivatePort':83,'Type':'tcp'}]|80-81/tcp, 83/tcp",
      "[{'IP':'127.0.0.1','PrivatePort':53,'PublicPort':5353,'Type':'udp'},"
          + "{'PrivatePort':7000,'Type':'tcp'},"
          + "{'IP':'0.0.0.0','PrivatePort':9000,'PublicPort':9000,'Type':'tcp'},"
          + "{'IP':'::','PrivatePort':9000,'PublicPort':9000,'Type':'tcp'},"
          + "{'IP':'0.0.0.0','PrivatePort':9001,'PublicPort':9001,'Type':'tcp'},"
          + "{'IP':'::','PrivatePort':9001,'PublicPort':9001,'Type':'tcp'},"
          + "{'IP':'0.0.0.0','PrivatePort':9002,'PublicPort':9002,'Type':'tcp'},"
          + "{'IP':'::','PrivatePort':9002,'PublicPort':9002,'Type':'tcp'}]"
          + "|7000/tcp, 0.0.0.0:9000-9002->9000-9002/tcp, [::]:9000-9002->9000-9002/tcp,"
          + " 127.0.0.1:5353->53/udp",
      "[{'PrivatePort':53,'Type':'udp'},{'PrivatePort':53,'Type':'tcp'}]|53/tcp, 53/udp",
      "[{'IP':'0.0.0.0','PrivatePort':443,'PublicPort':32768,'Type':'tcp'},"
          + "{'IP':'0.0.0.0','PrivatePort':80,'PublicPort':80,'Type':'tcp'}]"
          + "|0.0.0.0:80->80/tcp, 0.0.0.0:32768->443/tcp",
  })
  void ports_column(String ports, String expected) {
    JsonNode node = ports.isEmpty() ? json("[]") : json(ports);
    assertThat(DockerText.displayablePorts(node)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0|Less than a second", "999|Less than a second", "1000|1 second", "59000|59 seconds",
      "60000|About a minute", "119000|About a minute", "120000|2 minutes", "3599000|59 minutes",
      "3600000|About an hour", "5399000|About an hour", "5400000|2 hours", "170000000|47 hours", "172799000|2 days",
      "172800000|2 days", "1206000000|13 days", "1209599000|2 weeks", "1209600000|2 weeks", "5180000000|8 weeks",
      "5184000000|2 months", "63000000000|24 months", "63071999000|1 years", "63072000000|2 years",
  })
  void human_duration(long millis, String expected) {
    assertThat(DockerText.humanDuration(Duration.ofMillis(millis))).isEqualTo(expected);
  }

  @Test
  void status_text() {
    Instant started = NOW.minus(Duration.ofMinutes(5));
    assertThat(DockerText.status(true, started, Instant.EPOCH, 0, NOW)).isEqualTo("Up 5 minutes");
    assertThat(DockerText.status(false, Instant.EPOCH, Instant.EPOCH, 0, NOW)).isEqualTo("Created");
    assertThat(DockerText.status(false, started, NOW.minus(Duration.ofHours(2)), 137, NOW))
        .isEqualTo("Exited (137) 2 hours ago");
  }

  @Test
  void text_helpers() {
    assertThat(DockerText.truncateId("sha256:8d591b0b7dea080ea3be9e12ae563eeb")).isEqualTo("8d591b0b7dea");
    assertThat(DockerText.truncateId("abc")).isEqualTo("abc");
    assertThat(DockerText.ellipsis("nginx -g 'daemon off;'", 20)).isEqualTo("nginx -g 'daemon of…");
    assertThat(DockerText.ellipsis("short", 20)).isEqualTo("short");
    assertThat(DockerText.ellipsis("abc", 1)).isEqualTo("a");
    assertThat(DockerText.goTimeString("2025-06-02T09:14:03Z")).isEqualTo("2025-06-02 09:14:03 +0000 UTC");
    assertThat(DockerText.goTimeString("2025-06-02T09:14:03.5+02:00"))
        .isEqualTo("2025-06-02 09:14:03.5 +0200 +0200");
    assertThat(DockerText.naturalLess("net9", "net10")).isTrue();
    assertThat(DockerText.naturalLess("a", "B")).isFalse();
    assertThat(DockerText.naturalLess("x01", "x1")).isFalse();
  }

  @Test
  void tab_writer_aligns_column_blocks_like_go() {
    assertThat(TabWriter.docker("a\tb\tc\nlonger cell here\tx\ty\nno tabs\nq\tr\n"))
        .isEqualTo("a" + " ".repeat(18) + "b         c\n"
            + "longer cell here   x         y\n"
            + "no tabs\n"
            + "q         r\n");
  }
}
