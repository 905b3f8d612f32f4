package dev.cnm.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.core.Cnm;
import dev.cnm.dockerapi.DockerApiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a test pays per container when orchestration code drives cnm through docker-java and the
 * in-JVM Docker endpoint (cnm-testkit's {@code DockerEndpoint}): {@code createContainerCmd} (on a
 * user network, publishing a port) + {@code startContainerCmd} + {@code removeContainerCmd -f},
 * three HTTP round trips over loopback TCP or a Unix socket, with docker-java's zerodep or
 * httpclient5 transport. Sample time, so JMH reports the median (p0.50) besides the mean.
 *
 * <p>Two baselines split the figure: {@link #rawHttpCreateStartRemove} sends the same three
 * requests (docker-java's very create body) with a minimal HTTP/1.1 client, so the difference is
 * docker-java's; {@link #engineCreateStartRemove} makes the same three calls on the {@link Engine}
 * itself, so what is left between the two is the server's.
 *
 * <pre>{@code
 * bin/bench DockerApiBenchmarks
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// 10 s of warm-up: with fewer, a loaded machine leaves the C2 compiler still at work in the measured
// iterations, on a third of the CPU after 5 s of warm-up (docs/BENCHMARKS.md, issue 18)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DockerApiBenchmarks {

  /** A served engine with a user network, and a docker-java client of it. */
  @State(Scope.Benchmark)
  public static class Endpoint {
    @Param({"zerodep", "httpclient5"})
    String transport;

    @Param({"tcp", "unix"})
    String socket;

    Engine engine;
    DockerApiServer server;
    DockerClient docker;
    Path socketDir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      engine = Cnm.builder().seed(1).build();
      Served served = serve(engine, socket);
      server = served.server();
      socketDir = served.socketDir();
      URI uri = served.uri();
      DockerHttpClient http = transport.equals("zerodep")
          ? new ZerodepDockerHttpClient.Builder().dockerHost(uri).build()
          : new ApacheDockerHttpClient.Builder().dockerHost(uri).build();
      docker = DockerClientImpl.getInstance(DefaultDockerClientConfig.createDefaultConfigBuilder()
          .withDockerHost(uri.toString()).withApiVersion("1.44").build(), http);
      docker.createNetworkCmd().withName("bench").exec();
      String first = docker.createContainerCmd("nginx").exec().getId(); // pulls the image once
      docker.removeContainerCmd(first).exec();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      docker.close();
      server.close();
      deleteSocketDir(socketDir);
    }
  }

  /** A served engine with a user network, and one keep-alive connection of a minimal HTTP client. */
  @State(Scope.Benchmark)
  public static class RawEndpoint {
    @Param({"tcp", "unix"})
    String socket;

    DockerApiServer server;
    RawHttp http;
    Path socketDir;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Engine engine = Cnm.builder().seed(1).build();
      Served served = serve(engine, socket);
      server = served.server();
      socketDir = served.socketDir();
      http = new RawHttp(socket.equals("tcp") ? server.address() : UnixDomainSocketAddress.of(served.socket()));
      http.call("POST", "/v1.44/networks/create", "{\"Name\":\"bench\"}");
      String first = http.call("POST", "/v1.44/containers/create", "{\"Image\":\"nginx\"}"); // pulls the image once
      http.call("DELETE", "/v1.44/containers/" + first.substring(7, first.indexOf('"', 7)), null);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      http.close();
      server.close();
      deleteSocketDir(socketDir);
    }
  }

  /** An engine with a user network, called directly. */
  @State(Scope.Benchmark)
  public static class Direct {
    Engine engine;
    ContainerSpec spec;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Cnm.builder().seed(1).build();
      engine.createNetwork(NetworkSpec.of("bench"));
      spec = ContainerSpec.builder().image("nginx").networkMode(NetworkMode.network("bench"))
          .addPortBindings(dev.cnm.api.port.PortBinding.of(dev.cnm.api.port.ExposedPort.tcp(80), 8080)).build();
      engine.removeContainer(engine.createContainer(spec).id()); // pulls the image once
    }
  }

  /** A server over {@code engine}, on loopback TCP or on a Unix socket in a new directory. */
  record Served(DockerApiServer server, URI uri, Path socketDir, Path socket) {}

  static Served serve(Engine engine, String socket) throws IOException {
    if (socket.equals("tcp")) {
      DockerApiServer server = DockerApiServer.builder().engine(engine)
          .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
      return new Served(server, URI.create("tcp://127.0.0.1:" + server.address().getPort()), null, null);
    }
    Path dir = Files.createTempDirectory("cnm-bench-");
    Path sock = dir.resolve("docker.sock");
    DockerApiServer server = DockerApiServer.builder().engine(engine).unixSocket(sock).build().start();
    return new Served(server, URI.create("unix://" + sock), dir, sock);
  }

  static void deleteSocketDir(Path dir) throws IOException {
    if (dir != null) {
      Files.deleteIfExists(dir.resolve("docker.sock"));
      Files.deleteIfExists(dir);
    }
  }

  /**
   * {@code docker run -d --network bench -p 8080:80 nginx} as two calls, then {@code docker rm -f}:
   * an address, a DNS name, a host port and its rules taken and given back, per operation.
   */
  @Benchmark
  public String createStartRemove(Endpoint s) {
    String id = s.docker.createContainerCmd("nginx")
        .withExposedPorts(ExposedPort.tcp(80))
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("bench")
            .withPortBindings(new PortBinding(Ports.Binding.bindPort(8080), ExposedPort.tcp(80))))
        .exec().getId();
    s.docker.startContainerCmd(id).exec();
    s.docker.removeContainerCmd(id).withForce(true).exec();
    return id;
  }

  /**
   * docker-java's create body for {@link #createStartRemove}'s container, as it sends it (every
   * field it knows, most of them null).
   */
  static final String CREATE_BODY = "{\"Hostname\":null,\"Domainname\":null,\"User\":null,\"AttachStdin\":null,"
      + "\"AttachStdout\":null,\"AttachStderr\":null,\"PortSpecs\":null,\"Tty\":null,\"OpenStdin\":null,"
      + "\"StdinOnce\":null,\"Env\":null,\"Cmd\":null,\"Healthcheck\":null,\"ArgsEscaped\":null,\"Entrypoint\":null,"
      + "\"Image\":\"nginx\",\"Volumes\":{},\"WorkingDir\":null,\"MacAddress\":null,\"OnBuild\":null,"
      + "\"NetworkDisabled\":null,\"ExposedPorts\":{\"80/tcp\":{}},\"StopSignal\":null,\"StopTimeout\":null,"
      + "\"HostConfig\":{\"Binds\":null,\"BlkioWeight\":null,\"BlkioWeightDevice\":null,\"BlkioDeviceReadBps\":null,"
      + "\"BlkioDeviceWriteBps\":null,\"BlkioDeviceReadIOps\":null,\"BlkioDeviceWriteIOps\":null,"
      + "\"MemorySwappiness\":null,\"NanoCpus\":null,\"CapAdd\":null,\"CapDrop\":null,\"ContainerIDFile\":null,"
      + "\"CpuPeriod\":null,\"CpuRealtimePeriod\":null,\"CpuRealtimeRuntime\":null,\"CpuShares\":null,"
      + "\"CpuQuota\":null,\"CpusetCpus\":null,\"CpusetMems\":null,\"Devices\":null,\"DeviceCgroupRules\":null,"
      + "\"DeviceRequests\":null,\"DiskQuota\":null,\"Dns\":null,\"DnsOptions\":null,\"DnsSearch\":null,"
      + "\"ExtraHosts\":null,\"GroupAdd\":null,\"IpcMode\":null,\"Cgroup\":null,\"Links\":null,\"LogConfig\":null,"
      + "\"LxcConf\":null,\"Memory\":null,\"MemorySwap\":null,\"MemoryReservation\":null,\"KernelMemory\":null,"
      + "\"NetworkMode\":\"bench\",\"OomKillDisable\":null,\"Init\":null,\"AutoRemove\":null,\"OomScoreAdj\":null,"
      + "\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"8080\"}]},\"Privileged\":null,"
      + "\"PublishAllPorts\":null,\"ReadonlyRootfs\":null,\"RestartPolicy\":null,\"Ulimits\":null,\"CpuCount\":null,"
      + "\"CpuPercent\":null,\"IOMaximumIOps\":null,\"IOMaximumBandwidth\":null,\"VolumesFrom\":null,\"Mounts\":null,"
      + "\"PidMode\":null,\"Isolation\":null,\"SecurityOpt\":null,\"StorageOpt\":null,\"CgroupParent\":null,"
      + "\"VolumeDriver\":null,\"ShmSize\":null,\"PidsLimit\":null,\"Runtime\":null,\"Tmpfs\":null,\"UTSMode\":null,"
      + "\"UsernsMode\":null,\"Sysctls\":null,\"ConsoleSize\":null,\"CgroupnsMode\":null},\"Labels\":null,"
      + "\"Shell\":null,\"NetworkingConfig\":null}";

  /**
   * {@link #createStartRemove}'s three requests without docker-java: docker-java's create body,
   * written and read by {@link RawHttp} on one keep-alive connection.
   */
  @Benchmark
  public String rawHttpCreateStartRemove(RawEndpoint s) throws IOException {
    String created = s.http.call("POST", "/v1.44/containers/create", CREATE_BODY);
    int at = created.indexOf("\"Id\":\"") + 6;
    String id = created.substring(at, created.indexOf('"', at));
    s.http.call("POST", "/v1.44/containers/" + id + "/start", null);
    s.http.call("DELETE", "/v1.44/containers/" + id + "?force=true", null);
    return id;
  }

  /** {@link #createStartRemove}'s three operations on the engine itself: no HTTP, no JSON. */
  @Benchmark
  public String engineCreateStartRemove(Direct s) {
    String id = s.engine.createContainer(s.spec).id();
    s.engine.start(id);
    s.engine.removeContainer(id, RemoveOption.FORCE);
    return id;
  }
}
