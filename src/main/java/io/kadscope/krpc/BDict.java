package io.kadscope.krpc;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bencoded dict ({@code d…e}): byte-string keys, kept sorted as raw bytes so that it always
 * encodes canonically (BEP 3). Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * BDict args = BDict.builder().put("id", id.toBBytes()).put("target", target.toBBytes()).build();
 * BValue id = args.get("id");   // null when absent
 * }</pre>
 */
public final class BDict implements BValue {
  /** The empty dict ({@code de}). */
  public static final BDict EMPTY = new BDict(new TreeMap<>());

  private final NavigableMap<BBytes, BValue> entries;

  private BDict(TreeMap<BBytes, BValue> entries) {
    this.entries = Collections.unmodifiableNavigableMap(entries);
  }

  /** A dict holding a copy of {@code entries} (no null keys or values). */
  public static BDict of(Map<BBytes, ? extends BValue> entries) {
    TreeMap<BBytes, BValue> copy = new TreeMap<>();
    entries.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
    return new BDict(copy);
  }

  /** Takes ownership of a map the caller no longer changes: for the decoder. */
  static BDict wrap(TreeMap<BBytes, BValue> entries) {
    return new BDict(entries);
  }

  /** A builder of a dict. */
  public static Builder builder() {
    return new Builder();
  }

  /** The value under {@code key}, or null when there is none. */
  public BValue get(BBytes key) {
    return entries.get(key);
  }

  /** The value under the UTF-8 bytes of {@code key}, or null when there is none. */
  public BValue get(String key) {
    return entries.get(BBytes.utf8(key));
  }

  /** Whether {@code key} is present. */
  public boolean containsKey(String key) {
    return entries.containsKey(BBytes.utf8(key));
  }

  /** The entries in key order, unmodifiable. */
  public SortedMap<BBytes, BValue> entries() {
    return entries;
  }

  /** The keys in order. */
  public Set<BBytes> keys() {
    return entries.keySet();
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** Whether there are no entries. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** This dict without the entries whose keys are in {@code keys}. */
  public BDict without(Set<BBytes> keys) {
    TreeMap<BBytes, BValue> rest = new TreeMap<>(entries);
    rest.keySet().removeAll(keys);
    return rest.size() == entries.size() ? this : new BDict(rest);
  }

  @Override
  public String describe() {
    return "a dict";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BDict other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }

  /** Collects entries; a later {@code put} of the same key replaces the earlier one. */
  public static final class Builder {
    private final TreeMap<BBytes, BValue> entries = new TreeMap<>();

    private Builder() {}

    /** Puts {@code value} under the UTF-8 bytes of {@code key}. */
    public Builder put(String key, BValue value) {
      return put(BBytes.utf8(key), value);
    }

    /** Puts {@code value} under {@code key}. */
    public Builder put(BBytes key, BValue value) {
      entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Puts the integer {@code value} under {@code key}. */
    public Builder put(String key, long value) {
      return put(key, new BInt(value));
    }

    /** Puts every entry of {@code other}. */
    public Builder putAll(BDict other) {
      entries.putAll(other.entries);
      return this;
    }

    /** The dict of the entries put so far. */
    public BDict build() {
      return new BDict(new TreeMap<>(entries));
    }
  }
}
