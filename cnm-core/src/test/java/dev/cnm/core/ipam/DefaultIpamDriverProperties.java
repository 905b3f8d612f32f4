package dev.cnm.core.ipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnm.api.ipam.AddressInUseException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.ipam.NoAvailablePoolException;
import dev.cnm.api.ipam.PoolOverlapException;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Model-based properties of the default allocator: every operation is checked against a plain
 * bit-set model of Docker's semantics (lowest free, next-after-last with wrap, reserved network
 * and broadcast, sub-pool confinement, lowest-free predefined subnets with gap filling).
 */
class DefaultIpamDriverProperties {
  private static final String LOCAL = "LocalDefault";

  /** A /26 pool with a /28 sub-pool; ops are codes: kind = code % 6, parameter = code / 6. */
  @Property(tries = 200)
  void addresses_follow_the_model(
      @ForAll @IntRange(min = 0, max = 3) int childIndex,
      @ForAll @Size(max = 250) List<@IntRange(min = 0, max = 10_000) Integer> ops) {
    DefaultIpamDriver ipam = DefaultIpamDriver.create();
    Subnet pool = Subnet.parse("10.0.0.0/26");
    Subnet childNet = Subnet.of(pool.addressAt(childIndex * 16L), 28);
    String master = ipam.requestPool(PoolRequest.of(LOCAL, pool)).poolId();
    String child = ipam.requestPool(PoolRequest.builder().addressSpace(LOCAL).pool(pool).subPool(childNet).build()).poolId();
    int childStart = childIndex * 16;
    int childEnd = childStart + 15;
    BitSet used = new BitSet(64);
    used.set(0);
    used.set(63);
    long[] cursor = {0};
    List<Integer> held = new ArrayList<>();
    for (int code : ops) {
      int param = code / 6;
      switch (code % 6) {
        case 0: // lowest free of the pool
        case 1: // lowest free of the sub-pool
        case 2: { // serial, pool or sub-pool
          boolean inChild = code % 6 == 1 || (code % 6 == 2 && param % 2 == 1);
          boolean serial = code % 6 == 2;
          int start = inChild ? childStart : 0;
          int end = inChild ? childEnd : 63;
          int expected = serial ? nextSerial(used, start, end, cursor[0]) : lowestFree(used, start, end);
          AddressRequest r = AddressRequest.builder().poolId(inChild ? child : master).serial(serial).build();
          if (expected < 0) {
            assertThatThrownBy(() -> ipam.requestAddress(r)).isInstanceOf(NoAvailableAddressException.class);
          } else {
            Subnet got = ipam.requestAddress(r);
            assertThat(got.prefixLength()).isEqualTo(26);
            assertThat(pool.ordinalOf(got.address())).isEqualTo(expected);
            used.set(expected);
            held.add(expected);
            cursor[0] = expected + 1;
          }
          break;
        }
        case 3:
        case 4: { // release a held address (through either id)
          if (held.isEmpty()) {
            break;
          }
          int o = held.remove(param % held.size());
          ipam.releaseAddress(param % 2 == 0 ? master : child, pool.addressAt(o));
          used.clear(o);
          break;
        }
        default: { // a static address anywhere in the pool, through either id
          int o = param % 64;
          AddressRequest r = AddressRequest.of(param % 2 == 0 ? master : child, pool.addressAt(o));
          if (used.get(o)) {
            assertThatThrownBy(() -> ipam.requestAddress(r)).isInstanceOf(AddressInUseException.class);
          } else {
            assertThat(ipam.requestAddress(r).address()).isEqualTo(pool.addressAt(o));
            used.set(o);
            held.add(o);
          }
        }
      }
      assertThat(ipam.usedCount(master)).isEqualTo(used.cardinality());
    }
    // Releasing everything gives back the initial state; the reserved addresses stay reserved.
    for (int o : held) {
      ipam.releaseAddress(master, pool.addressAt(o));
    }
    ipam.releaseAddress(master, pool.addressAt(0));
    ipam.releaseAddress(master, pool.addressAt(63));
    assertThat(ipam.poolData(master).sameAddressesAs(new PoolData(pool, master))).isTrue();
  }

