package dev.cnm.testkit.assertions;

import dev.cnm.testkit.events.EngineEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on recorded engine events, by their {@link EngineEvent#summary() summaries} ({@code
 * "network connect dev"}); failures list every recorded event.
 *
 * <pre>{@code
 * assertThatEvents(docker).containsInOrder("network create dev", "container create web", "network connect dev");
 * }</pre>
 */
public final class EventsAssert extends AbstractAssert<EventsAssert, List<EngineEvent>> {
  EventsAssert(List<EngineEvent> actual) {
    super(List.copyOf(actual), EventsAssert.class);
  }

  /**
   * Checks that these events happened in this order, possibly with others between them.
   *
   * @param summaries event summaries such as {@code "network connect dev"}
   * @return this assertion
   */
  public EventsAssert containsInOrder(String... summaries) {
    isNotNull();
    int i = 0;
    for (EngineEvent e : actual) {
      if (i < summaries.length && e.summary().equals(summaries[i])) {
        i++;
      }
    }
    if (i < summaries.length) {
      failWithMessage("Expecting events in order%n  %s%nbut %s was missing or out of order in:%n%s",
          List.of(summaries), summaries[i], list());
    }
    return this;
  }

  /**
   * Checks that exactly these events happened, in this order.
   *
   * @param summaries event summaries such as {@code "network connect dev"}
   * @return this assertion
   */
  public EventsAssert containsExactly(String... summaries) {
    isNotNull();
    List<String> got = actual.stream().map(EngineEvent::summary).collect(Collectors.toList());
    if (!got.equals(List.of(summaries))) {
      failWithMessage("Expecting exactly the events%n  %s%nbut were:%n%s", List.of(summaries), list());
    }
    return this;
  }

  /**
   * Checks that no event happened.
   *
   * @return this assertion
   */
  public EventsAssert isEmpty() {
    isNotNull();
    if (!actual.isEmpty()) {
      failWithMessage("Expecting no event but were:%n%s", list());
    }
    return this;
  }

  private String list() {
    return actual.isEmpty() ? "  (no events)" : actual.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
  }
}
