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
import dev.cnm.api.Engine;
import dev.cnm.core.Cnm;
import dev.cnm.dockerapi.DockerApiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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
 * <pre>{@code
 * bin/bench DockerApiBenchmarks
 * }</pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
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
      URI uri;
      if (socket.equals("tcp")) {
        server = DockerApiServer.builder().engine(engine)
            .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
        uri = URI.create("tcp://127.0.0.1:" + server.address().getPort());
      } else {
        socketDir = Files.createTempDirectory("cnm-bench-");
        Path sock = socketDir.resolve("docker.sock");
        server = DockerApiServer.builder().engine(engine).unixSocket(sock).build().start();
        uri = URI.create("unix://" + sock);
      }
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
      if (socketDir != null) {
        Files.deleteIfExists(socketDir.resolve("docker.sock"));
        Files.deleteIfExists(socketDir);
      }
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
}