  private static int lowestFree(BitSet used, int start, int end) {
    int o = used.nextClearBit(start);
    return o <= end ? o : -1;
  }

  private static int nextSerial(BitSet used, int start, int end, long cursor) {
    int from = cursor >= start && cursor <= end ? (int) cursor : start;
    int o = lowestFree(used, from, end);
    return o >= 0 ? o : lowestFree(used, start, end);
  }

  /** A /20 pool (4094 addresses) is large enough to switch the bitmap to its free-set form and back. */
  @Property(tries = 25)
  void large_pools_follow_the_model_through_inversion(@ForAll long seed) {
    Random rnd = new Random(seed);
    DefaultIpamDriver ipam = DefaultIpamDriver.create();
    Subnet pool = Subnet.parse("10.8.0.0/20");
    String id = ipam.requestPool(PoolRequest.of(LOCAL, pool)).poolId();
    BitSet used = new BitSet(4096);
    used.set(0);
    used.set(4095);
    List<Integer> held = new ArrayList<>();
    long cursor = 0;
    for (int round = 0; round < 4; round++) {
      int fill = rnd.nextInt(4200);
      for (int i = 0; i < fill; i++) {
        boolean serial = rnd.nextInt(3) == 0;
        int expected = serial ? nextSerial(used, 0, 4095, cursor) : lowestFree(used, 0, 4095);
        AddressRequest r = AddressRequest.builder().poolId(id).serial(serial).build();
        if (expected < 0) {
          assertThatThrownBy(() -> ipam.requestAddress(r)).isInstanceOf(NoAvailableAddressException.class);
          break;
        }
        assertThat(pool.ordinalOf(ipam.requestAddress(r).address())).isEqualTo(expected);
        used.set(expected);
        held.add(expected);
        cursor = expected + 1;
      }
      int release = rnd.nextInt(held.size() + 1);
      for (int i = 0; i < release; i++) {
        int o = held.remove(rnd.nextInt(held.size()));
        ipam.releaseAddress(id, pool.addressAt(o));
        used.clear(o);
      }
      assertThat(ipam.usedCount(id)).isEqualTo(used.cardinality());
      for (int i = 0; i < 4096; i += 1 + rnd.nextInt(64)) {
        boolean isUsed = ipam.poolData(id).isUsed(pool.addressAt(i));
        assertThat(isUsed).as("ordinal %s", i).isEqualTo(used.get(i));
      }
    }
    for (int o : held) {
      ipam.releaseAddress(id, pool.addressAt(o));
    }
    assertThat(ipam.poolData(id).sameAddressesAs(new PoolData(pool, id))).isTrue();
    assertThat(ipam.estimatedBytes(id)).isLessThan(1_000);
  }

  private static final List<Subnet> PREDEFINED = predefined();

  private static List<Subnet> predefined() {
    List<Subnet> all = new ArrayList<>();
    for (int i = 17; i <= 31; i++) {
      all.add(Subnet.parse("172." + i + ".0.0/16"));
    }
    for (int i = 0; i < 256; i += 16) {
      all.add(Subnet.parse("192.168." + i + ".0/20"));
    }
    return all;
  }

  /** User pools to mix in: /16s, /20s and /24s over the predefined ranges, and one outside them. */
  private static Subnet userPool(int param) {
    switch (param % 4) {
      case 0:
        return Subnet.parse("172." + (16 + param / 4 % 16) + ".0.0/16");
      case 1:
        return Subnet.parse("172." + (17 + param / 4 % 15) + "." + (param / 64 % 256) + ".0/24");
      case 2:
        return Subnet.parse("192.168." + (param / 4 % 256) + ".0/24");
      default:
        return Subnet.parse("192.168." + (param / 4 % 16 * 16) + ".0/20");
    }
  }

