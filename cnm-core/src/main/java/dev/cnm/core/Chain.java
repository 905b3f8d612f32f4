package dev.cnm.core;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A read-only view of records chained through a field of their own (the engine's containers, a
 * network's endpoints): a list with no entry object per element, which a map or a linked list
 * would cost for every running container.
 *
 * <pre>{@code
 * Collection<EndpointRecord> eps = Chain.view(() -> first, e -> e.nextOnNetwork, () -> count);
 * }</pre>
 *
 * @param <T> the record type
 */
final class Chain<T> extends AbstractCollection<T> {
  private final Supplier<T> first;
  private final UnaryOperator<T> next;
  private final IntSupplier size;

  private Chain(Supplier<T> first, UnaryOperator<T> next, IntSupplier size) {
    this.first = first;
    this.next = next;
    this.size = size;
  }

  /**
   * {@return a view of the chain from {@code first} along {@code next} to null}
   *
   * @param first the head now
   * @param next a record's successor
   * @param size the number of records now
   */
  static <T> Chain<T> view(Supplier<T> first, UnaryOperator<T> next, IntSupplier size) {
    return new Chain<>(first, next, size);
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      // read ahead, so that the caller may unlink the record it was just given
      private T at = first.get();

      @Override
      public boolean hasNext() {
        return at != null;
      }

      @Override
      public T next() {
        if (at == null) {
          throw new NoSuchElementException();
        }
        T r = at;
        at = next.apply(r);
        return r;
      }
    };
  }

  @Override
  public int size() {
    return size.getAsInt();
  }
}
