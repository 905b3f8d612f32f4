package dev.cnm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.BuildResult;
import dev.cnm.api.image.Image;
import dev.cnm.api.image.ImageDeleteItem;
import dev.cnm.api.image.ImageReference;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.core.filter.FilterArgs;
import dev.cnm.core.filter.ImageListOptions;
import dev.cnm.core.filter.Listing;
import dev.cnm.core.format.ImageHistoryFormat;
import dev.cnm.core.format.ImageListFormat;
import dev.cnm.core.format.ProgressDisplay;
import dev.cnm.core.image.BuildContexts;
import dev.cnm.core.json.DockerJson;
import dev.cnm.core.template.Template;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The image commands: {@code images} ({@code image ls}), {@code image inspect}, {@code pull},
 * {@code build} (the classic builder: what {@code DOCKER_BUILDKIT=0 docker build} prints),
 * {@code tag}, {@code rmi} ({@code image rm}) and {@code history}, with docker 28's flags,
 * outputs and exit codes; and the pull {@code run} and {@code create} make when the daemon
 * answers that an image is not there.
 */
final class ImageCommands {
  private final Commands ctx;

  ImageCommands(Commands ctx) {
    this.ctx = ctx;
  }

  /** The spec of the command {@code name}: top-level ({@code images}, {@code rmi}) or in the {@code image} group. */
  Args spec(String name) {
    switch (name) {
      case "images":
      case "ls":
        return Args.interspersed(name).describe("List images")
            .flag("-a", "--all").flag("-q", "--quiet").flag("--no-trunc").flag("--digests").flag("--tree")
            .values("-f", "--filter").value("--format").body(this::images);
      case "inspect":
        return Args.interspersed(name).describe("Display detailed information on one or more images")
            .value("-f", "--format").value("--platform").body(this::inspect);
      case "pull":
        return Args.interspersed(name).describe("Download an image from a registry")
            .flag("-a", "--all-tags").flag("-q", "--quiet").value("--platform").flag("--disable-content-trust")
            .body(this::pull);
      case "build":
        return Args.interspersed(name).describe("Build an image from a Dockerfile")
            .values("-t", "--tag").value("-f", "--file").values("--build-arg").values("--label")
            .flag("-q", "--quiet").flag("--no-cache").flag("--pull").flag("--rm").flag("--force-rm")
            .value("--target").value("--iidfile").value("--network").value("--platform").values("--add-host")
            .flag("--compress").body(this::build);
      case "tag":
        return Args.leading(name).describe("Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE").body(this::tag);
      case "rmi":
      case "rm":
        return Args.interspersed(name).describe("Remove one or more images")
            .flag("-f", "--force").flag("--no-prune").values("--platform").body(this::remove);
      case "history":
        return Args.interspersed(name).describe("Show the history of an image")
            .flag("-H", "--human").flag("-q", "--quiet").flag("--no-trunc").value("--format").value("--platform")
            .body(this::history);
      default:
        throw new IllegalArgumentException("not an image command: " + name);
    }
  }

  // ---- images -----------------------------------------------------------------------------------

  private int images(Args a) {
    List<String> p = a.positionals();
    if (p.size() > 1) {
      throw ArgCount.of(a, "accepts at most 1 argument", "[REPOSITORY[:TAG]]");
    }
    if (a.has("--tree")) {
      ctx.err().println("--tree is not supported by cnm (a single-platform engine has no image index)");
      return 1;
    }
    FilterArgs filters = Inputs.filters(a.all("-f"), "-f, --filter");
    if (!p.isEmpty()) {
      FilterArgs.Builder b = FilterArgs.builder();
      for (String k : filters.keys()) {
        filters.get(k).forEach(v -> b.add(k, v));
      }
      filters = b.add("reference", p.get(0)).build();
    }
    ImageListFormat format = ImageListFormat.of(a.get("--format", ""), a.has("-q"), a.has("--digests"));
    if (a.has("--no-trunc")) {
      format = format.noTrunc();
    }
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    Clock clock = Clock.fixed(ctx.now(), ZoneOffset.UTC);
    List<Image> images = Listing.images(ctx.engine(), ImageListOptions.builder().all(a.has("-a")).filters(filters)
        .build(), clock);
    images.forEach(i -> rows.add(DockerJson.imageSummary(i)));
    ctx.out().print(format.format(rows, ctx.now()));
    if (!p.isEmpty() && images.isEmpty() && a.spec().name().equals("images") && AMBIGUOUS.contains(p.get(0))) {
      ctx.err().println();
      ctx.err().println("No images found matching \"" + p.get(0) + "\": did you mean \"docker image " + p.get(0)
          + "\"?");
    }
    return 0;
  }

  /** The subcommands of {@code docker image} that {@code docker images NAME} may have meant. */
  private static final List<String> AMBIGUOUS = List.of("build", "history", "import", "inspect", "list", "load",
      "ls", "prune", "pull", "push", "rm", "save", "tag");

