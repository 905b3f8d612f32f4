package dev.cnm.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cnm.api.error.CnmException;
import dev.cnm.api.ipam.AddressRequest;
import dev.cnm.api.ipam.AllocatedPool;
import dev.cnm.api.ipam.IpamDriver;
import dev.cnm.api.ipam.PoolRequest;
import dev.cnm.api.net.Subnet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every IPAM driver must show: pools and addresses handed out once, released ones
 * available again, failures that are {@link CnmException}s. A driver's test extends this class and
 * implements {@link #ipamDriver()}; the address tests run only for drivers that hand out addresses
 * (the {@code null} driver returns none, and skips them), the way guava-testlib gates testers by the
 * features a collection declares.
 *
 * <pre>{@code
 * class MyIpamContractTest extends IpamDriverContract {
 *   protected IpamDriver ipamDriver() { return new MyIpamDriver(); }
 * }
 * }</pre>
 */
public abstract class IpamDriverContract {
  /** The driver under test, fresh for each test. */
  protected IpamDriver driver;

  /** For subclasses. */
  protected IpamDriverContract() {}

  /** {@return a fresh IPAM driver} */
  protected abstract IpamDriver ipamDriver();

  /**
   * {@return the pool request the tests use: a dynamic IPv4 pool in the driver's local address
   * space}
   */
  protected PoolRequest poolRequest() {
    return PoolRequest.of(driver.defaultAddressSpaces().local());
  }

  @BeforeEach
  void createIpamDriver() {
    driver = ipamDriver();
  }

  /** The pool, after skipping the test when the driver hands out no addresses from it. */
  private AllocatedPool addressingPool() {
    AllocatedPool pool = driver.requestPool(poolRequest());
    Subnet first = driver.requestAddress(AddressRequest.of(pool.poolId()));
    assumeTrue(first != null, "the driver hands out no addresses");
    driver.releaseAddress(pool.poolId(), first.address());
    return pool;
  }

  /** The driver's name is not blank and does not change. */
  @Test
  protected void name_is_not_blank_and_stable() {
    assertThat(driver.name()).isNotBlank().isEqualTo(driver.name());
  }

  /** The driver declares its capability and default address spaces. */
  @Test
  protected void capability_and_address_spaces_are_declared() {
    assertThat(driver.capability()).isNotNull().isEqualTo(driver.capability());
    assertThat(driver.defaultAddressSpaces().local()).isNotBlank();
    assertThat(driver.defaultAddressSpaces().global()).isNotBlank();
  }

  /** A pool request returns an id and a pool. */
  @Test
  protected void request_pool_returns_an_id_and_a_pool() {
    AllocatedPool pool = driver.requestPool(poolRequest());
    assertThat(pool.poolId()).isNotBlank();
    assertThat(pool.pool()).isNotNull();
    assertThat(pool.pool().isV4()).isTrue();
  }

  /** A released pool can be requested again. */
  @Test
  protected void release_pool_then_request_again_succeeds() {
    AllocatedPool pool = driver.requestPool(poolRequest());
    driver.releasePool(pool.poolId());
    assertThatCode(() -> driver.requestPool(poolRequest())).doesNotThrowAnyException();
  }

  /** A pool request in an unknown address space fails with a {@code CnmException}. */
  @Test
  protected void request_pool_unknown_address_space_is_a_cnm_exception() {
    assertThatThrownBy(() -> driver.requestPool(PoolRequest.of("no-such-address-space")))
        .isInstanceOf(CnmException.class);
  }

  /** Address requests hand out distinct addresses inside the pool. */
  @Test
  protected void request_address_hands_out_distinct_addresses_inside_the_pool() {
    AllocatedPool pool = addressingPool();
    Set<Subnet> seen = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      Subnet a = driver.requestAddress(AddressRequest.of(pool.poolId()));
      assertThat(pool.pool().contains(a.address())).as("%s in %s", a, pool.pool()).isTrue();
      assertThat(seen.add(a)).as("%s handed out twice", a).isTrue();
    }
  }

  /** A preferred address in use is refused; releasing it makes it available again. */
  @Test
  protected void request_address_preferred_in_use_is_refused_and_release_makes_it_available() {
    AllocatedPool pool = addressingPool();
    Subnet a = driver.requestAddress(AddressRequest.of(pool.poolId()));
    assertThatThrownBy(() -> driver.requestAddress(AddressRequest.of(pool.poolId(), a.address())))
        .isInstanceOf(CnmException.class);
    driver.releaseAddress(pool.poolId(), a.address());
    assertThat(driver.requestAddress(AddressRequest.of(pool.poolId(), a.address()))).isEqualTo(a);
  }

  /** Null arguments are {@code NullPointerException}s. */
  @Test
  protected void null_arguments_are_null_pointer_exceptions() {
    AllocatedPool pool = driver.requestPool(poolRequest());
    assertThatThrownBy(() -> driver.requestPool(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.requestAddress(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.releasePool(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> driver.releaseAddress(pool.poolId(), null)).isInstanceOf(NullPointerException.class);
  }
}
