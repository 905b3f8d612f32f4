package dev.cnm.dockerapi.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnm.api.ContainerInfo;
import dev.cnm.api.Engine;
import dev.cnm.core.json.DockerVersion;
import java.util.List;
import java.util.TreeSet;

/** {@code GET /version} and {@code GET /info}: a Docker 28.2.2 engine on linux/amd64. */
final class Info {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String GO_VERSION = DockerVersion.GO;
  private static final String GIT_COMMIT = DockerVersion.GIT_COMMIT;
  private static final String BUILD_TIME = DockerVersion.BUILD_TIME;
  private static final String KERNEL = DockerVersion.KERNEL;

  private Info() {}

  static ObjectNode version() {
    ObjectNode o = NODES.objectNode();
    o.putObject("Platform").put("Name", "Docker Engine - Community");
    ArrayNode components = o.putArray("Components");
    ObjectNode engine = components.addObject();
    engine.put("Name", "Engine");
    engine.put("Version", Api.ENGINE_VERSION);
    ObjectNode d = engine.putObject("Details");
    d.put("ApiVersion", Api.API_VERSION);
    d.put("Arch", "amd64");
    d.put("BuildTime", BUILD_TIME);
    d.put("Experimental", "false");
    d.put("GitCommit", GIT_COMMIT);
    d.put("GoVersion", GO_VERSION);
    d.put("KernelVersion", KERNEL);
    d.put("MinAPIVersion", Api.MIN_API_VERSION);
    d.put("Os", "linux");
    o.put("Version", Api.ENGINE_VERSION);
    o.put("ApiVersion", Api.API_VERSION);
    o.put("MinAPIVersion", Api.MIN_API_VERSION);
    o.put("GitCommit", GIT_COMMIT);
    o.put("GoVersion", GO_VERSION);
    o.put("Os", "linux");
    o.put("Arch", "amd64");
    o.put("KernelVersion", KERNEL);
    o.put("BuildTime", BUILD_TIME);
    return o;
  }

  static ObjectNode info(Engine engine, int images) {
    List<ContainerInfo> all = engine.containers();
    long running = all.stream().filter(ContainerInfo::isRunning).count();
    long paused = 0;
    ObjectNode o = NODES.objectNode();
    o.put("ID", "cnm");
    o.put("Containers", all.size());
    o.put("ContainersRunning", running);
    o.put("ContainersPaused", paused);
    o.put("ContainersStopped", all.size() - running - paused);
    o.put("Images", images);
    o.put("Driver", "overlay2");
    ObjectNode plugins = o.putObject("Plugins");
    plugins.putArray("Volume").add("local");
    ArrayNode net = plugins.putArray("Network");
    // Docker's GetNetworkDriverList: the built-in drivers and every network's driver (plugins in use), sorted.
    TreeSet<String> drivers = new TreeSet<>(List.of("bridge", "host", "ipvlan", "macvlan", "null", "overlay"));
    engine.networks().forEach(n -> drivers.add(n.driver()));
    drivers.forEach(net::add);
    plugins.putArray("Authorization");
    plugins.putArray("Log").add("json-file");
    o.put("MemoryLimit", true);
    o.put("SwapLimit", true);
    o.put("IPv4Forwarding", true);
    o.put("Debug", false);
    o.put("NFd", 0);
    o.put("NGoroutines", 0);
    o.put("SystemTime", java.time.Instant.now().toString());
    o.put("LoggingDriver", "json-file");
    o.put("CgroupDriver", "systemd");
    o.put("CgroupVersion", "2");
    o.put("KernelVersion", KERNEL);
    o.put("OperatingSystem", "cnm (in-memory Docker network model)");
    o.put("OSVersion", "");
    o.put("OSType", "linux");
    o.put("Architecture", "x86_64");
    o.put("IndexServerAddress", "https://index.docker.io/v1/");
    o.put("NCPU", Runtime.getRuntime().availableProcessors());
    o.put("MemTotal", Runtime.getRuntime().maxMemory());
    o.put("DockerRootDir", "/var/lib/docker");
    // Docker's Name is the daemon host's name (os.Hostname): the host this engine models
    o.put("Name", engine.hostName());
    o.putArray("Labels");
    o.put("ExperimentalBuild", false);
    o.put("ServerVersion", Api.ENGINE_VERSION);
    o.put("DefaultRuntime", "runc");
    ObjectNode swarm = o.putObject("Swarm");
    swarm.put("NodeID", "");
    swarm.put("NodeAddr", "");
    swarm.put("LocalNodeState", "inactive");
    swarm.put("ControlAvailable", false);
    swarm.put("Error", "");
    swarm.putNull("RemoteManagers");
    o.put("LiveRestoreEnabled", false);
    o.put("Isolation", "");
    o.put("InitBinary", "docker-init");
    o.putArray("SecurityOptions").add("name=seccomp,profile=builtin").add("name=cgroupns");
    o.putArray("Warnings");
    return o;
  }
}
