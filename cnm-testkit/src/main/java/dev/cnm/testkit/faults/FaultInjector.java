package dev.cnm.testkit.faults;

import static java.util.Objects.requireNonNull;

import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.spi.DriverContext;
import dev.cnm.api.spi.EndpointCreateRequest;
import dev.cnm.api.spi.ExternalConnectivityRequest;
import dev.cnm.api.spi.JoinRequest;
import dev.cnm.api.spi.NetworkCreateRequest;
import dev.cnm.api.spi.NetworkDriver;
import dev.cnm.api.spi.NetworkDriverProvider;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Records every SPI call the engine makes into the drivers it wraps, in order, and makes chosen
 * calls fail: the Nth call of a method, the Nth call overall, or every call matching a predicate.
 * With no fault set it is a pure recorder (OkHttp's {@code takeRequest()} for drivers).
 *
 * <p>Wrap drivers when building the engine; the wrapped driver behaves exactly like the real one
 * until a fault fires, and then throws (by default an {@link InjectedFaultException}) instead of
 * calling it. Only the SPI's operations are intercepted ({@code createNetwork} to {@code
 * revokeExternalConnectivity}, {@code requestPool} to {@code releaseAddress}); {@code type()},
 * {@code capability()} and the IPAM driver's descriptive methods pass through unrecorded.
 *
 * <pre>{@code
 * FaultInjector faults = FaultInjector.create();
 * Engine engine = Cnm.builder().seed(1)
 *     .driver(faults.wrap(new BridgeDriverProvider()))
 *     .ipamDriver(faults.wrap(DefaultIpamDriver.create()))
 *     .build();
 * faults.failNth("bridge.join", 1);
 * assertThatThrownBy(() -> engine.run(ContainerSpec.of("nginx"))).isInstanceOf(CnmException.class);
 * assertThat(faults.held()).isEmpty();      // everything acquired for the failed run was released
 * }</pre>
 *
 * <p>Thread-safe; calls are recorded in the order they complete.
 */
public final class FaultInjector {
  private final List<SpiCall> calls = new ArrayList<>();
  private final Deque<SpiCall> untaken = new ArrayDeque<>();
  private final List<Rule> rules = new ArrayList<>();
  private final TreeSet<String> held = new TreeSet<>();
  private final Map<String, DriverContext> contexts = new HashMap<>();
  /** The wrappers, by component ({@code bridge}, {@code ipam:default}), for {@link #redo}. */
  private final Map<String, Object> wrappers = new HashMap<>();
  private Function<SpiCall, ? extends RuntimeException> exceptions = FaultInjector::defaultException;
  private int counter;

  private FaultInjector() {}

  /** {@return a recorder with no fault set} */
  public static FaultInjector create() {
    return new FaultInjector();
  }

  /**
   * {@return the network driver provider {@code provider}, with every driver it creates recorded
   * and faultable}
   *
   * @param provider the provider to wrap
   */
  public NetworkDriverProvider wrap(NetworkDriverProvider provider) {
    requireNonNull(provider, "provider");
    return NetworkDriverProvider.of(provider.type(), context -> {
      synchronized (this) {
        contexts.put(provider.type(), context);
      }
      FaultInjectingDriver driver = new FaultInjectingDriver(provider.create(context), this);
      synchronized (this) {
        wrappers.put(provider.type(), driver);
      }
      return driver;
    });
  }

  /**
   * {@return the IPAM driver {@code driver}, recorded and faultable under the component
   * {@code ipam:<name>}}
   *
   * @param driver the driver to wrap
   */
  public IpamDriver wrap(IpamDriver driver) {
    FaultInjectingIpamDriver wrapper = new FaultInjectingIpamDriver(requireNonNull(driver, "driver"), this);
    synchronized (this) {
      wrappers.put("ipam:" + driver.name(), wrapper);
    }
    return wrapper;
  }

