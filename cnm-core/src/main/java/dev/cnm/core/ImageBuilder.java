package dev.cnm.core;

import dev.cnm.api.Healthcheck;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.image.BuildContext;
import dev.cnm.api.image.BuildRequest;
import dev.cnm.api.image.BuildResult;
import dev.cnm.api.image.ImageConfig;
import dev.cnm.api.image.ImageHistory;
import dev.cnm.api.image.ImageReference;
import dev.cnm.api.image.ProgressMessage;
import dev.cnm.api.port.ExposedPort;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.core.image.DockerIgnore;
import dev.cnm.core.internal.GlobMatch;
import dev.cnm.core.internal.build.DockerfileParser;
import dev.cnm.core.internal.build.Instructions;
import dev.cnm.core.internal.build.Instructions.Command;
import dev.cnm.core.internal.build.ShellLex;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Docker 28's classic builder ({@code builder/dockerfile}, {@code DOCKER_BUILDKIT=0}) over the
 * engine's image store: it parses the Dockerfile, runs every stage instruction by instruction,
 * commits each step as an image whose parent is the step before (so that the build cache and
 * {@code docker images -a} see them), and writes the builder's output word for word ({@code Step
 * 2/3 : ENV A=1}, {@code  ---> Running in 0123456789ab}, {@code Successfully built ...}).
 *
 * <p>Metadata instructions ({@code ENV}, {@code LABEL}, {@code CMD}, {@code ENTRYPOINT}, {@code
 * EXPOSE}, {@code WORKDIR}, {@code USER}, {@code HEALTHCHECK}, {@code STOPSIGNAL}, {@code
 * VOLUME}, {@code SHELL}, {@code ONBUILD}, {@code ARG}, {@code MAINTAINER}) change the image's
 * configuration exactly as the classic builder does. {@code RUN} runs nothing: it adds a layer
 * of no content (0 bytes) named after its command. {@code COPY} and {@code ADD} resolve their
 * sources in the context (wildcards, directories, the messages for a missing file) and add a
 * layer named after the sources' content hash, whose size is theirs; nothing is extracted and
 * nothing is downloaded. The intermediate containers of the steps are named in the output but
 * not kept (as with the default {@code --rm}). Called under the engine's lock.
 */
final class ImageBuilder {
  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
  private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final String SCRATCH = "scratch";
  private static final String DOCKER_VERSION = dev.cnm.core.json.DockerVersion.ENGINE;

  private final EngineServices services;
  private final ImageTable table;
  private final Images images;

  ImageBuilder(EngineServices services, ImageTable table, Images images) {
    this.services = services;
    this.table = table;
    this.images = images;
  }

  /** A build step failed: the message is Docker's, and the build's output so far was written. */
  private static final class StepException extends SystemException {
    private static final long serialVersionUID = 1L;

    StepException(String message) {
      super(message);
    }
  }

  /** {@code docker build}: moby's {@code Backend.Build} with the classic builder. */
  BuildResult build(BuildRequest request, Consumer<ProgressMessage> progress) {
    List<ProgressMessage> messages = new ArrayList<>();
    Consumer<ProgressMessage> out = m -> {
      messages.add(m);
      progress.accept(m);
    };
    List<ImageReference> tags = sanitizeTags(request.tags());
    String name = request.dockerfile().isEmpty() ? "Dockerfile" : request.dockerfile();
    byte[] bytes = dockerfile(request.context(), name);
    if (bytes.length == 0) {
      throw new InvalidParameterException("the Dockerfile (" + name + ") cannot be empty");
    }
    DockerfileParser.Result parsed;
    try {
      parsed = DockerfileParser.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (DockerfileParser.ParseException e) {
      throw new InvalidParameterException("failed to parse " + name + ": " + e.getMessage(), e);
    }
    Instructions.Parsed instructions = Instructions.parse(parsed);
    List<Instructions.Stage> stages = new ArrayList<>(instructions.stages());
    if (!request.target().isEmpty()) {
      int target = -1;
      for (int i = 0; i < stages.size(); i++) {
        if (stages.get(i).name().equalsIgnoreCase(request.target())) {
          target = i;
          break;
        }
      }
      if (target < 0) {
        throw new InvalidParameterException("target stage \"" + request.target() + "\" could not be found");
      }
      stages = new ArrayList<>(stages.subList(0, target + 1));
    }
    if (stages.isEmpty()) {
      throw new SystemException("No image was generated. Is your Dockerfile empty?");
    }
    addLabels(stages, request.labels());
    for (String w : parsed.warnings()) {
      out.accept(ProgressMessage.stream("\u001b[91m[WARNING]: " + w + "\n\u001b[0m"));
    }
    Run run = new Run(BuildRequest.builder().from(request).context(withoutBuildFiles(request.context(), name)).build(),
        parsed.escapeToken(), out);
    String imageId = run.dispatchAll(stages, instructions.metaArgs());
    if (imageId.isEmpty()) {
      throw new SystemException("No image was generated. Is your Dockerfile empty?");
    }
    out.accept(ProgressMessage.stream("Successfully built " + imageId.substring(7, 19) + "\n"));
    ImageRecord image = table.byExactId(imageId);
    for (ImageReference tag : tags) {
      images.tagImage(image, tag);
      out.accept(ProgressMessage.stream("Successfully tagged " + tag.familiarString() + "\n"));
    }
    return BuildResult.builder().image(images.info(image)).messages(messages).build();
  }

  /** {@code sanitizeRepoAndTags}: each tag parsed, with the default tag, without repeats. */
  private static List<ImageReference> sanitizeTags(List<String> names) {
    Map<String, ImageReference> unique = new LinkedHashMap<>();
    for (String n : names) {
      if (n.isEmpty()) {
        continue;
      }
      ImageReference ref;
      try {
        ref = ImageReference.parse(n);
      } catch (InvalidParameterException e) {
        throw new SystemException(e.getMessage(), e); // moby returns the parse error untyped: 500
      }
      if (ref.isDigested()) {
        throw new SystemException("build tag cannot contain a digest");
      }
      ref = ref.withDefaultTag();
      unique.putIfAbsent(ref.toString(), ref);
    }
    return List.copyOf(unique.values());
  }

  /** The Dockerfile's bytes; {@code Dockerfile} falls back to {@code dockerfile}, as moby's context does. */
  private static byte[] dockerfile(BuildContext context, String name) {
    return context.file(name)
        .or(() -> name.equals("Dockerfile") ? context.file("dockerfile") : java.util.Optional.empty())
        .orElseThrow(() -> new SystemException("Cannot locate specified Dockerfile: " + name));
  }

  /**
   * moby's {@code removeDockerfile}: when {@code .dockerignore} lists itself or the Dockerfile,
   * the daemon takes them out of the context (the CLI always sends them).
   */
  private static BuildContext withoutBuildFiles(BuildContext context, String dockerfile) {
    java.util.Optional<byte[]> ignoreFile = context.file(".dockerignore");
    if (ignoreFile.isEmpty()) {
      return context;
    }
    DockerIgnore ignore = DockerIgnore.parse(new String(ignoreFile.get(), StandardCharsets.UTF_8));
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String path : context.paths()) {
      boolean buildFile = path.equals(".dockerignore") || path.equals(dockerfile);
      if (!(buildFile && ignore.excludes(path))) {
        files.put(path, context.file(path).orElseThrow());
      }
    }
    return BuildContext.of(files);
  }

