package dev.cnm.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtcdUrlTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "etcd://127.0.0.1:2379            | http://127.0.0.1:2379                       | ''",
        "etcd://localhost                 | http://localhost:2379                       | ''",
        "ETCD://h1:1,h2:2,h3:3            | http://h1:1 http://h2:2 http://h3:3         | ''",
        "etcd://[::1]:4001/newroot3       | http://[::1]:4001                           | newroot3",
        "etcd://etcd-0.svc:2379/a/b/      | http://etcd-0.svc:2379                      | a/b",
      })
  void parse_accepts_cluster_store_urls(String url, String endpoints, String path) {
    EtcdUrl parsed = EtcdUrl.parse(url);

    assertThat(parsed.endpoints()).extracting(URI::toString).containsExactly(endpoints.split(" "));
    assertThat(parsed.path()).isEqualTo(path);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:2379       | the scheme must be etcd://",
        "127.0.0.1:2379              | the scheme must be etcd://",
        "etcd://                     | no host given",
        "etcd:///root                | no host given",
        "etcd://h1,,h2               | empty host in the host list",
        "etcd://h1,                  | empty host in the host list",
        "etcd://h1:                  | invalid port in h1:",
        "etcd://h1:abc               | invalid port in h1:abc",
        "etcd://h1:0                 | port out of range in h1:0",
        "etcd://h1:65536             | port out of range in h1:65536",
        "etcd://h1:2379:1            | invalid port in h1:2379:1",
        "etcd://bad_host:2379        | invalid host bad_host:2379",
        "etcd://user@h1:2379         | invalid host user@h1:2379",
        "etcd://[::1:2379            | unterminated IPv6 address in [::1:2379",
        "etcd://[zz]:2379            | invalid IPv6 address [zz]",
        "etcd://[::1]x               | invalid host [::1]x",
        "etcd://h1:2379/a//b         | empty path segment",
        "etcd://h1:2379?x=1          | query and fragment are not supported",
      })
  void parse_rejects_malformed_urls_naming_the_problem(String url, String why) {
    assertThatThrownBy(() -> EtcdUrl.parse(url))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid etcd URL \"" + url + "\": " + why);
  }

  @ParameterizedTest
  @CsvSource({"etcd://bad_host:2379", "''"})
  void builder_url_rejects_malformed_urls_before_connecting(String url) {
    assertThatThrownBy(() -> EtcdGlobalStore.builder().url(url))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("invalid etcd URL");
  }
}
