package dev.cnm.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerInfo;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.EndpointSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.ExecResult;
import dev.cnm.api.NetworkMode;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.InvalidParameterException;
import dev.cnm.api.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscoveryEngineTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    engine = TestDrivers.builder(42).build();
  }

  private ContainerInfo run(String image, String name, String network, String... aliases) {
    return engine.run(ContainerSpec.builder().image(image).name(name).networkMode(NetworkMode.network(network))
        .putEndpoint(network, EndpointSpec.builder().addAllAliases(List.of(aliases)).build()).build());
  }

  private static String ip(ContainerInfo c, String network) {
    return c.endpoint(network).orElseThrow().ipv4Address().orElseThrow().address().toString();
  }

  private ExecResult exec(String c, String... cmd) {
    return engine.exec(c, List.of(cmd));
  }

  @Test
  void smoke() {
    engine.createNetwork(NetworkSpec.of("dev"));
    ContainerInfo search = run("elasticsearch", "search", "dev");
    run("alpine", "shell", "dev");
    System.out.println(exec("shell", "cat", "/etc/hosts").stdout());
    System.out.println(exec("shell", "cat", "/etc/resolv.conf").stdout());
    System.out.println(exec("shell", "getent", "hosts", "search").stdout());
    System.out.println(exec("shell", "nslookup", "search").stdout());
    System.out.println(exec("shell", "ip", "addr").stdout());
    System.out.println(exec("shell", "ip", "route").stdout());
    System.out.println(exec("shell", "ping", "-c", "2", "search").stdout());
    System.out.println(exec("shell", "env").stdout());
    engine.run(ContainerSpec.builder().image("redis").name("datastore").build());
    engine.run(ContainerSpec.builder().image("alpine").name("web").addLink("datastore:redis").build());
    System.out.println(exec("web", "env").stdout());
    System.out.println(exec("web", "cat", "/etc/hosts").stdout());
    System.out.println(exec("web", "cat", "/etc/resolv.conf").stdout());
    System.out.println(exec("web", "ping", "-c", "1", "8.8.8.8"));
    System.out.println(exec("web", "ping", "-c", "1", ip(search, "dev")));
    assertThat(engine.resolve("shell", "search")).containsExactly(IpAddress.parse(ip(search, "dev")));
  }
}