  /** {@code buildLabelOptions}: {@code --label}s become LABEL instructions at the end, sorted by key. */
  private static void addLabels(List<Instructions.Stage> stages, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return;
    }
    Instructions.Stage last = stages.get(stages.size() - 1);
    List<Command> commands = new ArrayList<>(last.commands());
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      Instructions.KeyValue kv = new Instructions.KeyValue(e.getKey(), e.getValue(), false);
      commands.add(new Instructions.Label("LABEL " + kv.text(), 0, List.of(kv), true));
    }
    stages.set(stages.size() - 1, new Instructions.Stage(last.name(), last.baseName(), last.platform(),
        last.sourceCode(), last.line(), List.copyOf(commands)));
  }

  // ---- one build ------------------------------------------------------------------------------

  /** One build's state: its arguments, the stages built so far, its output. */
  private final class Run {
    private final BuildRequest request;
    private final ShellLex lex;
    private final Consumer<ProgressMessage> out;
    private final BuildArgs buildArgs;
    /** Built stages in order, and by name: their image ids. */
    private final List<String> stageImages = new ArrayList<>();
    private final Map<String, String> stagesByName = new LinkedHashMap<>();
    private int step = 1;
    private int total;

    Run(BuildRequest request, char escape, Consumer<ProgressMessage> out) {
      this.request = request;
      this.lex = new ShellLex(escape);
      this.out = out;
      this.buildArgs = new BuildArgs(request.buildArgs());
    }

    private void print(String text) {
      out.accept(ProgressMessage.stream(text));
    }

    /** {@code printCommand}: {@code Step i/N : code}, and the newline as a message of its own. */
    private void printStep(String code) {
      print("Step " + step + "/" + total + " : " + code);
      print("\n");
      step++;
    }

    /** {@code dispatchDockerfileWithCancellation}: meta ARGs, then every stage. */
    String dispatchAll(List<Instructions.Stage> stages, List<Instructions.Arg> metaArgs) {
      total = metaArgs.size() + stages.size();
      for (Instructions.Stage s : stages) {
        total += s.commands().size();
      }
      for (Instructions.Arg meta : metaArgs) {
        printStep(meta.code());
        Map<String, String> env = buildArgs.allAllowed();
        for (Instructions.ArgPair a : meta.args()) {
          String key = lex.processWord(a.key(), env);
          String value = a.value() == null ? null : lex.processWord(a.value(), env);
          buildArgs.addArg(key, value);
          buildArgs.addMetaArg(key, value);
        }
      }
      State state = null;
      for (Instructions.Stage stage : stages) {
        if (!stage.name().isEmpty() && stagesByName.containsKey(stage.name())) {
          throw new StepException(stage.name() + " stage name already used");
        }
        state = new State(buildArgs.cloneReset());
        printStep(stage.sourceCode());
        initializeStage(state, stage);
        print(" ---> " + shortId(state.imageId) + "\n");
        for (Command cmd : stage.commands()) {
          printStep(cmd.code());
          dispatch(state, cmd);
          print(" ---> " + shortId(state.imageId) + "\n");
        }
        if (!state.imageId.isEmpty()) {
          out.accept(ProgressMessage.aux(state.imageId));
        }
        buildArgs.mergeReferenced(state.buildArgs);
        stageImages.add(state.imageId);
        if (!stage.name().isEmpty()) {
          stagesByName.put(stage.name().toLowerCase(Locale.ROOT), state.imageId);
        }
      }
      buildArgs.warnUnused(this::print);
      return state == null ? "" : state.imageId;
    }

    private String shortId(String id) {
      return id.isEmpty() ? "" : id.substring(id.indexOf(':') + 1, id.indexOf(':') + 13);
    }

    // ---- FROM ---------------------------------------------------------------------------------

    private void initializeStage(State state, Instructions.Stage stage) {
      String name = lex.processWord(stage.baseName(), buildArgs.allMeta());
      if (name.isEmpty()) {
        throw new StepException("base name (" + stage.baseName() + ") should not be blank");
      }
      ImageRecord base;
      String stageImage = stagesByName.get(name.toLowerCase(Locale.ROOT));
      if (stageImage != null) {
        base = stageImage.isEmpty() ? null : table.byExactId(stageImage);
      } else if (name.equals(SCRATCH)) {
        base = null;
      } else {
        base = baseImage(name);
      }
      state.beginStage(stage.name(), base);
      if (!state.config.onBuild.isEmpty()) {
        List<String> triggers = new ArrayList<>(state.config.onBuild);
        state.config.onBuild.clear();
        print("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : "") + "\n");
        for (String trigger : triggers) {
          DockerfileParser.Result r;
          try {
            r = DockerfileParser.parse(trigger);
          } catch (DockerfileParser.ParseException e) {
            throw new StepException(e.getMessage());
          }
          if (r.nodes().size() != 1) {
            throw new StepException("onbuild trigger should be a single expression");
          }
          dispatch(state, Instructions.parseCommand(r.nodes().get(0)));
        }
      }
    }

    /** The base image: local unless {@code --pull}, else pulled with its progress in the build's output. */
    private ImageRecord baseImage(String name) {
      if (!request.pull()) {
        java.util.Optional<ImageRecord> local = table.find(name);
        if (local.isPresent()) {
          return local.get();
        }
      }
      ImageReference ref = ImageReference.parse(name).withDefaultTag();
      images.pull(ref.toString(), false, out);
      return table.require(name);
    }

    // ---- the instructions ---------------------------------------------------------------------

    private void dispatch(State state, Command cmd) {
      Map<String, String> env = new LinkedHashMap<>();
      for (String e : state.config.env) {
        int eq = e.indexOf('=');
        env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
      }
      for (String e : state.buildArgs.filterAllowed(state.config.env)) {
        int eq = e.indexOf('=');
        env.put(e.substring(0, eq), e.substring(eq + 1));
      }
      if (cmd instanceof Instructions.Env c) {
        dispatchEnv(state, c, env);
      } else if (cmd instanceof Instructions.Maintainer c) {
        state.maintainer = c.maintainer();
        commit(state, "MAINTAINER " + c.maintainer());
      } else if (cmd instanceof Instructions.Label c) {
        StringBuilder commitStr = new StringBuilder("LABEL");
        for (Instructions.KeyValue kv : c.labels()) {
          String key = c.noExpand() ? kv.key() : lex.processWord(kv.key(), env);
          String value = c.noExpand() ? kv.value() : lex.processWord(kv.value(), env);
          state.config.labels.put(key, value);
          commitStr.append(' ').append(key).append('=').append(value);
        }
        commit(state, commitStr.toString());
      } else if (cmd instanceof Instructions.Copy c) {
        dispatchCopy(state, c, env);
      } else if (cmd instanceof Instructions.Onbuild c) {
        state.config.onBuild.add(c.expression());
        commit(state, "ONBUILD " + c.expression());
      } else if (cmd instanceof Instructions.Workdir c) {
        dispatchWorkdir(state, lex.processWord(c.path(), env));
      } else if (cmd instanceof Instructions.Run c) {
        dispatchRun(state, c);
      } else if (cmd instanceof Instructions.Cmd c) {
        List<String> cmdLine = resolveCmdLine(c.cmdLine(), c.prependShell(), state);
        state.config.cmd = cmdLine;
        commit(state, "CMD " + goQuotedList(cmdLine));
        if (!c.cmdLine().isEmpty()) {
          state.cmdSet = true;
        }
      } else if (cmd instanceof Instructions.HealthcheckCommand c) {
        Healthcheck previous = state.config.healthcheck;
        if (previous != null && !previous.test().isEmpty() && !previous.test().get(0).equals("NONE")) {
          print("Note: overriding previous HEALTHCHECK: " + goList(previous.test()) + "\n");
        }
        state.config.healthcheck = c.health();
        commit(state, "HEALTHCHECK " + goQuotedHealth(c.health()));
      } else if (cmd instanceof Instructions.Entrypoint c) {
        state.config.entrypoint = c.cmdLine() == null ? null : resolveCmdLine(c.cmdLine(), c.prependShell(), state);
        if (!state.cmdSet) {
          state.config.cmd = null;
        }
        commit(state, "ENTRYPOINT " + goQuotedList(state.config.entrypoint));
      } else if (cmd instanceof Instructions.Expose c) {
        List<String> ports = new ArrayList<>();
        for (String p : c.ports()) {
          ports.addAll(lex.processWords(p, env));
        }
        for (String p : ports) {
          state.config.exposedPorts.addAll(parsePortSpec(p));
        }
        commit(state, "EXPOSE " + String.join(" ", ports));
      } else if (cmd instanceof Instructions.User c) {
        state.config.user = lex.processWord(c.user(), env);
        commit(state, "USER " + state.config.user);
      } else if (cmd instanceof Instructions.Volume c) {
        List<String> volumes = new ArrayList<>();
        for (String v : c.volumes()) {
          String expanded = lex.processWord(v, env);
          if (expanded.isEmpty()) {
            throw new StepException("VOLUME specified can not be an empty string");
          }
          volumes.add(expanded);
        }
        state.config.volumes.addAll(volumes);
        commit(state, "VOLUME " + goList(volumes));
      } else if (cmd instanceof Instructions.StopSignal c) {
        String signal = lex.processWord(c.signal(), env);
        if (!Signals.isValid(signal)) {
          throw new InvalidParameterException("invalid signal: " + signal);
        }
        state.config.stopSignal = signal;
        commit(state, "STOPSIGNAL " + signal);
      } else if (cmd instanceof Instructions.Arg c) {
        StringBuilder commitStr = new StringBuilder("ARG ");
        for (int i = 0; i < c.args().size(); i++) {
          Instructions.ArgPair a = c.args().get(i);
          String key = lex.processWord(a.key(), env);
          String value = a.value() == null ? null : lex.processWord(a.value(), env);
          if (i > 0) {
            commitStr.append(' ');
          }
          commitStr.append(key);
          if (value != null) {
            commitStr.append('=').append(value);
          }
          state.buildArgs.addArg(key, value);
        }
        commit(state, commitStr.toString());
      } else if (cmd instanceof Instructions.Shell c) {
        state.config.shell = new ArrayList<>(c.shell());
        commit(state, "SHELL " + goList(c.shell()));
      }
    }

    private void dispatchEnv(State state, Instructions.Env c, Map<String, String> env) {
      StringBuilder commitMessage = new StringBuilder("ENV");
      for (Instructions.KeyValue kv : c.env()) {
        String key = lex.processWord(kv.key(), env);
        String value = lex.processWord(kv.value(), env);
        String newVar = key + "=" + value;
        commitMessage.append(' ').append(newVar);
        boolean replaced = false;
        for (int i = 0; i < state.config.env.size(); i++) {
          String e = state.config.env.get(i);
          int eq = e.indexOf('=');
          if ((eq < 0 ? e : e.substring(0, eq)).equals(key)) {
            state.config.env.set(i, newVar);
            replaced = true;
            break;
          }
        }
        if (!replaced) {
          state.config.env.add(newVar);
        }
      }
      commit(state, commitMessage.toString());
    }

    /** {@code normalizeWorkdir}, then a commit whose comment is one word: {@code #(nop) WORKDIR /app}. */
    private void dispatchWorkdir(State state, String requested) {
      if (requested.isEmpty()) {
        throw new StepException("cannot normalize nothing");
      }
      String current = state.config.workingDir;
      state.config.workingDir = requested.startsWith("/") ? cleanPath(requested) : cleanPath("/" + current + "/"
          + requested);
      List<String> cmd = new ArrayList<>(shell(state));
      cmd.add("#(nop) WORKDIR " + state.config.workingDir);
      commitStep(state, cmd, state.config.snapshot(), true, null, 0);
    }

    private void dispatchRun(State state, Instructions.Run c) {
      if (!c.flagsUsed().isEmpty()) {
        throw new StepException("the --" + c.flagsUsed().get(0) + " option requires BuildKit. Refer to "
            + "https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled");
      }
      List<String> cmdFromArgs = resolveCmdLine(c.cmdLine(), c.prependShell(), state);
      List<String> buildArgs = state.buildArgs.filterAllowed(state.config.env);
      List<String> saveCmd = cmdFromArgs;
      if (!buildArgs.isEmpty()) {
        saveCmd = prependEnvOnCmd(state.buildArgs, buildArgs, cmdFromArgs);
      }
      ImageConfig probe = state.config.snapshot();
      if (!saveCmd.isEmpty()) {
        probe = ImageConfig.builder().from(probe).entrypoint(List.of()).build();
      }
      String diffId = "sha256:" + LayerRecord.sha256("cnm run layer " + state.imageId + " " + String.join(" ",
          saveCmd));
      commitStep(state, saveCmd, probe, true, diffId, 0);
    }

    /** {@code prependEnvOnCmd}: {@code |N K=V ...} before the command, so the cache sees the arguments. */
    private List<String> prependEnvOnCmd(BuildArgs args, List<String> buildArgVars, List<String> cmd) {
      List<String> env = new ArrayList<>();
      for (String e : buildArgVars) {
        String key = e.substring(0, e.indexOf('='));
        if (args.isReferencedOrNotBuiltin(key)) {
          env.add(e);
        }
      }
      Collections.sort(env);
      List<String> out = new ArrayList<>();
      out.add("|" + env.size());
      out.addAll(env);
      out.addAll(cmd);
      return out;
    }

    private void dispatchCopy(State state, Instructions.Copy c, Map<String, String> env) {
      String name = c.name();
      if (!c.chmod().isEmpty()) {
        throw new StepException("the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ "
            + "to learn how to build images with BuildKit enabled");
      }
      String fromImage = null;
      if (!c.from().isEmpty()) {
        String from = lex.processWord(c.from(), env);
        fromImage = stageOrImage(from);
      }
      List<String> sources = new ArrayList<>();
      for (String s : c.sources()) {
        sources.add(lex.processWord(s, env));
      }
      String dest = lex.processWord(c.dest(), env);
      String chown = lex.processWord(c.chown(), env);
      List<String> hashes = new ArrayList<>();
      long size = 0;
      for (String src : sources) {
        if (c.add() && (src.startsWith("http://") || src.startsWith("https://"))) {
          hashes.add("file:" + LayerRecord.sha256(src)); // a URL ADD downloads nothing here
          continue;
        }
        if (fromImage != null) {
          hashes.add("file:" + LayerRecord.sha256("from " + fromImage + " " + src));
          continue;
        }
        for (Source s : sources(src, name)) {
          hashes.add(s.hash);
          size += s.size;
        }
      }
      for (Instructions.SourceContent content : c.contents()) {
        byte[] data = content.data().getBytes(StandardCharsets.UTF_8);
        hashes.add("file:" + LayerRecord.sha256(data));
        size += data.length;
      }
      if (hashes.isEmpty()) {
        throw new StepException(name + " failed: no source files were specified");
      }
      if (hashes.size() > 1 && !dest.endsWith("/")) {
        throw new StepException("When using " + name + " with more than one source file, the destination must be "
            + "a directory and end with a /");
      }
      String srcHash = hashes.size() == 1 ? hashes.get(0) : hashStringSlice("multi", hashes);
      String comment = name + " " + (chown.isEmpty() ? "" : "--chown=" + chown + " ") + srcHash + " in " + dest + " ";
      List<String> cmd = new ArrayList<>(shell(state));
      cmd.add("#(nop) " + comment);
      String diffId = "sha256:" + LayerRecord.sha256("cnm copy layer " + comment);
      commitStep(state, cmd, state.config.snapshot(), false, diffId, size);
    }

    /** The image of {@code COPY --from=x}: a stage by name or index, else an image (pulled when absent). */
    private String stageOrImage(String from) {
      String byName = stagesByName.get(from.toLowerCase(Locale.ROOT));
      if (byName != null) {
        return byName;
      }
      if (from.matches("-?[0-9]+")) {
        long ix;
        try {
          ix = Long.parseLong(from);
        } catch (NumberFormatException e) {
          ix = -1;
        }
        if (ix < 0 || ix >= stageImages.size()) {
          throw new StepException("invalid from flag value " + from + ": invalid stage index " + from);
        }
        return stageImages.get((int) ix);
      }
      try {
        return baseImage(from).id;
      } catch (CnmException e) {
        throw new StepException("invalid from flag value " + from + ": " + e.getMessage());
      }
    }

    /** One source of a COPY: its hash ({@code file:...} or {@code dir:...}) and bytes. */
    private record Source(String hash, long size) {}

    /** {@code calcCopyInfo}: a file, a directory (every file under it), or the matches of a wildcard. */
    private List<Source> sources(String orig, String name) {
      String path = orig;
      while (path.startsWith("/")) {
        path = path.substring(1);
      }
      if (path.startsWith("./")) {
        path = path.substring(2);
      }
      BuildContext context = request.context();
      if (containsWildcards(path)) {
        List<Source> out = new ArrayList<>();
        Set<String> candidates = new TreeSet<>();
        for (String file : context.paths()) {
          String[] parts = file.split("/");
          StringBuilder prefix = new StringBuilder();
          for (String part : parts) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(part);
            candidates.add(prefix.toString());
          }
        }
        for (String candidate : candidates) {
          if (GlobMatch.matches(path, candidate)) {
            out.add(source(candidate, name, orig));
          }
        }
        return out;
      }
      return List.of(source(path, name, orig));
    }

    private Source source(String path, String name, String orig) {
      BuildContext context = request.context();
      String clean = path.isEmpty() || path.equals(".") ? "" : path.replaceAll("/+$", "");
      if (!clean.isEmpty()) {
        java.util.Optional<byte[]> file = context.file(clean);
        if (file.isPresent()) {
          return new Source("file:" + LayerRecord.sha256(file.get()), file.get().length);
        }
      }
      List<String> hashes = new ArrayList<>();
      long size = 0;
      boolean found = clean.isEmpty();
      for (String p : context.paths()) {
        if (clean.isEmpty() || p.startsWith(clean + "/")) {
          found = true;
          byte[] b = context.file(p).orElseThrow();
          hashes.add(LayerRecord.sha256(b));
          size += b.length;
        }
      }
      if (!found) {
        throw new StepException(name + " failed: file not found in build context or excluded by .dockerignore: "
            + "stat " + (clean.isEmpty() ? orig : clean) + ": file does not exist");
      }
      Collections.sort(hashes);
      return new Source(hashStringSlice("dir", hashes), size);
    }

    // ---- commits ------------------------------------------------------------------------------

    /** {@code commit}: a metadata step, its container command the comment {@code #(nop) } + what it did. */
    private void commit(State state, String comment) {
      List<String> cmd = new ArrayList<>(shell(state));
      cmd.add("#(nop) ");
      cmd.add(comment);
      commitStep(state, cmd, state.config.snapshot(), true, null, 0);
    }

    /**
     * Probes the cache for a child of the current image with this step's container
     * configuration; else commits a new image: for a metadata step or RUN through an
     * intermediate container ({@code Running in ...}, then removed), for COPY directly.
     *
     * @param diffId the new layer's diff id, or null for a step that adds none
     */
    private void commitStep(State state, List<String> containerCmd, ImageConfig containerConfig,
        boolean throughContainer, String diffId, long layerSize) {
      String key = ImageDocument.buildKey(containerConfig, containerCmd);
      if (!request.noCache()) {
        ImageRecord cached = probeCache(state.imageId, key);
        if (cached != null) {
          print(" ---> Using cache\n");
          state.imageId = cached.id;
          return;
        }
      }
      String containerId = null;
      if (throughContainer) {
        containerId = Ids.newId(services.random);
        print(" ---> Running in " + containerId.substring(0, 12) + "\n");
      }
      ImageRecord parent = state.imageId.isEmpty() ? null : table.byExactId(state.imageId);
      List<String> diffIds = new ArrayList<>(parent == null ? List.of() : parent.diffIds);
      List<ImageHistory> history = new ArrayList<>(parent == null ? List.of() : parent.history);
      boolean empty = diffId == null;
      java.time.Instant created = services.clock.instant();
      history.add(ImageHistory.builder().created(created).author(state.maintainer)
          .createdBy(String.join(" ", containerCmd)).emptyLayer(empty).build());
      if (!empty) {
        List<String> parentChains = LayerRecord.chainIds(diffIds);
        diffIds.add(diffId);
        String chain = LayerRecord.chainIds(diffIds).get(diffIds.size() - 1);
        if (table.layer(chain) == null) {
          table.putLayer(new LayerRecord(chain, diffId, layerSize,
              parentChains.isEmpty() ? "" : parentChains.get(parentChains.size() - 1)));
        }
      }
      ImageRecord image = ImageDocument.record(new ImageDocument.Content(state.config.snapshot(), created,
          state.imageId, history, diffIds, state.maintainer, "", DOCKER_VERSION,
          parent == null ? "amd64" : parent.architecture, parent == null ? "linux" : parent.os, containerConfig,
          containerCmd));
      table.add(image);
      state.imageId = image.id;
      if (containerId != null) {
        // CommitBuildStep's commit of the step's container (moby CommitImage); COPY's CreateImage logs none
        images.imageEvent("create", image.id, image.id);
        print(" ---> Removed intermediate container " + containerId.substring(0, 12) + "\n");
      }
    }

    /** moby's {@code getLocalCachedImage}: the newest locally built child of {@code parentId} made by the same step. */
    private ImageRecord probeCache(String parentId, String key) {
      ImageRecord match = null;
      for (ImageRecord r : table.all()) {
        if (r.parent.equals(parentId) && !r.buildKey.isEmpty() && r.buildKey.equals(key)
            && (match == null || match.created.isBefore(r.created))) {
          match = r;
        }
      }
      return match;
    }

    private List<String> shell(State state) {
      return state.config.shell.isEmpty() ? DEFAULT_SHELL : state.config.shell;
    }

    /** {@code resolveCmdLine}: the shell form gets the shell in front. */
    private List<String> resolveCmdLine(List<String> cmdLine, boolean prependShell, State state) {
      if (prependShell) {
        List<String> out = new ArrayList<>(shell(state));
        out.addAll(cmdLine);
        return out;
      }
      return cmdLine;
    }
  }

  /** The state of one stage ({@code dispatchState}). */
  private static final class State {
    MutableConfig config = new MutableConfig();
    String maintainer = "";
    boolean cmdSet;
    String imageId = "";
    final BuildArgs buildArgs;

    State(BuildArgs buildArgs) {
      this.buildArgs = buildArgs;
    }

    /** {@code beginStage}: the base image's configuration, with the default {@code PATH} when it has none. */
    void beginStage(String name, ImageRecord base) {
      imageId = base == null ? "" : base.id;
      config = base == null ? new MutableConfig() : MutableConfig.of(base.config);
      boolean hasPath = config.env.stream().anyMatch(e -> e.equals("PATH") || e.startsWith("PATH="));
      if (!hasPath) {
        config.env.add(DEFAULT_PATH);
      }
    }
  }

  /** The run configuration a build changes step by step (moby's {@code container.Config}). */
  private static final class MutableConfig {
    String user = "";
    final Set<ExposedPort> exposedPorts = new TreeSet<>();
    final List<String> env = new ArrayList<>();
    List<String> entrypoint;
    List<String> cmd;
    final Set<String> volumes = new TreeSet<>();
    String workingDir = "";
    final Map<String, String> labels = new LinkedHashMap<>();
    String stopSignal = "";
    Healthcheck healthcheck;
    final List<String> onBuild = new ArrayList<>();
    List<String> shell = new ArrayList<>();

    static MutableConfig of(ImageConfig c) {
      MutableConfig m = new MutableConfig();
      m.user = c.user();
      m.exposedPorts.addAll(c.exposedPorts());
      m.env.addAll(c.env());
      m.entrypoint = c.entrypoint().isEmpty() ? null : new ArrayList<>(c.entrypoint());
      m.cmd = c.cmd().isEmpty() ? null : new ArrayList<>(c.cmd());
      m.volumes.addAll(c.volumes());
      m.workingDir = c.workingDir();
      m.labels.putAll(c.labels());
      m.stopSignal = c.stopSignal().orElse("");
      m.healthcheck = c.healthcheck().orElse(null);
      m.onBuild.addAll(c.onBuild());
      m.shell = new ArrayList<>(c.shell());
      return m;
    }

    ImageConfig snapshot() {
      return ImageConfig.builder()
          .user(user)
          .exposedPorts(exposedPorts)
          .env(env)
          .entrypoint(entrypoint == null ? List.of() : entrypoint)
          .cmd(cmd == null ? List.of() : cmd)
          .volumes(volumes)
          .workingDir(workingDir)
          .labels(labels)
          .stopSignal(stopSignal.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(stopSignal))
          .healthcheck(java.util.Optional.ofNullable(healthcheck))
          .onBuild(onBuild)
          .shell(shell)
          .build();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** {@code hashStringSlice}: {@code prefix:} and the SHA-256 of the hashes joined by commas. */
  private static String hashStringSlice(String prefix, List<String> hashes) {
    return prefix + ":" + LayerRecord.sha256(String.join(",", hashes));
  }

  /** Whether a COPY source has a wildcard ({@code *}, {@code ?}, {@code [}) not escaped. */
  private static boolean containsWildcards(String name) {
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '\\') {
        i++;
      } else if (ch == '*' || ch == '?' || ch == '[') {
        return true;
      }
    }
    return false;
  }

  /** Go's {@code filepath.Clean} of an absolute path. */
  static String cleanPath(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(p);
    }
    return "/" + String.join("/", parts);
  }

  /** {@code nat.ParsePortSpec} for EXPOSE: the container side of a port spec, a range expanded. */
  private static List<ExposedPort> parsePortSpec(String raw) {
    String[] parts = raw.split(":", -1);
    String container = parts[parts.length - 1];
    String proto = "tcp";
    int slash = container.indexOf('/');
    if (slash >= 0) {
      proto = container.substring(slash + 1);
      container = container.substring(0, slash);
    }
    if (container.isEmpty()) {
      throw new StepException("no port specified: " + raw + "<empty>");
    }
    int start;
    int end;
    try {
      int dash = container.indexOf('-');
      start = Integer.parseInt(dash < 0 ? container : container.substring(0, dash));
      end = dash < 0 ? start : Integer.parseInt(container.substring(dash + 1));
      if (start < 0 || end < start || end > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new StepException("invalid containerPort: " + container);
    }
    String p = proto.toLowerCase(Locale.ROOT);
    if (!p.equals("tcp") && !p.equals("udp") && !p.equals("sctp")) {
      throw new StepException("invalid proto: " + proto);
    }
    List<ExposedPort> out = new ArrayList<>();
    for (int port = start; port <= end; port++) {
      out.add(ExposedPort.of(port, PortProtocol.parse(p)));
    }
    return out;
  }

  /** Go's {@code %v} of a string slice: {@code [a b]}. */
  private static String goList(List<String> values) {
    return "[" + String.join(" ", values) + "]";
  }

  /** Go's {@code %q} of a string slice: {@code ["a" "b"]}; {@code []} for nil. */
  private static String goQuotedList(List<String> values) {
    return values == null ? "[]" : Images.goList(values);
  }

  /**
   * Go's {@code %q} of a {@code *HealthConfig}: {@code &{["CMD-SHELL" "curl"] "5s" "0s" "0s" "0s"
   * '\x03'}} (durations quoted through their {@code String}, retries as a quoted rune).
   */
  private static String goQuotedHealth(Healthcheck h) {
    return "&{" + Images.goList(h.test()) + " \"" + goDuration(h.interval().orElse(Duration.ZERO)) + "\" \""
        + goDuration(h.timeout().orElse(Duration.ZERO)) + "\" \"" + goDuration(h.startPeriod().orElse(Duration.ZERO))
        + "\" \"" + goDuration(h.startInterval().orElse(Duration.ZERO)) + "\" "
        + quoteRune(h.retries()) + "}";
  }

  /** Go's {@code time.Duration.String}. */
  static String goDuration(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    if (nanos < 0) {
      out.append('-');
      nanos = -nanos;
    }
    if (nanos < 1_000_000_000L) {
      if (nanos < 1_000L) {
        return out.append(nanos).append("ns").toString();
      }
      if (nanos < 1_000_000L) {
        return out.append(fraction(nanos, 1_000L)).append("\u00b5s").toString();
      }
      return out.append(fraction(nanos, 1_000_000L)).append("ms").toString();
    }
    long hours = nanos / 3_600_000_000_000L;
    long rest = nanos % 3_600_000_000_000L;
    long minutes = rest / 60_000_000_000L;
    long secNanos = rest % 60_000_000_000L;
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(fraction(secNanos, 1_000_000_000L)).append('s').toString();
  }

  private static String fraction(long value, long unit) {
    long whole = value / unit;
    long frac = value % unit;
    if (frac == 0) {
      return Long.toString(whole);
    }
    String digits = String.format("%0" + Long.toString(unit).length() + "d", frac).substring(1);
    return whole + "." + digits.replaceAll("0+$", "");
  }

  /** Go's {@code %q} of an int: a quoted rune literal ({@code '\x03'}, {@code 'A'}). */
  private static String quoteRune(int r) {
    if (r >= 0x20 && r < 0x7F && r != '\'' && r != '\\') {
      return "'" + (char) r + "'";
    }
    if (r == '\'') {
      return "'\\''";
    }
    if (r == '\\') {
      return "'\\\\'";
    }
    if (r < 0x80) {
      switch (r) {
        case 7:
          return "'\\a'";
        case 8:
          return "'\\b'";
        case 12:
          return "'\\f'";
        case 10:
          return "'\\n'";
        case 13:
          return "'\\r'";
        case 9:
          return "'\\t'";
        case 11:
          return "'\\v'";
        default:
          return String.format("'\\x%02x'", r);
      }
    }
    if (!Character.isValidCodePoint(r)) {
      return "'\\ufffd'";
    }
    return "'" + new String(Character.toChars(r)) + "'";
  }

  // ---- build arguments ------------------------------------------------------------------------

  /** moby's {@code BuildArgs}: what {@code --build-arg} gave, what ARG allowed, what was used. */
  private static final class BuildArgs {
    private static final Set<String> BUILTIN = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
        "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    /** Allowed by ARG: name to default (null: none). */
    private Map<String, String> allowed = new LinkedHashMap<>();
    private final Map<String, String> allowedMeta = new LinkedHashMap<>();
    private final Set<String> referenced = new LinkedHashSet<>();
    private final Map<String, String> fromOptions;

    BuildArgs(Map<String, String> fromOptions) {
      this.fromOptions = fromOptions;
    }

    /** A copy for a new stage: meta ARGs and references kept, allowed ones reset. */
    BuildArgs cloneReset() {
      BuildArgs b = new BuildArgs(fromOptions);
      b.allowedMeta.putAll(allowedMeta);
      b.referenced.addAll(referenced);
      return b;
    }

    void mergeReferenced(BuildArgs other) {
      referenced.addAll(other.referenced);
    }

    void addArg(String key, String value) {
      allowed.put(key, value);
      referenced.add(key);
    }

    void addMetaArg(String key, String value) {
      allowedMeta.put(key, value);
    }

    boolean isReferencedOrNotBuiltin(String key) {
      return allowed.containsKey(key) || !BUILTIN.contains(key);
    }

    Map<String, String> allAllowed() {
      return values(allowed);
    }

    Map<String, String> allMeta() {
      return values(allowedMeta);
    }

    private Map<String, String> values(Map<String, String> source) {
      Map<String, String> m = new TreeMap<>();
      Set<String> keys = new TreeSet<>(source.keySet());
      keys.addAll(BUILTIN);
      for (String key : keys) {
        String v = value(key, source);
        if (v != null) {
          m.put(key, v);
        }
      }
      return m;
    }

    /** {@code getBuildArg}: the option's value, else the ARG's default, else the meta ARG's. */
    private String value(String key, Map<String, String> mapping) {
      String option = fromOptions.get(key);
      if (option != null) {
        return option;
      }
      String defaultValue = mapping.get(key);
      return defaultValue != null ? defaultValue : allowedMeta.get(key);
    }

    /** {@code FilterAllowed}: the allowed arguments, as {@code K=V}, that the environment does not set. */
    List<String> filterAllowed(List<String> env) {
      Set<String> keys = new java.util.HashSet<>();
      env.forEach(e -> keys.add(e.indexOf('=') < 0 ? e : e.substring(0, e.indexOf('='))));
      List<String> out = new ArrayList<>();
      allAllowed().forEach((k, v) -> {
        if (!keys.contains(k)) {
          out.add(k + "=" + v);
        }
      });
      return out;
    }

    void warnUnused(Consumer<String> print) {
      List<String> leftover = new ArrayList<>();
      for (String arg : fromOptions.keySet()) {
        if (!BUILTIN.contains(arg) && !referenced.contains(arg)) {
          leftover.add(arg);
        }
      }
      if (!leftover.isEmpty()) {
        Collections.sort(leftover);
        print.accept("[Warning] One or more build-args " + goList(leftover) + " were not consumed\n");
      }
    }
  }
}
