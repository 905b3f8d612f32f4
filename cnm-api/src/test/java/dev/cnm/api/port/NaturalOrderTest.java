package dev.cnm.api.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

  @Test
  void sorts_like_sortorder_natural_less() {
    // Equal numbers: the one with fewer leading zeros first, decided at the number ("a2b" < "a02").
    List<String> s = new ArrayList<>(List.of("a10", "a2", "a02", "a1", "b", "a", "10", "9", "a2b", "[x", "0x"));
    s.sort(NaturalOrder.INSTANCE);
    assertThat(s).containsExactly("0x", "9", "10", "[x", "a", "a1", "a2", "a2b", "a02", "a10", "b");
  }

  @Test
  void equal_strings_are_not_less() {
    assertThat(NaturalOrder.less("80/tcp", "80/tcp")).isFalse();
    assertThat(NaturalOrder.INSTANCE.compare("80/tcp", "80/tcp")).isZero();
  }
}
