package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One k-bucket: the contacts whose ids start with a {@code depth}-bit prefix, least recently seen
 * first, and a replacement cache of newcomers that did not fit (paper 2.2, 4.1). Not thread-safe:
 * the {@link RoutingTable} guards it.
 *
 * <p>A table holds hundreds of contacts and a simulated network holds a hundred thousand tables, so
 * a bucket keeps its contacts in two flat arrays rather than an object (and a map entry, an {@link
 * Instant}, a {@link Duration}) per contact: {@link Slots}. Arrays grow as contacts come, up to k;
 * the replacement cache exists only once a contact did not fit.
 */
final class KBucket {
  final NodeId prefix;
  final int depth;
  final Slots contacts;
  Slots replacements;
  long lastLookup;

  KBucket(NodeId prefix, int depth, long lastLookup) {
    this.prefix = prefix;
    this.depth = depth;
    this.lastLookup = lastLookup;
    this.contacts = new Slots(depth);
  }

  boolean covers(NodeId id) {
    return id.sharedPrefixLength(prefix) >= depth;
  }

  /** The replacement cache, made on first use. */
  Slots replacements() {
    if (replacements == null) {
      replacements = new Slots(depth);
    }
    return replacements;
  }

  int replacementCount() {
    return replacements == null ? 0 : replacements.size;
  }

  /** Adds to the replacement cache, newest last, dropping the oldest beyond {@code k}. */
  void cache(NodeId id, InetSocketAddress address, long now, int rttMicros, int k) {
    Slots r = replacements();
    int at = r.indexOf(id);
    if (at >= 0) {
      r.removeAt(at);
    }
    while (r.size >= k) {
      r.removeAt(0);
    }
    r.add(id, address, now, rttMicros, 0, k);
  }

  BucketSnapshot snapshot(NodeId self) {
    List<ContactInfo> rs = replacements == null ? List.of() : replacements.infos();
    return new BucketSnapshot(
        prefix,
        depth,
        index(self),
        covers(self),
        contacts.infos(),
        rs,
        RoutingTable.instant(lastLookup));
  }

  int index(NodeId self) {
    return Math.min(depth, prefix.sharedPrefixLength(self));
  }

  /**
   * Contacts in order, oldest first, with what the table knows of each: two arrays, one of
   * references (id and address of slot i at 2i and 2i + 1) and one of longs (when it was last seen,
   * in nanoseconds since the epoch, at 2i; at 2i + 1 its round-trip time in microseconds, or -1, in
   * the high half, and in the low half its key, its ping flag and its failure count, which
   * saturates at 32,767).
   *
   * <p>The key is the 16 bits of the id that follow the bucket's prefix ({@link NodeId#bits}): ids
   * in a bucket differ from there, so keys order them by distance to any target (ties, one in
   * 65,536, fall back to the ids), and tell most ids apart, without reading the id objects, which
   * lie all over the heap of a big simulation.
   */
  static final class Slots {
    private static final int FAILURES = 0x7fff;
    private static final int PINGING = 0x8000;

    private final int keyFrom;
    private Object[] refs;
    private long[] meta;
    int size;

    /**
     * @param keyFrom the bit the keys start at: the bucket's depth
     */
    Slots(int keyFrom) {
      this.keyFrom = keyFrom;
    }

    /** The key of {@code id} in this bucket: 16 bits of it from the bucket's depth on. */
    int keyOf(NodeId id) {
      return id.bits(keyFrom, 16);
    }

    /** The key of slot {@code i}. */
    int key(int i) {
      return (int) (meta[2 * i + 1] >>> 16) & 0xffff;
    }

    NodeId id(int i) {
      return (NodeId) refs[2 * i];
    }

    InetSocketAddress address(int i) {
      return (InetSocketAddress) refs[2 * i + 1];
    }

    Contact contact(int i) {
      return new Contact(id(i), address(i));
    }

    long lastSeen(int i) {
      return meta[2 * i];
    }

    int rttMicros(int i) {
      return (int) (meta[2 * i + 1] >> 32);
    }

    int failures(int i) {
      return state(i) & FAILURES;
    }

