package dev.cnm.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortAlreadyAllocatedException;
import dev.cnm.api.port.PortProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultHostPortAllocatorTest {
  private static final IpAddress ANY4 = IpAddress.ANY_V4;
  private static final IpAddress ANY6 = IpAddress.ANY_V6;
  private static final IpAddress LO = IpAddress.parse("127.0.0.1");
  private static final IpAddress ETH = IpAddress.parse("192.168.1.10");
  private static final IpAddress LO6 = IpAddress.parse("::1");
  private static final PortProtocol TCP = PortProtocol.TCP;
  private static final PortProtocol UDP = PortProtocol.UDP;

  private final DefaultHostPortAllocator ports = DefaultHostPortAllocator.create();

  @Test
  void ephemeral_next_after_last_with_wrap_around() {
    DefaultHostPortAllocator small = DefaultHostPortAllocator.withRange(5000, 5002);
    assertThat(small.requestPort(ANY4, TCP, 0)).isEqualTo(5000);
    assertThat(small.requestPort(ANY4, TCP, 0)).isEqualTo(5001);
    small.releasePort(ANY4, TCP, 5000);
    // Not lowest-free: the cursor moves on.
    assertThat(small.requestPort(ANY4, TCP, 0)).isEqualTo(5002);
    assertThat(small.requestPort(ANY4, TCP, 0)).isEqualTo(5000);
    assertThatThrownBy(() -> small.requestPort(ANY4, TCP, 0))
        .isExactlyInstanceOf(SystemException.class).hasMessage("all ports are allocated");
  }

  @Test
  void default_range_is_linux_default() {
    assertThat(ports.ephemeralBegin()).isEqualTo(32768);
    assertThat(ports.ephemeralEnd()).isEqualTo(60999);
    assertThat(ports.requestPort(ANY4, TCP, 0)).isEqualTo(32768);
    assertThat(ports.requestPort(ANY4, UDP, 0)).isEqualTo(32768); // protocols are independent
  }

  @Test
  void full_ephemeral_range_in_order_then_exhausted() {
    int outOfOrder = 0;
    for (int p = 32768; p <= 60999; p++) {
      outOfOrder += ports.requestPort(ANY4, TCP, 0) == p ? 0 : 1;
    }
    assertThat(outOfOrder).isZero();
    assertThatThrownBy(() -> ports.requestPort(ANY4, TCP, 0)).hasMessage("all ports are allocated");
    assertThat(ports.allocatedPorts()).hasSize(28232);
  }

  @Test
  void fixed_port_conflict_message_and_kind() {
    ports.requestPort(ANY4, TCP, 8080);
    assertThatThrownBy(() -> ports.requestPort(ANY4, TCP, 8080))
        .isInstanceOfSatisfying(PortAlreadyAllocatedException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.SYSTEM);
          assertThat(e.hostIp()).isEqualTo(ANY4);
          assertThat(e.port()).isEqualTo(8080);
          assertThat(e.protocol()).isEqualTo(TCP);
        })
        .hasMessage("Bind for 0.0.0.0:8080 failed: port is already allocated");
    assertThat(ports.requestPort(ANY4, UDP, 8080)).isEqualTo(8080);
  }

  @Test
  void unspecified_conflicts_with_specific_of_same_family() {
    ports.requestPort(LO, TCP, 8080);
    assertThatThrownBy(() -> ports.requestPort(ANY4, TCP, 8080))
        .hasMessage("Bind for 127.0.0.1:8080 failed: port is already allocated");
    assertThat(ports.requestPort(ETH, TCP, 8080)).isEqualTo(8080); // two specific addresses: no conflict
    assertThat(ports.requestPort(ANY6, TCP, 8080)).isEqualTo(8080); // other family: no conflict
    assertThatThrownBy(() -> ports.requestPort(LO6, TCP, 8080))
        .hasMessage("Bind for :::8080 failed: port is already allocated");
    ports.requestPort(ANY4, TCP, 9090);
    assertThatThrownBy(() -> ports.requestPort(LO, TCP, 9090))
        .hasMessage("Bind for 0.0.0.0:9090 failed: port is already allocated");
  }

  @Test
  void ephemeral_skips_ports_taken_on_conflicting_addresses() {
    DefaultHostPortAllocator small = DefaultHostPortAllocator.withRange(5000, 5003);
    small.requestPort(LO, TCP, 5000);
    small.requestPort(ETH, TCP, 5001);
    assertThat(small.requestPort(ANY4, TCP, 0)).isEqualTo(5002);
    // 127.0.0.1 checks its own map and 0.0.0.0's, not 192.168.1.10's: 5001 is free for it.
    assertThat(small.requestPort(LO, TCP, 0)).isEqualTo(5001);
  }

  @Test
  void multiple_addresses_same_port_or_nothing() {
    int p = ports.requestPorts(List.of(ANY4, ANY6), TCP, 0, 0);
    assertThat(p).isEqualTo(32768);
    assertThat(ports.isAllocated(ANY4, TCP, p)).isTrue();
    assertThat(ports.isAllocated(ANY6, TCP, p)).isTrue();
    // The IPv6 side has the next port taken: both move on together.
    ports.requestPort(ANY6, TCP, 32769);
    assertThat(ports.requestPorts(List.of(ANY4, ANY6), TCP, 0, 0)).isEqualTo(32770);
    // A fixed port taken on one address books nothing on the other.
    ports.requestPort(ANY6, TCP, 8080);
    assertThatThrownBy(() -> ports.requestPorts(List.of(ANY4, ANY6), TCP, 8080, 8080))
        .hasMessage("Bind for :::8080 failed: port is already allocated");
    assertThat(ports.isAllocated(ANY4, TCP, 8080)).isFalse();
  }

  @Test
  void ranges_have_their_own_cursor() {
    assertThat(ports.requestPorts(List.of(ANY4), TCP, 9000, 9002)).isEqualTo(9000);
    assertThat(ports.requestPorts(List.of(ANY4), TCP, 9000, 9002)).isEqualTo(9001);
    assertThat(ports.requestPort(ANY4, TCP, 0)).isEqualTo(32768);
    assertThat(ports.requestPorts(List.of(ANY4), TCP, 9000, 9005)).isEqualTo(9002); // new key, from its start
    assertThatThrownBy(() -> ports.requestPorts(List.of(ANY4), TCP, 9000, 9002)).hasMessage("all ports are allocated");
    ports.releasePort(ANY4, TCP, 9000);
    assertThat(ports.requestPorts(List.of(ANY4), TCP, 9000, 9002)).isEqualTo(9000);
  }

  @Test
  void explicit_ephemeral_range_shares_the_ephemeral_cursor() {
    ports.requestPort(ANY4, TCP, 0);
    assertThat(ports.requestPorts(List.of(ANY4), TCP, 32768, 60999)).isEqualTo(32769);
    assertThat(ports.requestPort(ANY4, TCP, 0)).isEqualTo(32770);
  }

  @Test
  void failed_request_changes_nothing() {
    DefaultHostPortAllocator small = DefaultHostPortAllocator.withRange(5000, 5001);
    small.requestPort(ANY4, TCP, 5000);
    small.requestPort(ANY4, TCP, 5001);
    assertThatThrownBy(() -> small.requestPorts(List.of(LO, ETH), TCP, 0, 0)).hasMessage("all ports are allocated");
    assertThat(small.allocatedPorts()).extracting(AllocatedPort::toString)
        .containsExactly("0.0.0.0:5000/tcp", "0.0.0.0:5001/tcp");
  }

  @ParameterizedTest
  @CsvSource({"0, 100", "100, 0", "200, 100"})
  void invalid_range(int begin, int end) {
    assertThatThrownBy(() -> ports.requestPorts(List.of(ANY4), TCP, begin, end))
        .isExactlyInstanceOf(SystemException.class)
        .hasMessage("invalid port range: " + begin + "-" + end);
  }

  @Test
  void concurrent_requests_never_share_a_port() throws Exception {
    int threads = 4;
    int each = 2000;
    java.util.Set<Integer> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            if (!seen.add(ports.requestPorts(List.of(ANY4, ANY6), TCP, 0, 0))) {
              throw new AssertionError("a port was handed out twice");
            }
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(threads * each);
    assertThat(ports.allocatedPorts()).hasSize(2 * threads * each);
    ports.releasePorts(List.of(ANY4, ANY6), TCP, 32768);
    assertThat(ports.allocatedPorts()).hasSize(2 * threads * each - 2);
  }

  @Test
  void caller_mistakes() {
    assertThatThrownBy(() -> ports.requestPorts(List.of(), TCP, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ports.requestPorts(List.of(ANY4), TCP, 1, 70000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DefaultHostPortAllocator.withRange(10, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void release_unbooked_is_no_op_and_fixed_port_outside_range_is_fine() {
    ports.releasePort(LO, TCP, 1234);
    assertThat(ports.requestPort(ANY4, TCP, 80)).isEqualTo(80);
    ports.releasePort(ANY4, TCP, 80);
    assertThat(ports.isAllocated(ANY4, TCP, 80)).isFalse();
    assertThat(ports.requestPort(ANY4, TCP, 80)).isEqualTo(80);
    assertThat(ports.allocatedPorts()).containsExactly(AllocatedPort.of(ANY4, TCP, 80));
  }
}