  private int inspect(Args a) {
    List<String> refs = ArgCount.atLeast(a, 1, "IMAGE [IMAGE...]");
    Template template = a.given("-f") ? Inputs.template(a.get("-f")) : null;
    List<JsonNode> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String ref : refs) {
      try {
        found.add(DockerJson.image(ctx.engine().images().image(ref)));
      } catch (CnmException e) {
        errors.add(Commands.DAEMON + e.getMessage());
      }
    }
    return ExecInspectCommands.print(ctx.out(), ctx.err(), found, errors, template);
  }

  // ---- pull -------------------------------------------------------------------------------------

  private int pull(Args a) {
    List<String> p = ArgCount.exactly(a, 1, "NAME[:TAG|@DIGEST]");
    ImageReference ref;
    try {
      ref = ImageReference.parse(p.get(0));
    } catch (InvalidParameterException e) {
      ctx.err().println(e.getMessage());
      return 1;
    }
    boolean all = a.has("-a");
    boolean nameOnly = !ref.isTagged() && !ref.isDigested();
    if (all && !nameOnly) {
      ctx.err().println("tag can't be used with --all-tags/-a");
      return 1;
    }
    if (!all && nameOnly) {
      ref = ref.withDefaultTag();
      if (!a.has("-q")) {
        ctx.out().println("Using default tag: " + ImageReference.DEFAULT_TAG);
      }
    }
    Consumer<ProgressMessage> show = a.has("-q") ? m -> {} : display(ctx.out());
    try {
      if (all) {
        ctx.engine().images().pullAllTags(ref.toString(), show);
      } else {
        ctx.engine().images().pull(ref.toString(), show);
      }
    } catch (CnmException e) {
      ctx.err().println(Commands.DAEMON + e.getMessage());
      return 1;
    }
    ctx.out().println(ref);
    return 0;
  }

  /** The docker CLI's display of a progress stream off a terminal. */
  static Consumer<ProgressMessage> display(PrintStream out) {
    return m -> out.print(ProgressDisplay.text(m));
  }

  /**
   * The pull {@code run} and {@code create} make on the daemon's {@code No such image} (the
   * docker CLI's {@code pullImage}): {@code Unable to find image 'nginx:latest' locally} and the
   * progress, on standard error; false when {@code image} is no name to pull (an id).
   */
  static boolean pullForCreate(Commands ctx, String image, boolean quiet) {
    ImageReference named;
    try {
      named = ImageReference.parse(image).withDefaultTag();
    } catch (InvalidParameterException e) {
      return false;
    }
    PrintStream err = ctx.err();
    if (!quiet) {
      err.println("Unable to find image '" + named.familiarString() + "' locally");
    }
    ctx.engine().images().pull(named.toString(), quiet ? m -> {} : display(err));
    return true;
  }

  // ---- build ------------------------------------------------------------------------------------

  private int build(Args a) {
    List<String> p = ArgCount.exactly(a, 1, "PATH | URL | -");
    String contextArg = p.get(0);
    List<String> tags = a.all("-t");
    for (String t : tags) {
      try {
        ImageReference r = ImageReference.parse(t);
        if (r.isDigested()) {
          throw new InvalidParameterException("build tag cannot contain a digest");
        }
      } catch (InvalidParameterException e) {
        throw new UsageException("invalid argument \"" + t + "\" for \"-t, --tag\" flag: " + e.getMessage());
      }
    }
    if (contextArg.equals("-") || contextArg.contains("://") || contextArg.startsWith("git@")) {
      ctx.err().println("unable to prepare context: cnm builds from a local directory only, not from \""
          + contextArg + "\"");
      return 1;
    }
    Path dir = Path.of(contextArg).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      ctx.err().println("unable to prepare context: path \"" + contextArg + "\" not found");
      return 1;
    }
    String dockerfileName;
    byte[] outsideDockerfile = null;
    if (a.given("-f")) {
      Path df = Path.of(a.get("-f")).toAbsolutePath().normalize();
      if (!Files.exists(df)) {
        ctx.err().println("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat " + df
            + ": no such file or directory");
        return 1;
      }
      if (df.startsWith(dir)) {
        dockerfileName = dir.relativize(df).toString().replace('\\', '/');
      } else {
        // a Dockerfile outside the context is sent inside it, under a name of its own
        dockerfileName = ".dockerfile." + Long.toHexString(df.toString().hashCode() & 0xffffffffL);
        try {
          outsideDockerfile = Files.readAllBytes(df);
        } catch (IOException e) {
          ctx.err().println("unable to open Dockerfile: " + e.getMessage());
          return 1;
        }
      }
    } else {
      dockerfileName = "Dockerfile";
      if (!Files.exists(dir.resolve("Dockerfile"))) {
        if (Files.exists(dir.resolve("dockerfile"))) {
          dockerfileName = "dockerfile";
        } else {
          ctx.err().println("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat "
              + dir.resolve("Dockerfile") + ": no such file or directory");
          return 1;
        }
      }
    }
    BuildContext context;
    try {
      context = BuildContexts.fromDirectory(dir, dockerfileName);
    } catch (UncheckedIOException e) {
      ctx.err().println("error checking context: " + e.getCause().getMessage());
      return 1;
    }
    if (outsideDockerfile != null) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (String path : context.paths()) {
        files.put(path, context.file(path).orElseThrow());
      }
      files.put(dockerfileName, outsideDockerfile);
      context = BuildContext.of(files);
    }
    boolean quiet = a.has("-q");
    PrintStream out = ctx.out();
    if (!quiet) {
      // the CLI's progress off a terminal: only the last update, then its newline
      long size = BuildContexts.toTar(context).length;
      out.print("Sending build context to Docker daemon  " + String.format("%8s", DockerJson.humanSize(size, 4))
          + "\r\r\n");
    }
    BuildRequest.Builder request = BuildRequest.builder().context(context).dockerfile(dockerfileName)
        .addAllTags(tags).target(a.get("--target", "")).noCache(a.has("--no-cache")).pull(a.has("--pull"));
    for (String arg : a.all("--build-arg")) {
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        request.putBuildArg(arg.substring(0, eq), arg.substring(eq + 1));
      } else {
        String v = System.getenv(arg);
        if (v != null) {
          request.putBuildArg(arg, v);
        }
      }
    }
    request.putAllLabels(Inputs.keyValues(a.all("--label")));
    StringBuilder held = new StringBuilder();
    boolean[] wrote = {false};
    Consumer<ProgressMessage> show = m -> {
      wrote[0] = true;
      String text = ProgressDisplay.text(m);
      if (quiet) {
        held.append(text);
      } else {
        out.print(text);
      }
    };
    BuildResult result;
    try {
      result = ctx.engine().images().build(request.build(), show);
    } catch (CnmException e) {
      if (quiet) {
        ctx.err().print(held);
      }
      ctx.err().println(wrote[0] ? e.getMessage() : Commands.DAEMON + e.getMessage());
      return 1;
    }
    String id = result.image().id();
    if (quiet) {
      out.println(id);
    }
    if (a.given("--iidfile")) {
      try {
        Files.writeString(Path.of(a.get("--iidfile")), id, StandardCharsets.UTF_8);
      } catch (IOException e) {
        ctx.err().println(e.getMessage());
        return 1;
      }
    }
    return 0;
  }

  // ---- tag, rmi, history ------------------------------------------------------------------------

  private int tag(Args a) {
    List<String> p = ArgCount.exactly(a, 2, "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]");
    ImageReference target;
    try {
      ImageReference.parse(p.get(0).matches("[a-f0-9]{64}|sha256:[a-f0-9]{64}") ? "x" : p.get(0));
    } catch (InvalidParameterException e) {
      ctx.err().println("Error parsing reference: \"" + p.get(0) + "\" is not a valid repository/tag: "
          + e.getMessage());
      return 1;
    }
    try {
      target = ImageReference.parse(p.get(1));
    } catch (InvalidParameterException e) {
      ctx.err().println("Error parsing reference: \"" + p.get(1) + "\" is not a valid repository/tag: "
          + e.getMessage());
      return 1;
    }
    if (target.isDigested()) {
      ctx.err().println("refusing to create a tag with a digest reference");
      return 1;
    }
    ctx.engine().images().tag(p.get(0), target.withDefaultTag().toString());
    return 0;
  }

  private int remove(Args a) {
    List<String> refs = ArgCount.atLeast(a, 1, "IMAGE [IMAGE...]");
    boolean force = a.has("-f");
    boolean fatal = false;
    List<String> errors = new ArrayList<>();
    for (String ref : refs) {
      try {
        for (ImageDeleteItem item : ctx.engine().images().remove(ref, force, a.has("--no-prune"))) {
          ctx.out().println(item);
        }
      } catch (CnmException e) {
        if (!(e instanceof NotFoundException)) {
          fatal = true;
        }
        errors.add(Commands.DAEMON + e.getMessage());
      }
    }
    if (errors.isEmpty()) {
      return 0;
    }
    errors.forEach(ctx.err()::println);
    return !force || fatal ? 1 : 0;
  }

  private int history(Args a) {
    List<String> p = ArgCount.exactly(a, 1, "IMAGE");
    boolean human = !a.given("-H") || a.has("-H");
    ImageHistoryFormat format = ImageHistoryFormat.of(a.get("--format", ""), a.has("-q"), human);
    if (a.has("--no-trunc")) {
      format = format.noTrunc();
    }
    ctx.out().print(format.format(DockerJson.imageHistory(ctx.engine().images().history(p.get(0))), ctx.now()));
    return 0;
  }
}
