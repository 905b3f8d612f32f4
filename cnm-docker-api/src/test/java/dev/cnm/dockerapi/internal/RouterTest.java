package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.core.Cnm;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Router.Handler none = (r, c) -> {};
  private final Router router = Router.builder()
      .get("/networks", none)
      .post("/networks/create", none)
      .get("/networks/{id}", none)
      .postReadOnly("/containers/{name}/wait", none)
      .get("/images/{name:.*}/json", none)
      .build();

  private Optional<String> route(String method, String path) {
    return router.match(method, path).map(m -> m.route().template() + " " + m.vars());
  }

  @Test
  void a_variable_takes_one_segment_and_a_rest_variable_several() {
    assertThat(route("GET", "/networks/dev")).hasValue("/networks/{id} {id=dev}");
    assertThat(route("GET", "/networks/dev/extra")).isEmpty();
    assertThat(route("GET", "/images/library/nginx:1.25/json")).hasValue("/images/{name:.*}/json {name=library/nginx:1.25}");
    assertThat(route("GET", "/images//json")).isEmpty();
  }

  @Test
  void the_method_must_match_and_the_first_route_wins() {
    assertThat(route("POST", "/networks/create")).hasValue("/networks/create {}");
    assertThat(route("GET", "/networks/create")).hasValue("/networks/{id} {id=create}");
    assertThat(route("DELETE", "/networks/dev")).isEmpty();
    assertThat(router.match("POST", "/containers/web/wait").orElseThrow().route().mutates()).isFalse();
    assertThat(router.match("POST", "/networks/create").orElseThrow().route().mutates()).isTrue();
  }

  @Test
  void literal_parts_are_not_regular_expressions() {
    Router dots = Router.builder().get("/a.b/{x}", none).build();
    assertThat(dots.match("GET", "/a.b/1")).isPresent();
    assertThat(dots.match("GET", "/aXb/1")).isEmpty();
  }

  @Test
  void paths_decode_as_go_decodes_them() {
    assertThat(Router.decodePath("/networks/my%20net")).isEqualTo("/networks/my net");
    assertThat(Router.decodePath("/networks/a+b")).isEqualTo("/networks/a+b");
    assertThat(Router.decodePath("/networks/caf%C3%A9")).isEqualTo("/networks/café");
    assertThat(Router.decodePath("/networks/a%2Fb")).isEqualTo("/networks/a/b");
    assertThatThrownBy(() -> Router.decodePath("/networks/a%zz"))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid URL escape \"%zz\"");
    assertThatThrownBy(() -> Router.decodePath("/networks/a%2"))
        .isInstanceOf(InvalidParameterException.class).hasMessage("invalid URL escape \"%2\"");
  }

  @Test
  void the_servers_table_resource_by_resource_with_the_routes_that_save_starred() {
    ApiState state = new ApiState(Cnm.newEngine(), Clock.systemUTC());
    List<Router.Route> routes = Api.routes(state, new Waiters(state), new Followers()).routes();
    Map<String, Long> counts = routes.stream()
        .collect(Collectors.groupingBy(r -> r.method() + " " + r.template(), Collectors.counting()));
    assertThat(counts.values()).allMatch(n -> n == 1);
    assertThat(routes.stream().map(r -> (r.mutates() ? "*" : "") + r.method() + " " + r.template())).containsExactly(
        "GET /_ping", "HEAD /_ping", "GET /version", "GET /info", "GET /events",
        "GET /networks", "*POST /networks/create", "*POST /networks/prune", "GET /networks/{id}",
        "*DELETE /networks/{id}", "*POST /networks/{id}/connect", "*POST /networks/{id}/disconnect",
        "GET /containers/json", "*POST /containers/create", "*POST /containers/prune", "*DELETE /containers/{name}",
        "GET /containers/{name}/json", "*POST /containers/{name}/start", "*POST /containers/{name}/stop",
        "*POST /containers/{name}/restart", "*POST /containers/{name}/kill", "*POST /containers/{name}/rename",
        "POST /containers/{name}/wait", "POST /containers/{name}/attach", "POST /containers/{name}/resize",
        "GET /containers/{name}/logs",
        "POST /containers/{name}/exec", "GET /exec/{id}/json", "POST /exec/{id}/resize", "*POST /exec/{id}/start",
        "GET /images/json", "GET /images/{name:.*}/history", "GET /images/{name:.*}/json", "*POST /images/create",
        "*POST /images/{name:.*}/tag", "*DELETE /images/{name:.*}",
        "*POST /build",
        "GET /volumes/{name}",
        "GET /plugins", "GET /plugins/{name:.*}/json");
  }

  /** Go's url.ParseQuery, as moby's ParseForm reads a query; its errors Go-quoted (found by RequestsFuzzTest). */
  @Test
  void a_query_decodes_as_go_decodes_it() {
    assertThat(Router.decodeQuery("all=1&filters=%7B%22a%22%7D&x=a+b&x&&y="))
        .containsExactly(java.util.Map.entry("all", java.util.List.of("1")),
            java.util.Map.entry("filters", java.util.List.of("{\"a\"}")),
            java.util.Map.entry("x", java.util.List.of("a b", "")), java.util.Map.entry("y", java.util.List.of("")));
    assertThatThrownBy(() -> Router.decodeQuery("filters=%zz&all=1")).hasMessage("invalid URL escape \"%zz\"");
    assertThatThrownBy(() -> Router.decodeQuery("a=%\r\r")).hasMessage("invalid URL escape \"%\\r\\r\"");
    assertThatThrownBy(() -> Router.decodeQuery("a=1;b=2")).hasMessage("invalid semicolon separator in query");
  }
}
