package dev.cnm.core.host;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.cnm.api.error.SystemException;
import dev.cnm.api.host.AllocatedPort;
import dev.cnm.api.host.HostPortAllocator;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.port.PortAlreadyAllocatedException;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.core.internal.CheapLock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The in-memory host port table: Docker v27+ {@code portallocator} semantics (see {@link
 * HostPortAllocator}) over one 65 536-bit set per (address, protocol), so a full ephemeral range
 * costs 8 KiB and a request is a few word operations.
 *
 * <pre>{@code
 * HostPortAllocator ports = DefaultHostPortAllocator.create();             // 32768-60999
 * HostPortAllocator small = DefaultHostPortAllocator.withRange(49153, 65535); // Docker's fallback
 * ports.requestPort(IpAddress.ANY_V4, PortProtocol.TCP, 0);                 // 32768
 * }</pre>
 */
public final class DefaultHostPortAllocator implements HostPortAllocator {
  private static final String ALL_ALLOCATED = "all ports are allocated";

  private final int begin;
  private final int end;
  /** Per protocol (ordinal), the port maps of every address seen. Guarded by {@code lock}. */
  private final ProtoTable[] tables = new ProtoTable[PortProtocol.values().length];
  private final CheapLock lock = new CheapLock();

  private DefaultHostPortAllocator(int begin, int end) {
    this.begin = begin;
    this.end = end;
    for (int i = 0; i < tables.length; i++) {
      tables[i] = new ProtoTable();
    }
  }

  /** {@return a table with the default ephemeral range 32768-60999} */
  public static DefaultHostPortAllocator create() {
    return new DefaultHostPortAllocator(DEFAULT_EPHEMERAL_BEGIN, DEFAULT_EPHEMERAL_END);
  }

  /**
   * {@return a table whose ephemeral range is {@code begin..end}, like
   * {@code /proc/sys/net/ipv4/ip_local_port_range}}
   *
   * @param begin the first port of the ephemeral range
   * @param end the last port of the ephemeral range
   * @throws IllegalArgumentException unless {@code 1 <= begin <= end <= 65535}
   */
  public static DefaultHostPortAllocator withRange(int begin, int end) {
    checkArgument(begin >= 1 && begin <= end && end <= 65535, "invalid ephemeral range %s-%s", begin, end);
    return new DefaultHostPortAllocator(begin, end);
  }

  @Override
  public int ephemeralBegin() {
    return begin;
  }

  @Override
  public int ephemeralEnd() {
    return end;
  }

