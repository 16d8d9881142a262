package io.kadscope.engine.store;

import java.time.Instant;
import java.util.List;

/** The values a node holds at one instant, ordered by key. */
public record StoreSnapshot(Instant takenAt, List<StoredValue> values) {
  public StoreSnapshot {
    values = List.copyOf(values);
  }

  /** How many values. */
  public int size() {
    return values.size();
  }
}
