package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ExecSpec;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.error.NotFoundException;
import dev.cnm.core.json.DockerJson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exec instances: {@code POST /containers/{name}/exec} creates one, {@code /exec/{id}/start} runs
 * it over a hijacked connection (moby keeps these in its container router, {@code exec.go}).
 */
final class ExecRoutes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ApiState state;
  private final Map<String, Exec> execs = new ConcurrentHashMap<>(); // read by GET /exec/{id}/json

  ExecRoutes(ApiState state) {
    this.state = state;
  }

  void register(Router.Builder routes) {
    routes.postReadOnly("/containers/{name}/exec", (r, c) -> create(r.var("name"), r.json(), c))
        .get("/exec/{id}/json", (r, c) -> Replies.json(c, 200, json(exec(r.var("id")))))
        .postReadOnly("/exec/{id}/resize", (r, c) -> {
          exec(r.var("id"));
          Replies.empty(c, 200);
        })
        .post("/exec/{id}/start", this::start);
  }

  private static final class Exec {
    final String id;
    final String containerId;
    final ExecSpec spec;
    final boolean tty;
    volatile boolean started;
    volatile Integer exitCode;

    Exec(String id, String containerId, ExecSpec spec, boolean tty) {
      this.id = id;
      this.containerId = containerId;
      this.spec = spec;
      this.tty = tty;
    }
  }

  /** moby's {@code postContainerExecCreate}: the exec's id is the engine's, the {@code execID} of its events. */
  private void create(String ref, JsonNode body, Conn c) {
    ContainerInfo ci = state.engine.container(ref);
    List<String> cmd = Requests.stringList(body, "Cmd", "ExecOptions.Cmd");
    if (cmd == null || cmd.isEmpty()) {
      throw new InvalidParameterException("No exec command specified");
    }
    ExecSpec.Builder spec = ExecSpec.builder().command(cmd);
    List<String> env = Requests.stringList(body, "Env", "ExecOptions.Env");
    if (env != null) {
      spec.env(env);
    }
    String dir = Requests.string(body, "WorkingDir", "ExecOptions.WorkingDir");
    if (dir != null && !dir.isEmpty()) {
      spec.workingDir(dir);
    }
    String user = Requests.string(body, "User", "ExecOptions.User");
    if (user != null && !user.isEmpty()) {
      spec.user(user);
    }
    ExecSpec built = spec.build();
    String id = state.engine.createExec(ci.id(), built);
    execs.put(id, new Exec(id, ci.id(), built, Requests.bool(body, "Tty", "ExecOptions.Tty")));
    ObjectNode o = NODES.objectNode();
    o.put("Id", id);
    Replies.json(c, 201, o);
  }

  private Exec exec(String id) {
    Exec e = execs.get(id);
    if (e == null) {
      throw new NotFoundException("No such exec instance: " + id);
    }
    return e;
  }

  private void start(Request r, Conn c) {
    Exec e = exec(r.var("id"));
    JsonNode body = r.json();
    Commands.Result result = Commands.of(state.engine.startExec(e.id));
    e.started = true;
    e.exitCode = result.exitCode();
    if (Requests.bool(body, "Detach", "ExecStartOptions.Detach")) {
      Replies.empty(c, 200);
      return;
    }
    boolean tty = e.tty || Requests.bool(body, "Tty", "ExecStartOptions.Tty");
    c.hijack(Streams.contentType(tty));
    Streams.write(c, result, tty);
    c.close();
  }

  private static ObjectNode json(Exec e) {
    ObjectNode o = NODES.objectNode();
    o.put("ID", e.id);
    o.put("Running", false);
    if (e.exitCode == null) {
      o.putNull("ExitCode");
    } else {
      o.put("ExitCode", e.exitCode);
    }
    ObjectNode pc = o.putObject("ProcessConfig");
    pc.put("tty", e.tty);
    List<String> cmd = e.spec.command();
    pc.put("entrypoint", cmd.get(0));
    ArrayNode args = pc.putArray("arguments");
    cmd.subList(1, cmd.size()).forEach(args::add);
    pc.put("privileged", false);
    pc.put("user", e.spec.user().orElse(""));
    o.put("OpenStdin", false);
    o.put("OpenStderr", true);
    o.put("OpenStdout", true);
    o.put("CanRemove", false);
    o.put("ContainerID", e.containerId);
    o.put("DetachKeys", "");
    o.put("Pid", e.started ? DockerJson.execPid(e.id) : 0);
    return o;
  }
}
