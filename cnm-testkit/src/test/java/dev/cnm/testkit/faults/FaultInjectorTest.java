package dev.cnm.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Engine;
import dev.cnm.api.NetworkSpec;
import dev.cnm.api.RemoveOption;
import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.core.Cnm;
import dev.cnm.core.ipam.DefaultIpamDriver;
import dev.cnm.drivers.bridge.BridgeDriverProvider;
import dev.cnm.drivers.host.HostDriverProvider;
import dev.cnm.drivers.none.NullDriverProvider;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  private FaultInjector faults;
  private Engine engine;

  @BeforeEach
  void build() {
    faults = FaultInjector.create();
    engine = Cnm.builder().seed(3)
        .driver(faults.wrap(new BridgeDriverProvider()))
        .driver(faults.wrap(new HostDriverProvider()))
        .driver(faults.wrap(new NullDriverProvider()))
        .ipamDriver(faults.wrap(DefaultIpamDriver.create()))
        .build();
    faults.clearCalls();
  }

  @Test
  void fail_nth_fails_only_the_nth_call_of_that_method() {
    // given
    faults.failNth("createNetwork", 2);
    // when
    engine.createNetwork(NetworkSpec.of("one"));
    // then
    assertThatThrownBy(() -> engine.createNetwork(NetworkSpec.of("two")))
        .isInstanceOf(CnmException.class).hasMessageContaining("injected fault: bridge.createNetwork");
    engine.createNetwork(NetworkSpec.of("three"));
    assertThat(engine.findNetwork("two")).isEmpty();
  }

  @Test
  void fail_when_fails_every_matching_call_until_cleared() {
    faults.failWhen(c -> c.method().equals("requestPool"));
    assertThatThrownBy(() -> engine.createNetwork(NetworkSpec.of("a"))).isInstanceOf(CnmException.class);
    assertThatThrownBy(() -> engine.createNetwork(NetworkSpec.of("b"))).isInstanceOf(CnmException.class);
    faults.clearFaults();
    engine.createNetwork(NetworkSpec.of("c"));
  }

  @Test
  void fail_with_throws_the_given_exception() {
    faults.failWith(c -> new UnavailableException("store down during " + c.qualifiedMethod()))
        .failNth("ipam:default.requestPool", 1);
    assertThatThrownBy(() -> engine.createNetwork(NetworkSpec.of("a")))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("store down during ipam:default.requestPool");
  }

  @Test
  void take_call_returns_the_calls_in_order_then_refuses() {
    engine.createNetwork(NetworkSpec.of("a"));
    assertThat(faults.takeCall().toString()).startsWith("#1 ipam:default.requestPool");
    assertThat(faults.takeCall().index()).isEqualTo(2);
    SpiCall create = faults.takeCall();
    assertThat(create.qualifiedMethod()).isEqualTo("bridge.createNetwork");
    assertThat(create.succeeded()).isTrue();
    assertThatThrownBy(faults::takeCall).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void held_follows_acquisitions_and_releases() {
    var held = faults.held();
    engine.run(ContainerSpec.builder().image("nginx").name("web").build());
    assertThat(faults.held()).hasSizeGreaterThan(held.size())
        .anyMatch(s -> s.startsWith("bridge join "))
        .anyMatch(s -> s.startsWith("bridge endpoint "))
        .anyMatch(s -> s.startsWith("ipam:default address LocalDefault/172.17.0.0/16 172.17.0.2"));
    engine.removeContainer("web", RemoveOption.FORCE);
    assertThat(faults.held()).isEqualTo(held);
  }

  @Test
  void arguments_are_checked() {
    assertThatThrownBy(() -> faults.failNth("join", 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n (0) must be positive");
    assertThatThrownBy(() -> faults.failCall(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> faults.failWhen(null)).isInstanceOf(NullPointerException.class);
  }
}
