package dev.cnm.core;

import dev.cnm.api.image.ImageCatalog;
import dev.cnm.api.process.Invocation;
import dev.cnm.api.process.Program;
import dev.cnm.api.process.Script;
import dev.cnm.core.internal.process.BuiltinPrograms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what a container's process does: the program registered for its image (when it runs the
 * image's own command), else the program its command names (after wrappers that exec their
 * arguments), registered by the caller or built in ({@link BuiltinPrograms}); a program the engine
 * does not know keeps running ({@link Script#forever()}), as a server would, and so does the
 * command of an image the registry made up for a name it does not know ({@link Images#isGeneric}).
 */
final class Programs {
  /**
   * Entrypoints that end by running their arguments in their place ({@code exec "$@"}) or, as
   * tini and dumb-init do, as their only child with the signals forwarded: the process behaves as
   * the program they run.
   */
  private static final Set<String> WRAPPERS = Set.of("docker-entrypoint.sh", "tini", "tini-static", "dumb-init",
      "docker-php-entrypoint");

  private final Map<String, Program> named;
  private final Map<String, Program> byImage;

  Programs(Map<String, Program> named, Map<String, Program> byImage) {
    this.named = Map.copyOf(named);
    this.byImage = Map.copyOf(byImage);
  }

  /** The script of a container's start: its entrypoint and command, its environment and terminal. */
  Script forStart(ContainerRecord c, List<String> env) {
    List<String> argv = new ArrayList<>(c.entrypoint);
    argv.addAll(c.command);
    if (c.spec.command().isEmpty() && c.spec.entrypoint().isEmpty()) {
      Optional<Program> image = imageProgram(c.spec.image());
      if (image.isPresent()) {
        return image.get().script(invocation(c, argv.isEmpty() ? List.of(c.spec.image()) : argv, env));
      }
      if (Images.isGeneric(c.imageConfig)) {
        return Script.forever(); // an application the registry knows nothing of, not a shell
      }
    }
    return resolve(c, argv, env);
  }

  /** The script of a program a running script hands over to ({@code exec}). */
  Script resolve(ContainerRecord c, List<String> argv, List<String> env) {
    List<String> run = unwrap(argv);
    if (run.isEmpty()) {
      return Script.forever();
    }
    Invocation inv = invocation(c, run, env);
    Program p = named.get(inv.programName());
    if (p != null) {
      return p.script(inv);
    }
    return BuiltinPrograms.script(inv).orElse(Script.forever());
  }

  private Optional<Program> imageProgram(String image) {
    String ref;
    try {
      ref = ImageCatalog.normalize(image);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Program exact = byImage.get(ref);
    if (exact != null) {
      return Optional.of(exact);
    }
    String repo = repository(ref);
    return byImage.entrySet().stream().filter(e -> repository(e.getKey()).equals(repo)).map(Map.Entry::getValue)
        .findFirst();
  }

  private static String repository(String ref) {
    int at = ref.indexOf('@');
    String r = at >= 0 ? ref.substring(0, at) : ref;
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
  }

  private static Invocation invocation(ContainerRecord c, List<String> argv, List<String> env) {
    return Invocation.builder().argv(argv).env(env).tty(c.spec.tty()).openStdin(c.spec.openStdin()).build();
  }

  /**
   * Drops the wrappers at the front of {@code argv}: {@code docker-entrypoint.sh nginx -g ...} runs
   * nginx, {@code /bin/tini -- /usr/local/bin/docker-entrypoint.sh eswrapper} runs eswrapper. A
   * wrapper's own options ({@code tini -g --}) go with it.
   */
  static List<String> unwrap(List<String> argv) {
    List<String> rest = argv;
    while (!rest.isEmpty()) {
      String first = rest.get(0);
      String name = first.substring(first.lastIndexOf('/') + 1);
      if (!WRAPPERS.contains(name) || rest.size() == 1) {
        return rest;
      }
      int i = 1;
      if (name.startsWith("tini") || name.equals("dumb-init")) {
        while (i < rest.size() && rest.get(i).startsWith("-")) {
          if (rest.get(i++).equals("--")) {
            break;
          }
        }
      }
      rest = rest.subList(i, rest.size());
    }
    return rest;
  }
}
