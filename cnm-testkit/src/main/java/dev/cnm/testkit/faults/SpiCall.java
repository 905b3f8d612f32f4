package dev.cnm.testkit.faults;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One call the engine made into a driver or IPAM driver, as a {@link FaultInjector} saw it: the
 * component ({@code bridge}, {@code ipam:default}), the SPI method, its arguments, and how it
 * ended (its result, or the exception it threw, injected or not).
 *
 * <pre>{@code
 * SpiCall call = injector.takeCall();
 * assertThat(call.method()).isEqualTo("createNetwork");
 * }</pre>
 */
public final class SpiCall {
  private final int index;
  private final String component;
  private final String method;
  private final List<Object> args;
  private final Object result; // nullable
  private final RuntimeException failure; // nullable
  private final boolean injected;

  SpiCall(int index, String component, String method, List<Object> args, Object result,
      RuntimeException failure, boolean injected) {
    this.index = index;
    this.component = requireNonNull(component, "component");
    this.method = requireNonNull(method, "method");
    this.args = List.copyOf(args);
    this.result = result;
    this.failure = failure;
    this.injected = injected;
  }

  /**
   * {@return the 1-based position of this call among every call the injector saw since its last
   * reset}
   */
  public int index() {
    return index;
  }

  /** {@return the driver type ({@code bridge}) or {@code ipam:} and the IPAM driver's name} */
  public String component() {
    return component;
  }

  /** {@return the SPI method's name, e.g. {@code createEndpoint} or {@code requestAddress}} */
  public String method() {
    return method;
  }

  /**
   * {@code component.method}, e.g. {@code bridge.createEndpoint}.
   *
   * @return the method qualified by its component, {@code component.method}, such as
   *     {@code bridge.createEndpoint}
   */
  public String qualifiedMethod() {
    return component + "." + method;
  }

  /**
   * {@return the arguments, in the method's order (requests are the SPI's immutable request
   * values)}
   */
  public List<Object> args() {
    return args;
  }

  /** {@return what the method returned, if it returned normally and not {@code void}} */
  public Optional<Object> result() {
    return Optional.ofNullable(result);
  }

  /** {@return the exception the call ended with, injected or thrown by the driver itself} */
  public Optional<RuntimeException> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * {@return whether the call failed because a fault was injected (the real driver was not
   * called)}
   */
  public boolean injected() {
    return injected;
  }

  /** {@return whether the call returned normally} */
  public boolean succeeded() {
    return failure == null;
  }

  @Override
  public String toString() {
    return "#" + index + " " + qualifiedMethod() + args
        + (failure == null ? "" : injected ? " -> injected fault" : " -> " + failure.getClass().getSimpleName());
  }
}
