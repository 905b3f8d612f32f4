package dev.cnm.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.spi.NetworkDriverProvider;
import dev.cnm.testkit.contract.TestDriverContext;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriverDiscoveryTest {
  @Test
  void service_loader_finds_each_built_in_driver_once() {
    assertThat(ServiceLoader.load(NetworkDriverProvider.class).stream()
            .map(p -> p.get().type()).collect(Collectors.toList()))
        .containsExactlyInAnyOrder("bridge", "host", "ipvlan", "macvlan", "null", "overlay");
  }

  @Test
  void each_provider_creates_a_driver_of_its_type() {
    for (NetworkDriverProvider p : ServiceLoader.load(NetworkDriverProvider.class)) {
      assertThat(p.create(TestDriverContext.seeded(3)).type()).isEqualTo(p.type());
    }
  }
}
