package dev.cnm.dockerapi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnm.api.ContainerSpec;
import dev.cnm.api.Healthcheck;
import dev.cnm.api.error.InvalidParameterException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A create's {@code Config.Healthcheck}, as the docker CLI and docker-java send it. */
class HealthcheckRequestTest {
  private static ContainerSpec create(String json) throws Exception {
    return Requests.containerSpec(new ObjectMapper().readTree(json), Optional.empty());
  }

  @Test
  void a_healthcheck_in_nanoseconds_becomes_the_containers_own() throws Exception {
    ContainerSpec spec = create("{\"Image\":\"nginx\",\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"curl -f localhost\"],"
        + "\"Interval\":1000000000,\"Timeout\":0,\"StartPeriod\":5000000000,\"Retries\":3}}");

    assertThat(spec.healthcheck()).contains(Healthcheck.builder().test(List.of("CMD-SHELL", "curl -f localhost"))
        .interval(Duration.ofSeconds(1)).startPeriod(Duration.ofSeconds(5)).retries(3).build());
  }

  @Test
  void no_healthcheck_leaves_the_images_and_a_bad_one_is_the_daemons_400() throws Exception {
    assertThat(create("{\"Image\":\"nginx\"}").healthcheck()).isEmpty();
    assertThatThrownBy(() -> create("{\"Image\":\"nginx\",\"Healthcheck\":{\"Interval\":\"1s\"}}"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("invalid JSON: json: cannot unmarshal string into Go struct field HealthConfig.Interval of type time.Duration");
    assertThatThrownBy(() -> create("{\"Image\":\"nginx\",\"Healthcheck\":{\"Test\":[\"SHELL\"]}}"))
        .isInstanceOf(InvalidParameterException.class);
  }
}
