package dev.cnm.core.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cnm.api.host.HostInterface;
import dev.cnm.api.host.VethName;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link VethTable} answers as a {@code HashMap<Integer, HostInterface>} would, through growth and removals. */
class VethTableProperties {

  /**
   * Random puts and removes (a negative step removes its complement) over a small range, so probe
   * runs collide and removals move entries back, against a {@code HashMap}.
   */
  @Property
  void behaves_as_a_hash_map_under_puts_and_removes(
      @ForAll @Size(max = 400) List<@IntRange(min = -64, max = 63) Integer> steps) {
    VethTable table = new VethTable();
    Map<Integer, HostInterface> model = new HashMap<>();
    int index = 1;
    for (int step : steps) {
      int v = step < 0 ? ~step : step;
      int number = v * 0x0100_0001 & 0x0FFF_FFFF; // numbers across the 28-bit range
      if (step < 0) {
        table.remove(number);
        model.remove(number);
      } else {
        HostInterface veth = HostInterface.of(index++, VethName.text(number), HostInterface.Kind.VETH, 1500,
            List.of(), null, null);
        table.put(number, veth);
        model.put(number, veth);
      }
    }
    for (int v = 0; v < 64; v++) {
      int number = v * 0x0100_0001 & 0x0FFF_FFFF;
      assertThat(table.get(number)).isEqualTo(model.get(number));
    }
    HostInterface[] all = table.values();
    Arrays.sort(all, Comparator.comparingInt(HostInterface::index));
    assertThat(all).containsExactlyElementsOf(
        model.values().stream().sorted(Comparator.comparingInt(HostInterface::index)).toList());
  }
}
