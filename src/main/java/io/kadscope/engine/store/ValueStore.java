package io.kadscope.engine.store;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values a node holds, with when each was stored and republished, so that the node can
 * republish and expire them (paper 2.5). Thread-safe.
 */
public final class ValueStore {
  private final ConcurrentHashMap<NodeId, StoredValue> values = new ConcurrentHashMap<>();

  /** Stores or replaces a value; {@code original} marks this node as its publisher. */
  public StoredValue put(NodeId key, Value value, Instant now, boolean original) {
    return values.compute(
        key,
        (k, old) -> {
          boolean orig = original || (old != null && old.original());
          Instant republished = old != null ? old.republishedAt() : now;
          return new StoredValue(key, value, now, orig, republished);
        });
  }

  /** Puts a value back as it was saved (after a restart). */
  public void restore(StoredValue v) {
    values.put(v.key(), v);
  }

  /** The value under {@code key}, if held. */
  public Optional<Value> get(NodeId key) {
    StoredValue v = values.get(key);
    return v == null ? Optional.empty() : Optional.of(v.value());
  }

  /** The entry under {@code key}, if held. */
  public Optional<StoredValue> entry(NodeId key) {
    return Optional.ofNullable(values.get(key));
  }

  /** Drops every value. */
  public void clear() {
    values.clear();
  }

  /** How many values. */
  public int size() {
    return values.size();
  }

  /** Every entry, in no order: a live view, cheap to walk. */
  public Collection<StoredValue> values() {
    return Collections.unmodifiableCollection(values.values());
  }

  /** Every entry, ordered by key. */
  public List<StoredValue> entries() {
    List<StoredValue> out = new ArrayList<>(values.values());
    out.sort(Comparator.comparing(StoredValue::key));
    return out;
  }

  /**
   * Removes and returns the values neither stored nor republished by their publisher within {@code
   * expiry} before {@code now}. Values this node published are kept: it republishes them.
   */
  public List<StoredValue> expire(Instant now, Duration expiry) {
    Instant limit = now.minus(expiry);
    List<StoredValue> gone = new ArrayList<>();
    for (StoredValue v : values.values()) {
      if (!v.original() && v.storedAt().isBefore(limit) && values.remove(v.key(), v)) {
        gone.add(v);
      }
    }
    return gone;
  }

  /**
   * The held values due for republishing at {@code now}: those neither stored nor republished
   * within {@code replicate} (a store from another holder resets the hour, paper 2.5). Values this
   * node published are republished by their publisher's own timer instead. Each is marked as
   * republished now.
   */
  public List<StoredValue> dueForReplicate(Instant now, Duration replicate) {
    Instant limit = now.minus(replicate);
    List<StoredValue> due = new ArrayList<>();
    for (StoredValue v : values.values()) {
      Instant last = v.storedAt().isAfter(v.republishedAt()) ? v.storedAt() : v.republishedAt();
      if (!v.original() && !last.isAfter(limit)) {
        StoredValue marked = new StoredValue(v.key(), v.value(), v.storedAt(), false, now);
        if (values.replace(v.key(), v, marked)) {
          due.add(marked);
        }
      }
    }
    return due;
  }
}
