package dev.cnm.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.ipam.AddressInUseException;
import dev.cnm.api.ipam.AddressOutOfRangeException;
import dev.cnm.api.ipam.NoAvailableAddressException;
import dev.cnm.api.ipam.NoAvailablePoolException;
import dev.cnm.api.ipam.PoolOverlapException;
import dev.cnm.api.net.IpAddress;
import dev.cnm.api.net.Subnet;
import dev.cnm.api.port.PortAlreadyAllocatedException;
import dev.cnm.api.port.PortProtocol;
import dev.cnm.api.store.StoreConflictException;
import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.Versioned;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every typed leaf keeps its type and fields through {@link CnmException#wrap}; {@link CnmException#cause} finds them. */
class WrapKeepsTypeTest {
  private static final IpAddress IP = IpAddress.parse("10.0.0.5");

  private static <E extends CnmException> E twice(E e, Class<E> type) {
    CnmException wrapped = e.wrap("inner").wrap("outer");
    assertThat(wrapped).isInstanceOf(type).hasMessage("outer: inner: " + e.getMessage());
    assertThat(wrapped.kind()).isEqualTo(e.kind());
    assertThat(wrapped.getCause()).isInstanceOf(type).hasMessage("inner: " + e.getMessage());
    assertThat(wrapped.getCause().getCause()).isSameAs(e);
    return type.cast(wrapped);
  }

  @Test
  void port_conflict_keeps_address_protocol_and_port() {
    PortAlreadyAllocatedException e = twice(new PortAlreadyAllocatedException(IpAddress.ANY_V6, PortProtocol.UDP, 53),
        PortAlreadyAllocatedException.class);
    assertThat(e.hostIp()).isEqualTo(IpAddress.ANY_V6);
    assertThat(e.protocol()).isEqualTo(PortProtocol.UDP);
    assertThat(e.port()).isEqualTo(53);
    assertThat(e).hasRootCauseMessage("Bind for :::53 failed: port is already allocated");
  }

  @Test
  void ipam_errors_keep_their_pool_and_address() {
    assertThat(twice(new AddressInUseException("p1", IP), AddressInUseException.class).address()).isEqualTo(IP);
    assertThat(twice(new AddressOutOfRangeException("p2", IP), AddressOutOfRangeException.class).poolId()).isEqualTo("p2");
    assertThat(twice(new NoAvailableAddressException("p3"), NoAvailableAddressException.class).poolId()).isEqualTo("p3");
    NoAvailablePoolException pool = twice(new NoAvailablePoolException("LocalDefault", true), NoAvailablePoolException.class);
    assertThat(pool.v6()).isTrue();
    assertThat(pool.addressSpace()).isEqualTo("LocalDefault");
    assertThat(twice(new PoolOverlapException("LocalDefault", Subnet.parse("10.0.0.0/24")), PoolOverlapException.class)
        .pool()).isEqualTo(Subnet.parse("10.0.0.0/24"));
  }

  @Test
  void store_errors_keep_what_a_caller_decides_on() {
    Versioned current = Versioned.of("k", "v".getBytes(StandardCharsets.UTF_8), 7);
    StoreConflictException conflict = twice(
        new StoreConflictException(StoreConflictException.Reason.KEY_MODIFIED, "k", 3, current), StoreConflictException.class);
    assertThat(conflict.reason()).isEqualTo(StoreConflictException.Reason.KEY_MODIFIED);
    assertThat(conflict.expectedModRevision()).isEqualTo(3);
    assertThat(conflict.current()).containsSame(current);
    assertThat(twice(new StoreUnavailableException(StoreUnavailableException.Outcome.UNKNOWN, "down"),
        StoreUnavailableException.class).outcome()).isEqualTo(StoreUnavailableException.Outcome.UNKNOWN);
  }

  @Test
  void an_untyped_error_becomes_its_kinds_class_and_cause_finds_the_original() {
    class Custom extends ForbiddenException {
      private static final long serialVersionUID = 1L;

      Custom() {
        super("no");
      }
    }
    Custom custom = new Custom();

    CnmException wrapped = custom.wrap("outer");

    assertThat(wrapped).isExactlyInstanceOf(ForbiddenException.class).hasMessage("outer: no");
    assertThat(wrapped.cause(Custom.class)).containsSame(custom);
    assertThat(wrapped.cause(ForbiddenException.class).orElseThrow()).isSameAs(wrapped);
    assertThat(wrapped.cause(IllegalStateException.class)).isEmpty();
  }

  @Test
  void cause_walks_a_cycle_once() {
    SystemException a = new SystemException("a");
    SystemException b = new SystemException("b", a);
    a.initCause(b);

    assertThat(a.cause(NotFoundException.class)).isEmpty();
    assertThat(a.cause(SystemException.class)).containsSame(a);
  }
}