  @Property(tries = 200)
  void predefined_pick_is_the_lowest_free_and_overlaps_are_refused(
      @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 100_000) Integer> ops) {
    DefaultIpamDriver ipam = DefaultIpamDriver.create();
    List<Subnet> held = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int code : ops) {
      int param = code / 3;
      switch (code % 3) {
        case 0: {
          Subnet expected = PREDEFINED.stream().filter(c -> held.stream().noneMatch(h -> h.overlaps(c))).findFirst().orElse(null);
          if (expected == null) {
            assertThatThrownBy(() -> ipam.requestPool(PoolRequest.of(LOCAL))).isInstanceOf(NoAvailablePoolException.class);
          } else {
            assertThat(ipam.requestPool(PoolRequest.of(LOCAL)).pool()).isEqualTo(expected);
            held.add(expected);
            ids.add(LOCAL + "/" + expected);
          }
          break;
        }
        case 1: {
          if (held.isEmpty()) {
            break;
          }
          int i = param % held.size();
          ipam.releasePool(ids.remove(i));
          held.remove(i);
          break;
        }
        default: {
          Subnet s = userPool(param);
          if (held.stream().anyMatch(h -> h.overlaps(s))) {
            assertThatThrownBy(() -> ipam.requestPool(PoolRequest.of(LOCAL, s))).isInstanceOf(PoolOverlapException.class);
          } else {
            ids.add(ipam.requestPool(PoolRequest.of(LOCAL, s)).poolId());
            held.add(s);
          }
        }
      }
      assertThat(ipam.allocatedPools(LOCAL, false)).containsExactlyInAnyOrderElementsOf(held);
    }
    for (String id : ids) {
      ipam.releasePool(id);
    }
    assertThat(ipam.allocatedPools(LOCAL, false)).isEmpty();
  }

  @Property(tries = 100)
  void excluded_prefixes_are_never_picked(
      @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 100_000) Integer> excluded,
      @ForAll @IntRange(min = 1, max = 40) int requests) {
    DefaultIpamDriver ipam = DefaultIpamDriver.create();
    List<Subnet> exclude = new ArrayList<>();
    for (int e : excluded) {
      exclude.add(userPool(e));
    }
    List<Subnet> held = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      Subnet expected = PREDEFINED.stream()
          .filter(c -> held.stream().noneMatch(h -> h.overlaps(c)) && exclude.stream().noneMatch(h -> h.overlaps(c)))
          .findFirst().orElse(null);
      PoolRequest r = PoolRequest.builder().addressSpace(LOCAL).exclude(exclude).build();
      if (expected == null) {
        assertThatThrownBy(() -> ipam.requestPool(r)).isInstanceOf(NoAvailablePoolException.class);
        return;
      }
      assertThat(ipam.requestPool(r).pool()).isEqualTo(expected);
      held.add(expected);
    }
  }

  @Property(tries = 50)
  void huge_ipv6_pools_hand_out_lowest_free_without_materialising(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1_000_000) Integer> ops) {
    DefaultIpamDriver ipam = DefaultIpamDriver.create();
    Subnet pool = Subnet.parse("fd00:a::/64");
    String id = ipam.requestPool(PoolRequest.of(LOCAL, pool)).poolId();
    List<IpAddress> held = new ArrayList<>();
    BitSet low = new BitSet();
    low.set(0);
    for (int code : ops) {
      if (code % 3 == 0 && !held.isEmpty()) {
        IpAddress a = held.remove(code / 3 % held.size());
        ipam.releaseAddress(id, a);
        if (a.high() == pool.network().high() && a.low() < 1 << 20) {
          low.clear((int) a.low());
        }
      } else if (code % 3 == 1) {
        // A static address far beyond the first 2^32.
        IpAddress a = IpAddress.ofV6(pool.network().high(), 0x1_0000_0000L * (1 + code));
        if (!held.contains(a)) {
          ipam.requestAddress(AddressRequest.of(id, a));
          held.add(a);
        }
      } else {
        IpAddress got = ipam.requestAddress(AddressRequest.of(id)).address();
        int expected = low.nextClearBit(0);
        assertThat(got).isEqualTo(pool.addressAt(expected));
        low.set(expected);
        held.add(got);
      }
    }
    assertThat(ipam.estimatedBytes(id)).isLessThan(10_000);
  }
}
