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
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values a node holds, with when each was stored and republished, so that the node can
 * republish and expire them (paper 2.5), within a quota of keys and bytes.
 *
 * <p>When a value offered by a peer ({@link #offer}) does not fit, the store makes room by dropping
 * the values held for others whose keys are farthest from this node's id, if they are farther than
 * the new key: a node keeps the keys it is responsible for, and a flood of keys (which are far from
 * any given node, unless made near it on purpose) cannot push them out. Values this node published
 * itself ({@link #put} with {@code original}) are never dropped, nor refused.
 *
 * <p>Thread-safe: reads are lock-free, changes are serialised.
 */
public final class ValueStore {
  private final ConcurrentHashMap<NodeId, StoredValue> values = new ConcurrentHashMap<>();
  private final int maxKeys;
  private final long maxBytes;

  /** The keys held for others, nearest this node's id first: the last is dropped first. */
  private final TreeSet<NodeId> droppable;

  private volatile long bytes;

  /** What {@link #offer} did with a value. */
  public enum Admission {
    /** A key not held before: stored. */
    STORED,
    /** A key held with another value: replaced. */
    CHANGED,
    /** The same value again: only its time was renewed. */
    REFRESHED,
    /** Refused: the key quota is full of keys nearer this node. */
    REFUSED_KEYS,
    /** Refused: the byte quota is full of values nearer this node. */
    REFUSED_BYTES;

    /** Whether the value is now held. */
    public boolean held() {
      return this == STORED || this == CHANGED || this == REFRESHED;
    }
  }

  /**
   * What {@link #offer} did, and which values it dropped to make room.
   *
   * @param dropped the values dropped, farthest first
   */
  public record Offer(Admission admission, List<StoredValue> dropped) {
    public Offer {
      dropped = List.copyOf(dropped);
    }
  }

  /** A store without quotas. */
  public ValueStore() {
    this(NodeId.of(new byte[NodeId.BYTES]), Integer.MAX_VALUE, Long.MAX_VALUE);
  }

  /**
   * A store of at most {@code maxKeys} values and {@code maxBytes} bytes of them for others, which
   * keeps the keys nearest {@code self} when full.
   */
  public ValueStore(NodeId self, int maxKeys, long maxBytes) {
    if (maxKeys < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "a store holds at least 1 key and 1 byte, found " + maxKeys + " and " + maxBytes);
    }
    this.maxKeys = maxKeys;
    this.maxBytes = maxBytes;
    this.droppable = new TreeSet<>(self::compareDistance);
  }

  /** The most keys held (values published here may take it beyond). */
  public int maxKeys() {
    return maxKeys;
  }

  /** The most bytes of values held (values published here may take it beyond). */
  public long maxBytes() {
    return maxBytes;
  }

  /** Bytes held now, as the values' msgpack encodings. */
  public long bytes() {
    return bytes;
  }

  /**
   * Stores or replaces a value unconditionally; {@code original} marks this node as its publisher.
   * The quotas do not apply: this node's own values may take the store beyond them (then {@link
   * #offer} makes room for a peer's value only by dropping values held for others).
   */
  public synchronized StoredValue put(NodeId key, Value value, Instant now, boolean original) {
    StoredValue old = values.get(key);
    boolean orig = original || (old != null && old.original());
    Instant republished = old != null ? old.republishedAt() : now;
    StoredValue v = new StoredValue(key, value, now, orig, republished);
    replace(old, v);
    return v;
  }

  /**
   * Takes a value a peer sent, within the quotas: see the class comment for what makes room. Keeps
   * the publisher mark and republish time of a value already held under the key.
   */
  public synchronized Offer offer(NodeId key, Value value, Instant now) {
    StoredValue old = values.get(key);
    if (old != null && old.value().equals(value)) {
      replace(old, new StoredValue(key, value, now, old.original(), old.republishedAt()));
      return new Offer(Admission.REFRESHED, List.of());
    }
    long size = value.encodedSizeBound();
    long freedByOld = old == null ? 0 : old.value().encodedSizeBound();
    int moreKeys = old == null ? 1 : 0;
    List<StoredValue> dropped = new ArrayList<>();
    Admission refusal = null;
    while (values.size() + moreKeys > maxKeys || bytes - freedByOld + size > maxBytes) {
      Admission why =
          values.size() + moreKeys > maxKeys ? Admission.REFUSED_KEYS : Admission.REFUSED_BYTES;
      NodeId farthest = droppable.isEmpty() ? null : droppable.last();
      if (farthest == null
          || farthest.equals(key)
          || droppable.comparator().compare(farthest, key) <= 0) {
        refusal = why;
        break;
      }
      StoredValue gone = values.get(farthest);
      remove(gone);
      dropped.add(gone);
    }
    if (refusal != null) {
      // Put back what was dropped for a value that still does not fit.
      for (StoredValue d : dropped) {
        replace(null, d);
      }
      return new Offer(refusal, List.of());
    }
    boolean orig = old != null && old.original();
    Instant republished = old != null ? old.republishedAt() : now;
    replace(old, new StoredValue(key, value, now, orig, republished));
    return new Offer(old == null ? Admission.STORED : Admission.CHANGED, dropped);
  }

  /** Puts a value back as it was saved (after a restart), unconditionally. */
  public synchronized void restore(StoredValue v) {
    replace(values.get(v.key()), v);
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
  public synchronized void clear() {
    values.clear();
    droppable.clear();
    bytes = 0;
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
  public synchronized List<StoredValue> expire(Instant now, Duration expiry) {
    Instant limit = now.minus(expiry);
    List<StoredValue> gone = new ArrayList<>();
    for (StoredValue v : new ArrayList<>(values.values())) {
      if (!v.original() && v.storedAt().isBefore(limit)) {
        remove(v);
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
  public synchronized List<StoredValue> dueForReplicate(Instant now, Duration replicate) {
    Instant limit = now.minus(replicate);
    List<StoredValue> due = new ArrayList<>();
    for (StoredValue v : new ArrayList<>(values.values())) {
      Instant last = v.storedAt().isAfter(v.republishedAt()) ? v.storedAt() : v.republishedAt();
      if (!v.original() && !last.isAfter(limit)) {
        StoredValue marked = new StoredValue(v.key(), v.value(), v.storedAt(), false, now);
        replace(v, marked);
        due.add(marked);
      }
    }
    return due;
  }

  /** Replaces {@code old} (or nothing) by {@code v} under its key, keeping the accounts. */
  private void replace(StoredValue old, StoredValue v) {
    if (old != null) {
      bytes -= old.value().encodedSizeBound();
    }
    values.put(v.key(), v);
    bytes += v.value().encodedSizeBound();
    if (v.original()) {
      droppable.remove(v.key());
    } else {
      droppable.add(v.key());
    }
  }

  private void remove(StoredValue v) {
    if (values.remove(v.key(), v)) {
      bytes -= v.value().encodedSizeBound();
      droppable.remove(v.key());
    }
  }
}
