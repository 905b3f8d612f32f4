package dev.cnm.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.port.ExposedPort;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Docker's legacy link variables ({@code daemon/links/links.go ToEnv}), exactly. */
class LinkEnvTest {

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("no ports, no env", "/web/db", List.of(), List.of(),
            List.of("DB_NAME=/web/db")),
        Arguments.of("the tutorial's redis", "/web/redis", List.of(ExposedPort.tcp(6379)),
            List.of("PATH=/usr/bin", "HOME=/data", "REDIS_VERSION=7.4.2"),
            List.of("REDIS_PORT=tcp://172.17.0.2:6379",
                "REDIS_PORT_6379_TCP=tcp://172.17.0.2:6379",
                "REDIS_PORT_6379_TCP_ADDR=172.17.0.2",
                "REDIS_PORT_6379_TCP_PORT=6379",
                "REDIS_PORT_6379_TCP_PROTO=tcp",
                "REDIS_NAME=/web/redis",
                "REDIS_ENV_REDIS_VERSION=7.4.2")),
        Arguments.of("dash in alias, lowest port first, tcp before udp", "/app/my-db",
            List.of(ExposedPort.udp(53), ExposedPort.tcp(8080), ExposedPort.tcp(53)), List.of(),
            List.of("MY_DB_PORT=tcp://172.17.0.2:53",
                "MY_DB_PORT_53_TCP=tcp://172.17.0.2:53",
                "MY_DB_PORT_53_TCP_ADDR=172.17.0.2",
                "MY_DB_PORT_53_TCP_PORT=53",
                "MY_DB_PORT_53_TCP_PROTO=tcp",
                "MY_DB_PORT_53_UDP=udp://172.17.0.2:53",
                "MY_DB_PORT_53_UDP_ADDR=172.17.0.2",
                "MY_DB_PORT_53_UDP_PORT=53",
                "MY_DB_PORT_53_UDP_PROTO=udp",
                "MY_DB_PORT_8080_TCP=tcp://172.17.0.2:8080",
                "MY_DB_PORT_8080_TCP_ADDR=172.17.0.2",
                "MY_DB_PORT_8080_TCP_PORT=8080",
                "MY_DB_PORT_8080_TCP_PROTO=tcp",
                "MY_DB_NAME=/app/my-db")),
        Arguments.of("a run of three ports gets _START and _END", "/web/es",
            List.of(ExposedPort.tcp(9200), ExposedPort.tcp(9201), ExposedPort.tcp(9202)), List.of("A=b=c"),
            List.of("ES_PORT=tcp://172.17.0.2:9200",
                "ES_PORT_9200_TCP_START=tcp://172.17.0.2:9200",
                "ES_PORT_9200_TCP_ADDR=172.17.0.2",
                "ES_PORT_9200_TCP_PROTO=tcp",
                "ES_PORT_9200_TCP_PORT_START=9200",
                "ES_PORT_9200_TCP_END=tcp://172.17.0.2:9202",
                "ES_PORT_9200_TCP_PORT_END=9202",
                "ES_PORT_9200_TCP=tcp://172.17.0.2:9200",
                "ES_PORT_9200_TCP_ADDR=172.17.0.2",
                "ES_PORT_9200_TCP_PORT=9200",
                "ES_PORT_9200_TCP_PROTO=tcp",
                "ES_PORT_9201_TCP=tcp://172.17.0.2:9201",
                "ES_PORT_9201_TCP_ADDR=172.17.0.2",
                "ES_PORT_9201_TCP_PORT=9201",
                "ES_PORT_9201_TCP_PROTO=tcp",
                "ES_PORT_9202_TCP=tcp://172.17.0.2:9202",
                "ES_PORT_9202_TCP_ADDR=172.17.0.2",
                "ES_PORT_9202_TCP_PORT=9202",
                "ES_PORT_9202_TCP_PROTO=tcp",
                "ES_NAME=/web/es",
                "ES_ENV_A=b=c")),
        Arguments.of("a run of two is not bulked", "/web/es",
            List.of(ExposedPort.tcp(9200), ExposedPort.tcp(9201)), List.of("NOVALUE"),
            List.of("ES_PORT=tcp://172.17.0.2:9200",
                "ES_PORT_9200_TCP=tcp://172.17.0.2:9200",
                "ES_PORT_9200_TCP_ADDR=172.17.0.2",
                "ES_PORT_9200_TCP_PORT=9200",
                "ES_PORT_9200_TCP_PROTO=tcp",
                "ES_PORT_9201_TCP=tcp://172.17.0.2:9201",
                "ES_PORT_9201_TCP_ADDR=172.17.0.2",
                "ES_PORT_9201_TCP_PORT=9201",
                "ES_PORT_9201_TCP_PROTO=tcp",
                "ES_NAME=/web/es")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void link_env_is_dockers(String what, String linkName, List<ExposedPort> ports, List<String> childEnv,
      List<String> expected) {
    assertThat(Discovery.linkEnv(linkName, "172.17.0.2", ports, childEnv)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> process_env() {
    return Stream.of(
        Arguments.of(List.of(), List.of(),
            List.of("PATH=" + Discovery.DEFAULT_PATH, "HOSTNAME=0123456789ab", "HOME=/root")),
        Arguments.of(List.of("DB_NAME=/web/db"), List.of("PATH=/opt/bin", "HOME=/home/app", "X=1"),
            List.of("PATH=/opt/bin", "HOSTNAME=0123456789ab", "DB_NAME=/web/db", "HOME=/home/app", "X=1")),
        Arguments.of(List.of("DB_NAME=/web/db"), List.of("DB_NAME=mine"),
            List.of("PATH=" + Discovery.DEFAULT_PATH, "HOSTNAME=0123456789ab", "DB_NAME=mine", "HOME=/root")));
  }

  @ParameterizedTest
  @MethodSource
  void process_env(List<String> linkEnv, List<String> containerEnv, List<String> expected) {
    assertThat(Discovery.processEnv("0123456789ab", linkEnv, containerEnv)).containsExactlyElementsOf(expected);
  }
}
