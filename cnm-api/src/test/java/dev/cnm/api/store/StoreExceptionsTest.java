package dev.cnm.api.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.error.CnmException;
import dev.cnm.api.error.ConflictException;
import dev.cnm.api.error.ErrorKind;
import dev.cnm.api.error.UnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import org.junit.jupiter.api.Test;

class StoreExceptionsTest {

  @Test
  void conflict_is_a_conflict_with_libkvs_messages() {
    Versioned current = Versioned.of("k", "v".getBytes(UTF_8), 7);

    StoreConflictException exists =
        new StoreConflictException(StoreConflictException.Reason.KEY_EXISTS, "k", 0, current);
    StoreConflictException modified =
        new StoreConflictException(StoreConflictException.Reason.KEY_MODIFIED, "k", 5, null);

    assertThat(exists).isInstanceOf(ConflictException.class)
        .hasMessage("Previous K/V pair exists, cannot complete Atomic operation");
    assertThat(exists.kind()).isEqualTo(ErrorKind.CONFLICT);
    assertThat(exists.current()).contains(current);
    assertThat(modified).hasMessage("Unable to complete atomic operation, key modified");
    assertThat(modified.expectedModRevision()).isEqualTo(5);
    assertThat(modified.current()).isEmpty();
  }

  @Test
  void unavailable_is_unavailable_and_wrapping_keeps_the_outcome() {
    StoreUnavailableException e = new StoreUnavailableException(Outcome.UNKNOWN, "etcd timed out");

    CnmException wrapped = e.wrap("failed to allocate vxlan id");

    assertThat(e).isInstanceOf(UnavailableException.class);
    assertThat(e.kind().httpStatus()).isEqualTo(503);
    assertThat(wrapped).isInstanceOfSatisfying(
        StoreUnavailableException.class, w -> assertThat(w.outcome()).isEqualTo(Outcome.UNKNOWN))
        .hasMessage("failed to allocate vxlan id: etcd timed out")
        .hasCause(e);
  }

  @Test
  void values_copy_their_bytes() {
    byte[] bytes = "v".getBytes(UTF_8);
    Versioned v = Versioned.of("k", bytes, 3);
    StoreEvent put = StoreEvent.put("k", bytes, 3);
    bytes[0] = 'x';
    v.value()[0] = 'y';

    assertThat(v.valueUtf8()).isEqualTo("v");
    assertThat(new String(put.value(), UTF_8)).isEqualTo("v");
    assertThat(StoreEvent.delete("k", 4).value()).isEmpty();
    assertThat(v).isEqualTo(Versioned.of("k", "v".getBytes(UTF_8), 3)).hasToString("k@3 (1 bytes)");
  }
}
