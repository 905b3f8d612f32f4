package dev.cnm.dockerapi.internal;

import dev.cnm.api.error.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Engine API's route table, as moby's routers declare theirs: a method and a path pattern
 * whose {@code {name}} variables match one path segment, and {@code {name:.*}} any rest of the
 * path ({@code /images/{name:.*}/json} for {@code library/nginx}). Paths are matched decoded, as
 * Go's {@code URL.Path} is: {@code /networks/my%20net} names the network {@code my net}.
 *
 * <pre>{@code
 * Router router = Router.builder()
 *     .get("/networks/{id}", (r, c) -> inspect(r.var("id"), c))
 *     .post("/networks/create", this::create)
 *     .build();
 * }</pre>
 */
final class Router {
  /** What a route does with its request; it answers through {@code conn}. */
  interface Handler {
    void handle(Request request, Conn conn);
  }

  /**
   * One route. {@code mutates}: whether a successful call may change the engine, so that the
   * server saves before answering. {@code waits}: whether it may wait for the engine's clock (a
   * stop's timeout, a foreground run's program), so that the server runs it off its writer.
   */
  record Route(String method, String template, Pattern pattern, List<String> vars, Handler handler, boolean mutates,
      boolean waits) {}

  /** A route and the variables its pattern captured. */
  record Match(Route route, Map<String, String> vars) {}

  private static final Pattern VAR = Pattern.compile("\\{([A-Za-z]+)(:\\.\\*)?}");

  private final List<Route> routes;

  private Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Every route, in the order they are tried. */
  List<Route> routes() {
    return routes;
  }

  /** The first route of {@code method} whose pattern matches the decoded {@code path}. */
  Optional<Match> match(String method, String path) {
    for (Route r : routes) {
      if (!r.method().equals(method)) {
        continue;
      }
      Matcher m = r.pattern().matcher(path);
      if (m.matches()) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < r.vars().size(); i++) {
          vars.put(r.vars().get(i), m.group(i + 1));
        }
        return Optional.of(new Match(r, vars));
      }
    }
    return Optional.empty();
  }

  /**
   * Decodes {@code %XX} escapes (UTF-8) as Go's URL parser does for a path; {@code +} stays a
   * plus.
   *
   * @throws InvalidParameterException {@code invalid URL escape "%zz"}
   */
  static String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); ) {
      char c = raw.charAt(i);
      if (c != '%') {
        int end = i + 1;
        while (end < raw.length() && raw.charAt(end) != '%') {
          end++;
        }
        out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
        continue;
      }
      int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
      int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
      if (lo < 0) {
        String bad = raw.substring(i, Math.min(i + 3, raw.length()));
        throw new InvalidParameterException("invalid URL escape " + GoJson.quote(bad));
      }
      out.write(hi * 16 + lo);
      i += 3;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a raw query as Go's {@code url.ParseQuery} does for moby's {@code ParseForm}: pairs
   * split at {@code &}, {@code +} is a space, {@code %XX} escapes are UTF-8 bytes.
   *
   * @throws InvalidParameterException Go's first error: {@code invalid URL escape "%zz"}, {@code
   *     invalid semicolon separator in query}
   */
  static Map<String, List<String>> decodeQuery(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    InvalidParameterException first = null;
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (pair.contains(";")) {
        first = first != null ? first : new InvalidParameterException("invalid semicolon separator in query");
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String key = unescapeQuery(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : unescapeQuery(pair.substring(eq + 1));
        out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      } catch (InvalidParameterException e) {
        first = first != null ? first : e;
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }

  private static String unescapeQuery(String s) {
    return decodePath(s.replace('+', ' '));
  }

  /** Collects routes in order; the first match wins. */
  static final class Builder {
    private final List<Route> routes = new ArrayList<>();

    private Builder() {}

    /** A read: GET. */
    Builder get(String template, Handler h) {
      return add("GET", template, h, false);
    }

    /** HEAD, where the API answers it ({@code /_ping}). */
    Builder head(String template, Handler h) {
      return add("HEAD", template, h, false);
    }

    /** A POST that may change the engine. */
    Builder post(String template, Handler h) {
      return add("POST", template, h, true);
    }

    /**
     * A POST that may change the engine and may wait for the engine's clock until it is done
     * ({@code stop}, {@code restart}, a foreground {@code start}).
     */
    Builder postWaiting(String template, Handler h) {
      return add("POST", template, h, true, true);
    }

    /** A POST that changes no engine state ({@code wait}, {@code attach}, {@code resize}, {@code exec} create). */
    Builder postReadOnly(String template, Handler h) {
      return add("POST", template, h, false);
    }

    /** A DELETE. */
    Builder delete(String template, Handler h) {
      return add("DELETE", template, h, true);
    }

    private Builder add(String method, String template, Handler h, boolean mutates) {
      return add(method, template, h, mutates, false);
    }

    private Builder add(String method, String template, Handler h, boolean mutates, boolean waits) {
      StringBuilder regex = new StringBuilder();
      List<String> vars = new ArrayList<>();
      Matcher m = VAR.matcher(template);
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(template.substring(last, m.start())));
        vars.add(m.group(1));
        regex.append(m.group(2) == null ? "([^/]+)" : "(.+)");
        last = m.end();
      }
      regex.append(Pattern.quote(template.substring(last)));
      routes.add(new Route(method, template, Pattern.compile(regex.toString()), List.copyOf(vars), h, mutates,
          waits));
      return this;
    }

    Router build() {
      return new Router(routes);
    }
  }
}