    boolean pinging(int i) {
      return (state(i) & PINGING) != 0;
    }

    /** The low half of the slot's second long: key, ping flag, failures. */
    private int state(int i) {
      return (int) meta[2 * i + 1];
    }

    private void setState(int i, int rttMicros, int state) {
      meta[2 * i + 1] = ((long) rttMicros << 32) | (state & 0xffff_ffffL);
    }

    void setFailures(int i, int failures) {
      setState(i, rttMicros(i), (state(i) & ~FAILURES) | Math.min(Math.max(failures, 0), FAILURES));
    }

    void setPinging(int i, boolean pinging) {
      setState(i, rttMicros(i), pinging ? state(i) | PINGING : state(i) & ~PINGING);
    }

    /**
     * Records a contact seen alive: its address, when, its round trip (-1 keeps the last one
     * known), no failures and no ping under way.
     */
    void refresh(int i, InetSocketAddress address, long now, int rttMicros) {
      if (!address.equals(address(i))) {
        refs[2 * i + 1] = address;
      }
      meta[2 * i] = now;
      setState(i, rttMicros >= 0 ? rttMicros : rttMicros(i), key(i) << 16);
    }

    /** The slot of {@code id}, or -1. */
    int indexOf(NodeId id) {
      int key = keyOf(id);
      for (int i = 0; i < size; i++) {
        if (key(i) == key && id.equals(refs[2 * i])) {
          return i;
        }
      }
      return -1;
    }

    /** Appends a contact at the tail; the arrays grow as needed, never beyond {@code max}. */
    void add(
        NodeId id, InetSocketAddress address, long lastSeen, int rttMicros, int failures, int max) {
      if (refs == null || size == refs.length / 2) {
        // grow four slots at a time: a table of a big network holds tens of millions of slots
        int capacity = Math.min(max, size + 4);
        capacity = Math.max(capacity, size + 1);
        Object[] r = new Object[2 * capacity];
        long[] m = new long[2 * capacity];
        if (refs != null) {
          System.arraycopy(refs, 0, r, 0, 2 * size);
          System.arraycopy(meta, 0, m, 0, 2 * size);
        }
        refs = r;
        meta = m;
      }
      refs[2 * size] = id;
      refs[2 * size + 1] = address;
      meta[2 * size] = lastSeen;
      setState(size, rttMicros, (keyOf(id) << 16) | Math.min(Math.max(failures, 0), FAILURES));
      size++;
    }

    /** Appends slot {@code i} of {@code from}, with all it knows. */
    void addFrom(Slots from, int i, int max) {
      add(from.id(i), from.address(i), from.lastSeen(i), from.rttMicros(i), from.failures(i), max);
      if (from.pinging(i)) {
        setPinging(size - 1, true);
      }
    }

    void removeAt(int i) {
      int tail = size - i - 1;
      if (tail > 0) {
        System.arraycopy(refs, 2 * i + 2, refs, 2 * i, 2 * tail);
        System.arraycopy(meta, 2 * i + 2, meta, 2 * i, 2 * tail);
      }
      size--;
      refs[2 * size] = null;
      refs[2 * size + 1] = null;
    }

    /** Moves slot {@code i} to the tail (most recently seen), the others keeping their order. */
    void moveToTail(int i) {
      int last = size - 1;
      if (i == last) {
        return;
      }
      Object id = refs[2 * i];
      Object address = refs[2 * i + 1];
      long seen = meta[2 * i];
      long state = meta[2 * i + 1];
      System.arraycopy(refs, 2 * i + 2, refs, 2 * i, 2 * (last - i));
      System.arraycopy(meta, 2 * i + 2, meta, 2 * i, 2 * (last - i));
      refs[2 * last] = id;
      refs[2 * last + 1] = address;
      meta[2 * last] = seen;
      meta[2 * last + 1] = state;
    }

    ContactInfo info(int i) {
      int rtt = rttMicros(i);
      return new ContactInfo(
          contact(i),
          RoutingTable.instant(lastSeen(i)),
          rtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rtt * 1000L)),
          failures(i));
    }

    List<ContactInfo> infos() {
      List<ContactInfo> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(info(i));
      }
      return out;
    }
  }
}
