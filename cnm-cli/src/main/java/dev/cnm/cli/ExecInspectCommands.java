package dev.cnm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.NetworkInfo;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.image.Image;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.Template;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code exec} and {@code inspect} (whose output {@code network inspect} and {@code image
 * inspect} share). Without {@code --type}, {@code inspect} tries a container, an image, then a
 * network, as the docker CLI does.
 */
final class ExecInspectCommands {
  private static final Set<String> TYPES = Set.of("container", "network", "image", "volume", "node", "service",
      "task", "plugin", "secret", "config");

  private final Commands ctx;

  ExecInspectCommands(Commands ctx) {
    this.ctx = ctx;
  }

  /** The spec of {@code exec} or {@code inspect}. */
  Args spec(String name) {
    if (name.equals("exec")) {
      return Args.leading(name).describe("Execute a command in a running container")
          .flag("-i", "--interactive").flag("-t", "--tty").flag("-d", "--detach").flag("--privileged")
          .values("-e", "--env").value("-u", "--user").value("-w", "--workdir").value("--detach-keys")
          .body(this::exec);
    }
    return Args.interspersed(name).describe("Return low-level information on Docker objects")
        .value("-f", "--format").value("--type").flag("-s", "--size").body(this::inspect);
  }

  private int exec(Args a) {
    List<String> p = a.positionals();
    if (p.size() < 2) {
      throw ArgCount.of(a, "requires at least 2 arguments", "CONTAINER COMMAND [ARG...]");
    }
    Execs.Result r = Execs.execAny(ctx.engine(), p.get(0), p.subList(1, p.size()));
    ctx.out().print(r.stdout());
    ctx.err().print(r.stderr());
    return r.exitCode();
  }

  private int inspect(Args a) {
    List<String> refs = ArgCount.atLeast(a, 1, "NAME|ID [NAME|ID...]");
    String type = a.get("--type", "");
    if (!type.isEmpty() && !TYPES.contains(type)) {
      ctx.err().println("\"" + type + "\" is not a valid value for --type");
      return 1;
    }
    Template template = a.given("-f") ? Inputs.template(a.get("-f")) : null;
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String ref : refs) {
      JsonNode doc = null;
      try {
        if (type.isEmpty() || type.equals("container")) {
          Optional<ContainerInfo> c = ctx.engine().findContainer(ref);
          if (c.isPresent()) {
            doc = DockerJson.container(c.get());
          } else if (type.equals("container")) {
            errors.add(Commands.DAEMON + "No such container: " + ref);
            continue;
          }
        }
        if (doc == null && (type.isEmpty() || type.equals("image"))) {
          // the docker CLI tries an image after a container, before a network
          Optional<Image> i = type.isEmpty() ? findImage(ref) : Optional.of(ctx.engine().images().image(ref));
          if (i.isPresent()) {
            doc = DockerJson.image(i.get());
          }
        }
        if (doc == null && (type.isEmpty() || type.equals("network"))) {
          Optional<NetworkInfo> n = ctx.engine().findNetwork(ref);
          if (n.isPresent()) {
            doc = DockerJson.network(n.get());
          } else if (type.equals("network")) {
            errors.add(Commands.DAEMON + "network " + ref + " not found");
            continue;
          }
        }
      } catch (CnmException e) {
        errors.add(Commands.DAEMON + e.getMessage());
        continue;
      }
      if (doc == null) {
        errors.add("Error: No such object: " + ref);
      } else {
        found.add(doc);
      }
    }
    return print(ctx.out(), ctx.err(), found, errors, template);
  }

  /** The image {@code ref} names, or empty; a reference no image can have is no image either. */
  private Optional<Image> findImage(String ref) {
    try {
      return ctx.engine().images().findImage(ref);
    } catch (CnmException e) {
      return Optional.empty();
    }
  }

  /** The documents found (as a JSON array, or each through {@code template}), then the errors; exit 1 with any. */
  static int print(PrintStream out, PrintStream err, List<JsonNode> found, List<String> errors, Template template) {
    if (template == null) {
      out.print(DockerJson.inspectOutput(found));
    } else {
      for (JsonNode doc : found) {
        out.println(template.execute(doc));
      }
    }
    for (String e : errors) {
      err.println(e);
    }
    return errors.isEmpty() ? 0 : 1;
  }
}