  @Override
  public int requestPorts(List<IpAddress> hostIps, PortProtocol protocol, int portStart, int portEnd) {
    lock.lock();
    try {
      requireNonNull(protocol, "protocol");
      checkArgument(portStart >= 0 && portStart <= 65535 && portEnd >= 0 && portEnd <= 65535,
          "ports %s-%s are not within 0-65535", portStart, portEnd);
      if (portStart != 0 || portEnd != 0) {
        if (portStart == 0 || portEnd == 0 || portEnd < portStart) {
          throw new SystemException("invalid port range: " + portStart + "-" + portEnd);
        }
      }
      int n = hostIps.size();
      checkArgument(n > 0, "no IP addresses specified");
      if (n == 1) {
        return requestOne(requireNonNull(hostIps.get(0), "hostIp"), protocol, portStart, portEnd);
      }
      ProtoTable table = tables[protocol.ordinal()];

      // General case: distinct addresses in request order.
      List<IpAddress> ips = new ArrayList<>(n);
      boolean any4 = false;
      boolean any6 = false;
      boolean has4 = false;
      boolean has6 = false;
      for (IpAddress ip : hostIps) {
        requireNonNull(ip, "hostIp");
        if (!ips.contains(ip)) {
          ips.add(ip);
          has4 |= ip.isV4();
          has6 |= ip.isV6();
          any4 |= ip.isV4() && ip.isUnspecified();
          any6 |= ip.isV6() && ip.isUnspecified();
        }
      }
      // Maps to check: the requested ones (in request order), then the others the rules add.
      List<PortMap> checkList = new ArrayList<>();
      for (IpAddress ip : ips) {
        PortMap m = table.maps.get(ip);
        if (m != null) {
          checkList.add(m);
        }
      }
      for (PortMap m : table.sorted()) {
        if (ips.contains(m.ip)) {
          continue;
        }
        boolean family4 = m.ip.isV4();
        boolean needed = family4 ? any4 || (has4 && m.ip.isUnspecified()) : any6 || (has6 && m.ip.isUnspecified());
        if (needed) {
          checkList.add(m);
        }
      }
      PortMap[] check = checkList.toArray(new PortMap[0]);
      if (portStart != 0 && portStart == portEnd) {
        PortMap conflict = firstHolder(check, check.length, portStart, null);
        if (conflict != null) {
          throw new PortAlreadyAllocatedException(conflict.ip, protocol, portStart);
        }
        for (IpAddress ip : ips) {
          table.mapFor(ip, table.maps.get(ip)).set(portStart);
        }
        return portStart;
      }
      int lo = portStart == 0 ? begin : portStart;
      int hi = portStart == 0 ? end : portEnd;
      PortMap first = table.maps.get(ips.get(0));
      int last = first == null ? hi : first.last(lo, hi, begin, end);
      int port = findFree(check, check.length, lo, hi, last);
      if (port < 0) {
        throw new SystemException(ALL_ALLOCATED);
      }
      for (IpAddress ip : ips) {
        PortMap m = table.mapFor(ip, table.maps.get(ip));
        m.set(port);
        m.setLast(lo, hi, begin, end, port);
      }
      return port;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int requestPort(IpAddress hostIp, PortProtocol protocol, int port) {
    lock.lock();
    try {
      requireNonNull(hostIp, "hostIp");
      requireNonNull(protocol, "protocol");
      checkArgument(port >= 0 && port <= 65535, "port %s is not within 0-65535", port);
      return requestOne(hostIp, protocol, port, port);
    } finally {
      lock.unlock();
    }
  }

  /** A request on one address, the common case: no list, no allocation once the maps exist. */
  private int requestOne(IpAddress ip, PortProtocol protocol, int portStart, int portEnd) {
    ProtoTable table = tables[protocol.ordinal()];
    PortMap own = table.lookup(ip);
    if (own != null && table.alone(own)) {
      return requestAlone(own, protocol, portStart, portEnd);
    }
    PortMap[] check = table.checkSet(ip, own);
    if (portStart != 0 && portStart == portEnd) {
      PortMap conflict = firstHolder(check, check.length, portStart, ip);
      if (conflict != null) {
        throw new PortAlreadyAllocatedException(conflict.ip, protocol, portStart);
      }
      table.mapFor(ip, own).set(portStart);
      return portStart;
    }
    int lo = portStart == 0 ? begin : portStart;
    int hi = portStart == 0 ? end : portEnd;
    int last = own == null ? hi : own.last(lo, hi, begin, end);
    int port = findFree(check, check.length, lo, hi, last);
    if (port < 0) {
      throw new SystemException(ALL_ALLOCATED);
    }
    PortMap m = table.mapFor(ip, own);
    m.set(port);
    m.setLast(lo, hi, begin, end, port);
    return port;
  }

  /**
   * {@link #requestOne} when {@code own} is the only map a port must be free in (the usual table:
   * every binding on 0.0.0.0): the same answers, without building the set of maps to check.
   */
  private int requestAlone(PortMap own, PortProtocol protocol, int portStart, int portEnd) {
    if (portStart != 0 && portStart == portEnd) {
      if (own.get(portStart)) {
        throw new PortAlreadyAllocatedException(own.ip, protocol, portStart);
      }
      own.set(portStart);
      return portStart;
    }
    int lo = portStart == 0 ? begin : portStart;
    int hi = portStart == 0 ? end : portEnd;
    int last = own.last(lo, hi, begin, end);
    int start = last + 1;
    if (start > hi || start < lo) {
      start = lo;
    }
    int port = own.scanFree(start, hi);
    if (port < 0 && start > lo) {
      port = own.scanFree(lo, start - 1);
    }
    if (port < 0) {
      throw new SystemException(ALL_ALLOCATED);
    }
    own.set(port);
    own.setLast(lo, hi, begin, end, port);
    return port;
  }

  @Override
  public void releasePort(IpAddress hostIp, PortProtocol protocol, int port) {
    lock.lock();
    try {
      requireNonNull(hostIp, "hostIp");
      requireNonNull(protocol, "protocol");
      if (port < 1 || port > 65535) {
        return;
      }
      PortMap m = tables[protocol.ordinal()].lookup(hostIp);
      if (m != null) {
        m.clear(port);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isAllocated(IpAddress hostIp, PortProtocol protocol, int port) {
    lock.lock();
    try {
      requireNonNull(hostIp, "hostIp");
      requireNonNull(protocol, "protocol");
      if (port < 1 || port > 65535) {
        return false;
      }
      PortMap m = tables[protocol.ordinal()].lookup(hostIp);
      return m != null && m.get(port);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public SortedSet<AllocatedPort> allocatedPorts() {
    lock.lock();
    try {
      TreeSet<AllocatedPort> out = new TreeSet<>();
      for (PortProtocol protocol : PortProtocol.values()) {
        for (PortMap m : tables[protocol.ordinal()].maps.values()) {
          for (int w = 0; w < m.bits.length; w++) {
            long word = m.bits[w];
            while (word != 0) {
              int port = (w << 6) + Long.numberOfTrailingZeros(word);
              out.add(AllocatedPort.of(m.ip, protocol, port));
              word &= word - 1;
            }
          }
        }
      }
      return Collections.unmodifiableSortedSet(out);
    } finally {
      lock.unlock();
    }
  }

  /** The first map (the requested address first when given) holding {@code port}, or null. */
  private static PortMap firstHolder(PortMap[] maps, int n, int port, IpAddress preferred) {
    PortMap found = null;
    for (int i = 0; i < n; i++) {
      if (maps[i].get(port)) {
        if (preferred == null || maps[i].ip.equals(preferred)) {
          return maps[i];
        }
        if (found == null) {
          found = maps[i];
        }
      }
    }
    return found;
  }

  /**
   * The first port after {@code last} in {@code lo..hi}, wrapping to {@code lo}, that is free in
   * every map; -1 if none.
   */
  static int findFree(PortMap[] maps, int n, int lo, int hi, int last) {
    int start = last + 1;
    if (start > hi || start < lo) {
      start = lo;
    }
    int p = scan(maps, n, start, hi);
    if (p < 0 && start > lo) {
      p = scan(maps, n, lo, start - 1);
    }
    return p;
  }

  /** The lowest port in {@code from..to} free in every map, or -1. */
  private static int scan(PortMap[] maps, int n, int from, int to) {
    int w = from >>> 6;
    int lastWord = to >>> 6;
    long mask = -1L << (from & 63);
    while (w <= lastWord) {
      long used = 0;
      for (int i = 0; i < n; i++) {
        used |= maps[i].bits[w];
      }
      long free = ~used & mask;
      if (w == lastWord) {
        int top = to & 63;
        if (top < 63) {
          free &= (1L << (top + 1)) - 1;
        }
      }
      if (free != 0) {
        return (w << 6) + Long.numberOfTrailingZeros(free);
      }
      mask = -1L;
      w++;
    }
    return -1;
  }

  /** The port maps of one protocol. */
  private static final class ProtoTable {
    final Map<IpAddress, PortMap> maps = new HashMap<>();
    final List<PortMap> v4 = new ArrayList<>();
    final List<PortMap> v6 = new ArrayList<>();
    /** A reusable one-element check set, for the common single-map case. */
    private PortMap[] single = new PortMap[1];
    private PortMap[] familyCache4;
    private PortMap[] familyCache6;

    /** The map of the unspecified addresses, kept apart so the common case needs no hashing. */
    private PortMap any4;
    private PortMap any6;

    /**
     * Whether a single-address request on {@code own}'s address needs only {@code own} checked:
     * it is the unspecified address of its family and the family has no other map.
     */
    boolean alone(PortMap own) {
      return own == any4 ? v4.size() == 1 : own == any6 && v6.size() == 1;
    }

    /** The map of {@code ip}, or null. */
    PortMap lookup(IpAddress ip) {
      if (ip.isUnspecified()) {
        return ip.isV4() ? any4 : any6;
      }
      return maps.get(ip);
    }

    /** The existing map for {@code ip}, or a new one registered in the table. */
    PortMap mapFor(IpAddress ip, PortMap existing) {
      if (existing != null) {
        return existing;
      }
      PortMap m = new PortMap(ip);
      maps.put(ip, m);
      if (ip.isUnspecified()) {
        if (ip.isV4()) {
          any4 = m;
        } else {
          any6 = m;
        }
      }
      if (ip.isV4()) {
        v4.add(m);
        familyCache4 = null;
      } else {
        v6.add(m);
        familyCache6 = null;
      }
      return m;
    }

    /** Every map, in address order. */
    List<PortMap> sorted() {
      List<PortMap> all = new ArrayList<>(maps.values());
      all.sort((a, b) -> a.ip.compareTo(b.ip));
      return all;
    }

    /**
     * The maps a single-address request on {@code ip} must find the port free in: its own map
     * (first), plus every map of the family for an unspecified address, or the family's
     * unspecified map for a specific one. Never modified by the caller.
     */
    PortMap[] checkSet(IpAddress ip, PortMap own) {
      boolean v4ip = ip.isV4();
      if (ip.isUnspecified()) {
        List<PortMap> family = v4ip ? v4 : v6;
        if (family.isEmpty() || (family.size() == 1 && own != null)) {
          if (own == null) {
            return new PortMap[0];
          }
          single[0] = own;
          return single;
        }
        PortMap[] cached = v4ip ? familyCache4 : familyCache6;
        if (cached == null || own == null || cached[0] != own) {
          cached = new PortMap[family.size()];
          int k = 0;
          if (own != null) {
            cached[k++] = own;
          }
          List<PortMap> rest = new ArrayList<>(family);
          rest.sort((a, b) -> a.ip.compareTo(b.ip));
          for (PortMap m : rest) {
            if (m != own) {
              cached[k++] = m;
            }
          }
          cached = Arrays.copyOf(cached, k);
          if (own != null) {
            if (v4ip) {
              familyCache4 = cached;
            } else {
              familyCache6 = cached;
            }
          }
        }
        return cached;
      }
      PortMap unspecified = v4ip ? any4 : any6;
      if (own == null && unspecified == null) {
        return new PortMap[0];
      }
      if (own == null) {
        single[0] = unspecified;
        return single;
      }
      if (unspecified == null) {
        single[0] = own;
        return single;
      }
      return new PortMap[] {own, unspecified};
    }
  }

  /** The booked ports of one (address, protocol) and its per-range cursors. */
  static final class PortMap {
    final IpAddress ip;
    final long[] bits = new long[1024];
    /** The cursor of the ephemeral range; -1 until first used (then it starts at the range's end). */
    private int ephemeralLast = -1;
    /** Cursors of other ranges, keyed {@code begin << 16 | end}; created when first used. */
    private Map<Integer, Integer> rangeLast;

    PortMap(IpAddress ip) {
      this.ip = ip;
    }

    boolean get(int port) {
      return (bits[port >>> 6] & (1L << port)) != 0;
    }

    void set(int port) {
      bits[port >>> 6] |= 1L << port;
    }

    void clear(int port) {
      bits[port >>> 6] &= ~(1L << port);
    }

    /** The lowest port in {@code from..to} free in this map alone, or -1. */
    int scanFree(int from, int to) {
      int w = from >>> 6;
      int lastWord = to >>> 6;
      long free = ~bits[w] & (-1L << (from & 63));
      while (free == 0) {
        if (++w > lastWord) {
          return -1;
        }
        free = ~bits[w];
      }
      int port = (w << 6) + Long.numberOfTrailingZeros(free);
      return port <= to ? port : -1;
    }

    /** The cursor of range {@code lo..hi}: the last port handed out in it, else {@code hi}. */
    int last(int lo, int hi, int ephemeralBegin, int ephemeralEnd) {
      if (lo == ephemeralBegin && hi == ephemeralEnd) {
        return ephemeralLast < 0 ? hi : ephemeralLast;
      }
      Integer l = rangeLast == null ? null : rangeLast.get((lo << 16) | hi);
      return l == null ? hi : l;
    }

    void setLast(int lo, int hi, int ephemeralBegin, int ephemeralEnd, int port) {
      if (lo == ephemeralBegin && hi == ephemeralEnd) {
        ephemeralLast = port;
        return;
      }
      if (rangeLast == null) {
        rangeLast = new HashMap<>();
      }
      rangeLast.put((lo << 16) | hi, port);
    }
  }
}
