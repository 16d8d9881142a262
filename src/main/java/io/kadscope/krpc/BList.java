package io.kadscope.krpc;

import java.util.List;

/** A bencoded list ({@code l…e}): its items in order, immutable. */
public record BList(List<BValue> items) implements BValue {

  /** A list of {@code items} (copied; none may be null). */
  public BList {
    items = List.copyOf(items);
  }

  /** A list of the given items. */
  public static BList of(BValue... items) {
    return new BList(List.of(items));
  }

  /** The number of items. */
  public int size() {
    return items.size();
  }

  @Override
  public String describe() {
    return "a list";
  }

  @Override
  public String toString() {
    return items.toString();
  }
}