  /**
   * Makes a recorded release call ({@code leave}, {@code deleteEndpoint}, {@code
   * revokeExternalConnectivity}, {@code releaseAddress}, {@code releasePool}, {@code
   * deleteNetwork}) again through the same wrapper (recorded, and faultable like any call): what
   * reconciliation does for a release the engine logged and went past. For the kit's own proofs.
   */
  void redo(SpiCall call) {
    Object w;
    synchronized (this) {
      w = wrappers.get(call.component());
    }
    List<Object> a = call.args();
    if (w instanceof NetworkDriver) {
      NetworkDriver d = (NetworkDriver) w;
      switch (call.method()) {
        case "leave":
          d.leave((String) a.get(0), (String) a.get(1));
          return;
        case "deleteEndpoint":
          d.deleteEndpoint((String) a.get(0), (String) a.get(1));
          return;
        case "revokeExternalConnectivity":
          d.revokeExternalConnectivity((String) a.get(0), (String) a.get(1));
          return;
        case "deleteNetwork":
          d.deleteNetwork((String) a.get(0));
          return;
        default:
          break;
      }
    } else if (w instanceof IpamDriver) {
      IpamDriver d = (IpamDriver) w;
      switch (call.method()) {
        case "releaseAddress":
          d.releaseAddress((String) a.get(0), (IpAddress) a.get(1));
          return;
        case "releasePool":
          d.releasePool((String) a.get(0));
          return;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("not a release call of a wrapped driver: " + call);
  }

  /**
   * Makes the {@code n}th call (1-based, counted from now) of {@code method} fail, once. {@code
   * method} is a bare SPI method name ({@code createEndpoint}, any driver) or one qualified by its
   * component ({@code bridge.createEndpoint}, {@code ipam:default.requestAddress}).
   *
   * @param method the method's name, bare or qualified
   * @param n which matching call fails, 1 for the next
   * @return this injector
   */
  public synchronized FaultInjector failNth(String method, int n) {
    requireNonNull(method, "method");
    if (n < 1) {
      throw new IllegalArgumentException("n (" + n + ") must be positive");
    }
    rules.add(new Rule(c -> c.method().equals(method) || c.qualifiedMethod().equals(method), n));
    return this;
  }

  /**
   * Makes the {@code n}th call (1-based, counted from now) matching {@code which} fail, once.
   *
   * @param which selects the calls that count
   * @param n which matching call fails, 1 for the next
   * @return this injector
   */
  public synchronized FaultInjector failNth(Predicate<SpiCall> which, int n) {
    requireNonNull(which, "which");
    if (n < 1) {
      throw new IllegalArgumentException("n (" + n + ") must be positive");
    }
    rules.add(new Rule(which, n));
    return this;
  }

  /**
   * Makes the {@code n}th intercepted call (1-based, counted from now, any method) fail, once.
   *
   * @param n which call fails, 1 for the next
   * @return this injector
   */
  public synchronized FaultInjector failCall(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n (" + n + ") must be positive");
    }
    rules.add(new Rule(c -> true, n));
    return this;
  }

  /**
   * Makes every call matching {@code which} fail until the faults are cleared.
   *
   * @param which selects the calls that fail
   * @return this injector
   */
  public synchronized FaultInjector failWhen(Predicate<SpiCall> which) {
    rules.add(new Rule(requireNonNull(which, "which"), 0));
    return this;
  }

  /**
   * Sets the exception a firing fault throws (by default an {@link InjectedFaultException}).
   *
   * @param exceptions makes the exception for the call it replaces
   * @return this injector
   */
  public synchronized FaultInjector failWith(Function<SpiCall, ? extends RuntimeException> exceptions) {
    this.exceptions = requireNonNull(exceptions, "exceptions");
    return this;
  }

  /** Removes every fault; calls keep being recorded. */
  public synchronized void clearFaults() {
    rules.clear();
    exceptions = FaultInjector::defaultException;
  }

  /** Forgets the recorded calls and restarts the call numbering at 1 (what is {@link #held()} stays). */
  public synchronized void clearCalls() {
    calls.clear();
    untaken.clear();
    counter = 0;
  }

  /** {@return every call recorded since the last {@link #clearCalls()}, in order} */
  public synchronized List<SpiCall> calls() {
    return List.copyOf(calls);
  }

  /** {@return the number of calls recorded since the last {@link #clearCalls()}} */
  public synchronized int callCount() {
    return calls.size();
  }

  /**
   * {@return the oldest recorded call not taken yet}
   *
   * @throws NoSuchElementException if every recorded call was taken
   */
  public synchronized SpiCall takeCall() {
    SpiCall c = untaken.pollFirst();
    if (c == null) {
      throw new NoSuchElementException("no SPI call left to take; recorded: " + calls);
    }
    return c;
  }

  /**
   * {@return what the wrapped drivers hold right now, as the successful calls tell it:
   * {@code "bridge network <id>"}, {@code "bridge endpoint <nid> <eid>"},
   * {@code "bridge join <nid> <eid>"}, {@code "bridge external <nid> <eid>"},
   * {@code "ipam:default pool <poolId>"}, {@code "ipam:default address <poolId> <ip>"}; each
   * acquiring call adds its line and its inverse removes it (deleting a network also drops its
   * endpoints, joins and external connectivity, deleting an endpoint its join and external
   * connectivity, releasing a pool its addresses)} Sorted. Compare it before and after a failed
   * operation to prove nothing leaked.
   */
  public synchronized List<String> held() {
    return List.copyOf(held);
  }

  /**
   * {@return the context the wrapped provider of {@code driverType} last created its driver with}
   *
   * @param driverType the driver's type, such as {@code bridge}
   */
  public synchronized Optional<DriverContext> context(String driverType) {
    return Optional.ofNullable(contexts.get(driverType));
  }

  <T> T intercept(String component, String method, List<Object> args, Supplier<T> body) {
    RuntimeException fault;
    int index;
    synchronized (this) {
      index = ++counter;
      SpiCall pending = new SpiCall(index, component, method, args, null, null, false);
      fault = null;
      for (Rule r : rules) {
        if (r.fires(pending) && fault == null) {
          fault = requireNonNull(exceptions.apply(pending), "exception factory returned null");
        }
      }
      if (fault != null) {
        record(new SpiCall(index, component, method, args, null, fault, true));
        throw fault;
      }
    }
    T result;
    try {
      result = body.get();
    } catch (RuntimeException e) {
      synchronized (this) {
        record(new SpiCall(index, component, method, args, null, e, false));
      }
      throw e;
    }
    synchronized (this) {
      SpiCall done = new SpiCall(index, component, method, args, result, null, false);
      record(done);
      account(done);
    }
    return result;
  }

  private void record(SpiCall call) {
    calls.add(call);
    untaken.addLast(call);
  }

  private void account(SpiCall c) {
    String p = c.component() + " ";
    List<Object> a = c.args();
    switch (c.method()) {
      case "createNetwork":
        held.add(p + "network " + ((NetworkCreateRequest) a.get(0)).networkId());
        break;
      case "deleteNetwork":
        held.remove(p + "network " + a.get(0));
        // Its endpoints, joins and external connectivity go with it.
        for (String kind : List.of("endpoint ", "join ", "external ")) {
          held.removeIf(h -> h.startsWith(p + kind + a.get(0) + " "));
        }
        break;
      case "createEndpoint":
        EndpointCreateRequest ec = (EndpointCreateRequest) a.get(0);
        held.add(p + "endpoint " + ec.networkId() + " " + ec.endpointId());
        break;
      case "deleteEndpoint":
        held.remove(p + "endpoint " + a.get(0) + " " + a.get(1));
        // Its join and external connectivity go with it.
        held.remove(p + "join " + a.get(0) + " " + a.get(1));
        held.remove(p + "external " + a.get(0) + " " + a.get(1));
        break;
      case "join":
        JoinRequest j = (JoinRequest) a.get(0);
        held.add(p + "join " + j.networkId() + " " + j.endpointId());
        break;
      case "leave":
        held.remove(p + "join " + a.get(0) + " " + a.get(1));
        break;
      case "programExternalConnectivity":
        ExternalConnectivityRequest x = (ExternalConnectivityRequest) a.get(0);
        held.add(p + "external " + x.networkId() + " " + x.endpointId());
        break;
      case "revokeExternalConnectivity":
        held.remove(p + "external " + a.get(0) + " " + a.get(1));
        break;
      case "requestPool":
        held.add(p + "pool " + ((AllocatedPool) c.result().orElseThrow()).poolId());
        break;
      case "releasePool":
        held.remove(p + "pool " + a.get(0));
        held.removeIf(h -> h.startsWith(p + "address " + a.get(0) + " ")); // its addresses go with it
        break;
      case "requestAddress":
        held.add(p + "address " + ((AddressRequest) a.get(0)).poolId() + " " + ((Subnet) c.result().orElseThrow()).address());
        break;
      case "releaseAddress":
        held.remove(p + "address " + a.get(0) + " " + a.get(1));
        break;
      default:
        throw new AssertionError(c.method());
    }
  }

  private static RuntimeException defaultException(SpiCall call) {
    return new InjectedFaultException("injected fault: " + call.qualifiedMethod() + " (call #" + call.index() + ")");
  }

  /** A fault: fires on the {@code nth} matching call, or on every matching call when nth is 0. */
  private static final class Rule {
    final Predicate<SpiCall> matches;
    final int nth;
    int seen;

    Rule(Predicate<SpiCall> matches, int nth) {
      this.matches = matches;
      this.nth = nth;
    }

    boolean fires(SpiCall call) {
      if (!matches.test(call)) {
        return false;
      }
      seen++;
      return nth == 0 || seen == nth;
    }
  }

  @Override
  public synchronized String toString() {
    return "FaultInjector{calls=" + calls.size() + ", faults=" + rules.size() + ", held=" + held.size() + "}";
  }
}
