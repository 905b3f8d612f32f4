package dev.cnm.cli;

import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code cnm tutorial}: replays the seed tutorial ("Using multiple containers together") against a
 * fresh, seeded, in-memory engine, printing each command, its output and what it shows. It never
 * touches the state directory.
 */
final class Tutorial {
  /** The tutorial's engine seed: the same ids, names and addresses on every run. */
  static final long SEED = 2015;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private final PrintStream out;
  private final TickClock clock = new TickClock(SnapshotStore.SEEDED_EPOCH);
  private final Engine engine = Cnm.builder().seed(SEED).clock(clock).build();
  private final List<String> outputs = new ArrayList<>();
  private int failures;

  Tutorial(PrintStream out) {
    this.out = out;
  }

  /** One command: its arguments (computed from earlier outputs), its expected exit code, and its lesson. */
  private void step(Function<List<String>, List<String>> args, int expectedExit, String shows) {
    List<String> a = args.apply(outputs);
    clock.set(clock.peek().plusSeconds(1));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream both = new PrintStream(buf, true, StandardCharsets.UTF_8);
    int rc = new Commands(engine, both, both, clock::peek).execute(a);
    both.flush();
    String text = buf.toString(StandardCharsets.UTF_8);
    outputs.add(text.strip());
    out.println("$ cnm " + quote(a));
    out.print(text);
    if (rc != 0) {
      out.println("(exit status " + rc + ")");
    }
    if (rc != expectedExit) {
      failures++;
      out.println("!! expected exit status " + expectedExit);
    }
    out.println("# " + shows);
    out.println();
  }

  private void step(String line, int expectedExit, String shows) {
    List<String> a = split(line);
    step(o -> a, expectedExit, shows);
  }

  private void section(String title) {
    out.println("## " + title);
    out.println();
  }

  int run() {
    out.println("# Using multiple containers together (the tutorial, replayed by cnm with seed " + SEED + ")");
    out.println();

    section("Naming and inspecting containers");
    step("run --name ticktock jpetazzo/clock", 0,
        "a container named ticktock starts (cnm keeps it running instead of streaming the clock)");
    step("run --name ticktock jpetazzo/clock", 125,
        "names are unique: Docker refuses a second ticktock and names the container holding it");
    step("rename ticktock oldticktock", 0, "rename frees the name without destroying the container");
    step("run -d --name ticktock jpetazzo/clock", 0, "so ticktock can be used again; -d prints the full id");
    step("inspect --format '{{json .State.Running}}' ticktock", 0,
        "a template picks one field out of docker inspect's JSON; json quotes it as JSON");
    step("inspect --format '{{.Name}} {{.State.Status}} {{.Config.Image}}' oldticktock", 0,
        "the renamed container kept everything but its name");

    section("Container networking basics");
    step("run -d -P nginx", 0, "-P publishes every port the image exposes on a random host port");
    step(o -> List.of("port", o.get(o.size() - 1).substring(0, 12), "80"), 0,
        "docker port shows where container port 80 is published (IPv4 and IPv6)");
    step(o -> List.of("port", o.get(o.size() - 2).substring(0, 12)), 0,
        "without a port: every mapping of the container");
    step("run -d -p 80:80 nginx", 0, "port-on-host:port-on-container: host port 80 goes to this nginx");
    step("run -d -p 8080:80 nginx", 0, "a second nginx on host port 8080");
    step("run -d -p 8080:80 -p 8888:80 nginx", 125,
        "8080 is taken: the third nginx fails to start, exactly as Docker reports it, and stays Created");
    step("ps", 0, "the running containers with their published ports (newest first)");

    section("Network drivers: bridge, none, host, container");
    step("run -d --name web nginx", 0, "bridge (the default): web gets an eth0 on docker0's 172.17.0.0/16");
    step("exec web ip addr", 0, "inside: lo, and eth0 (a veth) with a private address on the bridge");
    step("run --rm --net none alpine ip addr", 0, "none: only the lo loopback interface, no eth0, no traffic");
    step("run --rm --net host alpine ip addr", 0, "host: the host's own interfaces and addresses, no NAT, no veth");
    step("run --rm --net container:web alpine ip addr", 0,
        "container:web: the same interfaces and addresses as web (its network stack is shared)");
    step("inspect -f '{{.HostConfig.NetworkMode}}' web", 0, "the default mode is bridge");

    section("The Container Network Model: networks dev and prod");
    step("network create dev", 0, "a user-defined bridge network; the full network id is printed");
    step("network ls", 0, "the predefined bridge, host and none, and dev (sorted by name)");
    step("run -d --name search --net dev elasticsearch", 0, "a container named search on dev");
    step("run -d --name client --net dev -ti alpine sh", 0, "a client on dev (the tutorial's alpine sh)");
    step("exec client nslookup search", 0, "dev's embedded DNS (127.0.0.11) answers for the container name search");
    step("network create prod", 0, "a second, separate network");
    step("network ls", 0, "now dev and prod");
    step("run -d --net prod --net-alias search -d elasticsearch", 0,
        "another elasticsearch, reachable as search on prod only (a network-scoped alias)");
    step("run --rm --net prod alpine nslookup search", 0,
        "from prod, search is the other container, with a different address");
    step("exec client getent hosts search", 0, "while from dev it is still the first one");
    step("network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{println}}{{end}}' prod", 0,
        "prod's containers and their addresses");
    step("run -d --net bridge --net-alias search elasticsearch", 125,
        "aliases are only for user-defined networks; the CLI refuses before asking the engine");

    section("Example: trainingwheels finds redis by name");
    step("run --net dev -d -P --name trainingwheels jpetazzo/trainingwheels", 0,
        "the web app starts; it connects to redis by name");
    step("exec trainingwheels getent hosts redis", 2, "it fails: nothing on dev is called redis yet");
    step("run -d --net dev --name redis -d redis", 0, "a container named redis on dev: the name is its DNS name");
    step("exec trainingwheels getent hosts redis", 0, "now the app finds redis, through dev's DNS");
    step("ps --filter network=dev --format '{{.Names}}\\t{{.Image}}\\t{{.Ports}}'", 0,
        "everything on dev, trainingwheels with its published port");

    section("Connecting containers with links");
    step("run -d --name datastore redis", 0, "the server comes first: a redis named datastore on the default bridge");
    step("run --rm --link datastore:redis alpine env", 0,
        "the client gets REDIS_* variables: datastore's address and port under the alias redis, and its ENV");
    step("run --rm --link datastore:redis alpine cat /etc/hosts", 0, "and a hosts entry for redis");
    step("network connect dev datastore", 0, "containers can be connected to more networks at any time");
    step("inspect -f '{{range $n, $e := .NetworkSettings.Networks}}{{$n}} {{end}}' datastore", 0,
        "datastore is now on bridge and dev");
    step("network rm dev", 1, "a network with running containers cannot be removed");

    out.println(failures == 0 ? "The tutorial ran to the end." : failures + " step(s) did not go as the tutorial says.");
    return failures == 0 ? 0 : 1;
  }

  /** Splits a shell-like line: single quotes group, nothing else is special. */
  static List<String> split(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inQuote = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '\'') {
        inQuote = !inQuote;
        any = true;
      } else if (c == ' ' && !inQuote) {
        if (any) {
          args.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      args.add(cur.toString());
    }
    return args;
  }

  static String quote(List<String> args) {
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(SAFE.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return sb.toString();
  }
}
