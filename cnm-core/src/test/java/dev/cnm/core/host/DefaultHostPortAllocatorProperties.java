package dev.cnm.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random sequences of requests and releases over a small range and a few addresses, checked
 * against the rules of Docker v27+ after every step.
 */
class DefaultHostPortAllocatorProperties {
  private static final int BEGIN = 40000;
  private static final int END = 40011;
  private static final List<IpAddress> IPS = List.of(IpAddress.ANY_V4, IpAddress.parse("127.0.0.1"),
      IpAddress.parse("10.0.0.1"), IpAddress.ANY_V6, IpAddress.parse("::1"));

  /** One step: request (ips, proto, begin, end) or release (ip, proto, port). */
  static final class Step {
    final boolean release;
    final List<IpAddress> ips;
    final PortProtocol proto;
    final int begin;
    final int end;

    Step(boolean release, List<IpAddress> ips, PortProtocol proto, int begin, int end) {
      this.release = release;
      this.ips = ips;
      this.proto = proto;
      this.begin = begin;
      this.end = end;
    }

    @Override
    public String toString() {
      return (release ? "release " : "request ") + ips + " " + proto + " " + begin + "-" + end;
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    // One request never mixes the unspecified address with a specific one of the same family
    // (the engine never asks for that; Docker would book both, which is one binding, not a clash).
    Arbitrary<List<IpAddress>> ips = Arbitraries.of(IPS).list().ofMinSize(1).ofMaxSize(3)
        .filter(DefaultHostPortAllocatorProperties::consistent);
    Arbitrary<PortProtocol> proto = Arbitraries.of(PortProtocol.TCP, PortProtocol.UDP);
    Arbitrary<int[]> range = Arbitraries.oneOf(
        Arbitraries.just(new int[] {0, 0}),
        Arbitraries.integers().between(BEGIN - 2, END + 2).map(p -> new int[] {p, p}),
        Arbitraries.integers().between(BEGIN, END).flatMap(a ->
            Arbitraries.integers().between(a, END + 3).map(b -> new int[] {a, b})));
    Arbitrary<Step> request = Combinators.combine(ips, proto, range)
        .as((i, p, r) -> new Step(false, i, p, r[0], r[1]));
    Arbitrary<Step> release = Combinators.combine(Arbitraries.of(IPS), proto,
        Arbitraries.integers().between(BEGIN - 2, END + 3))
        .as((i, p, port) -> new Step(true, List.of(i), p, port, port));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, request), net.jqwik.api.Tuple.of(1, release)).list().ofMaxSize(40);
  }

  @Property(tries = 200)
  void no_two_active_bindings_conflict_and_failures_book_nothing(@ForAll("steps") List<Step> steps) {
    DefaultHostPortAllocator ports = DefaultHostPortAllocator.withRange(BEGIN, END);
    for (Step s : steps) {
      SortedSet<AllocatedPort> before = ports.allocatedPorts();
      if (s.release) {
        ports.releasePort(s.ips.get(0), s.proto, s.begin);
        assertThat(ports.isAllocated(s.ips.get(0), s.proto, s.begin)).isFalse();
        continue;
      }
      int port;
      try {
        port = ports.requestPorts(s.ips, s.proto, s.begin, s.end);
      } catch (SystemException e) {
        assertThat(ports.allocatedPorts()).as("failed %s", s).isEqualTo(before);
        assertThat(wouldSucceed(before, s)).as("%s failed but a port was free: %s", s, e.getMessage()).isFalse();
        continue;
      }
      int lo = s.begin == 0 ? BEGIN : s.begin;
      int hi = s.begin == 0 ? END : s.end;
      assertThat(port).isBetween(lo, hi);
      for (IpAddress ip : s.ips) {
        assertThat(ports.isAllocated(ip, s.proto, port)).isTrue();
        assertThat(conflicts(before, ip, s.proto, port)).as("%s got %s", s, port).isFalse();
      }
      assertNoConflicts(ports.allocatedPorts());
    }
  }

  @Property(tries = 50)
  void released_ports_are_reusable(@ForAll @IntRange(min = 1, max = 65535) int port) {
    DefaultHostPortAllocator ports = DefaultHostPortAllocator.create();
    ports.requestPorts(List.of(IpAddress.ANY_V4, IpAddress.ANY_V6), PortProtocol.TCP, port, port);
    ports.releasePort(IpAddress.ANY_V4, PortProtocol.TCP, port);
    ports.releasePort(IpAddress.ANY_V6, PortProtocol.TCP, port);
    assertThat(ports.allocatedPorts()).isEmpty();
    assertThat(ports.requestPort(IpAddress.parse("127.0.0.1"), PortProtocol.TCP, port)).isEqualTo(port);
  }

  @Property(tries = 100)
  void ephemeral_ports_come_next_after_last(@ForAll("releases") List<Integer> releases) {
    DefaultHostPortAllocator ports = DefaultHostPortAllocator.withRange(BEGIN, END);
    int last = END;
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      held.add(ports.requestPort(IpAddress.ANY_V4, PortProtocol.TCP, 0));
    }
    last = held.get(held.size() - 1);
    for (int r : releases) {
      ports.releasePort(IpAddress.ANY_V4, PortProtocol.TCP, r);
      int expected = last;
      do {
        expected = expected == END ? BEGIN : expected + 1;
      } while (ports.isAllocated(IpAddress.ANY_V4, PortProtocol.TCP, expected));
      int got = ports.requestPort(IpAddress.ANY_V4, PortProtocol.TCP, 0);
      assertThat(got).isEqualTo(expected);
      last = got;
    }
  }

  @Provide
  Arbitrary<List<Integer>> releases() {
    return Arbitraries.integers().between(BEGIN, END).list().ofMaxSize(30);
  }

  private static boolean consistent(List<IpAddress> ips) {
    for (IpAddress a : ips) {
      for (IpAddress b : ips) {
        if (a.isV4() == b.isV4() && a.isUnspecified() && !b.isUnspecified()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether booking {@code port} on {@code ip} conflicts with {@code booked} under the v27 rules. */
  private static boolean conflicts(SortedSet<AllocatedPort> booked, IpAddress ip, PortProtocol proto, int port) {
    for (AllocatedPort a : booked) {
      if (a.protocol() == proto && a.port() == port && a.hostIp().isV4() == ip.isV4()
          && (a.hostIp().equals(ip) || a.hostIp().isUnspecified() || ip.isUnspecified())) {
        return true;
      }
    }
    return false;
  }

  private static boolean wouldSucceed(SortedSet<AllocatedPort> booked, Step s) {
    if (s.begin != 0 && (s.end == 0 || s.end < s.begin)) {
      return false;
    }
    int lo = s.begin == 0 ? BEGIN : s.begin;
    int hi = s.begin == 0 ? END : s.end;
    for (int p = lo; p <= hi; p++) {
      boolean free = true;
      for (IpAddress ip : s.ips) {
        free &= !conflicts(booked, ip, s.proto, p);
      }
      if (free) {
        return true;
      }
    }
    return false;
  }

  private static void assertNoConflicts(SortedSet<AllocatedPort> booked) {
    List<AllocatedPort> all = new ArrayList<>(booked);
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        AllocatedPort a = all.get(i);
        AllocatedPort b = all.get(j);
        boolean clash = a.protocol() == b.protocol() && a.port() == b.port() && a.hostIp().isV4() == b.hostIp().isV4()
            && (a.hostIp().isUnspecified() || b.hostIp().isUnspecified());
        assertThat(clash).as("%s and %s", a, b).isFalse();
      }
    }
  }
}
