package dev.cnm.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.store.StoreUnavailableException;
import dev.cnm.api.store.StoreUnavailableException.Outcome;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which failures leave a write in doubt; the failures are the ones seen in the failover runs. */
class EtcdErrorsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a leader loss while the proposal was in flight: may still commit
        "UNAVAILABLE       | etcdserver: request timed out, possibly due to previous leader failure | UNKNOWN",
        "UNAVAILABLE       | etcdserver: leader changed                                              | UNKNOWN",
        "UNAVAILABLE       | io exception                                                            | UNKNOWN",
        "UNAVAILABLE       | Network closed for unknown reason                                       | UNKNOWN",
        "DEADLINE_EXCEEDED | context deadline exceeded                                               | UNKNOWN",
        "CANCELLED         | RST_STREAM closed stream                                                | UNKNOWN",
        // refused before proposing: definitely not applied
        "UNAVAILABLE       | etcdserver: no leader                                                   | FAILED",
        "RESOURCE_EXHAUSTED| etcdserver: too many requests                                           | FAILED",
        "INVALID_ARGUMENT  | etcdserver: request is too large                                        | FAILED",
      })
  void grpc_status_outcome_of_a_write(Status.Code code, String description, Outcome expected) {
    Throwable failure =
        new ExecutionException(code.toStatus().withDescription(description).asRuntimeException());

    RuntimeException mapped = EtcdErrors.fromFailure(failure, true, "create of k");

    assertThat(mapped).isInstanceOfSatisfying(
        StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(expected))
        .hasMessage("etcd create of k failed: " + code + ": " + description
            + (expected == Outcome.UNKNOWN ? " (outcome unknown)" : " (not applied)"));
  }

  @ParameterizedTest
  @CsvSource({"UNAVAILABLE", "DEADLINE_EXCEEDED", "INTERNAL"})
  void any_failed_read_is_failed(Status.Code code) {
    Throwable failure = code.toStatus().withDescription("x").asRuntimeException();

    assertThat(EtcdErrors.fromFailure(failure, false, "get of k"))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
        .hasMessage("etcd get of k failed: " + code + ": x");
  }

  @Test
  void refused_connection_is_failed_even_for_a_write() {
    Throwable failure =
        EtcdExceptionFactory.newEtcdException(
            ErrorCode.UNAVAILABLE, "io exception", new ConnectException("Connection refused"));

    assertThat(EtcdErrors.fromFailure(new ExecutionException(failure), true, "create of k"))
        .isInstanceOfSatisfying(
            StoreUnavailableException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED))
        .hasMessage("etcd create of k failed: UNAVAILABLE: io exception (not applied)");
  }

  @Test
  void timeout_is_unknown_for_a_write_and_failed_for_a_read() {
    TimeoutException t = new TimeoutException();

    assertThat(EtcdErrors.timeout(Duration.ofSeconds(2), true, "compare-and-set of k", t))
        .hasMessage("etcd compare-and-set of k failed: no answer within 2000 ms (outcome unknown)")
        .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN));
    assertThat(EtcdErrors.timeout(Duration.ofSeconds(2), false, "get of k", t).outcome())
        .isEqualTo(Outcome.FAILED);
  }
}
