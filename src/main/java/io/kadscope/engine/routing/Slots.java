package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import java.net.InetSocketAddress;

/**
 * Contacts in order, oldest first, with what the table knows of each, in two flat arrays (a table
 * of a big simulated network holds hundreds of contacts, and the network a hundred thousand
 * tables): one of references (id and address of slot i at 2i and 2i + 1), and one of ints (at 4i
 * when it was last seen, in milliseconds from the table's base time; at 4i + 1 its smoothed
 * round-trip time, RFC 6298's SRTT, in microseconds, or -1 before any sample; at 4i + 2 its key,
 * its ping flag and its failure count, which saturates at 32,767; at 4i + 3 the mean deviation of
 * its round trip, RTTVAR, in microseconds). The arrays grow from four slots by doubling, up to the
 * most asked for. Not thread-safe.
 *
 * <p>The key is the 16 bits of the id that follow the bucket's prefix ({@link NodeId#bits}): ids in
 * a bucket differ from there, so keys order them by distance to any target (ties, one in 65,536,
 * fall back to the ids), and tell most ids apart, without reading the id objects, which lie all
 * over the heap of a big simulation.
 */
class Slots {
  private static final int FAILURES = 0x7fff;
  private static final int PINGING = 0x8000;
  private static final int STRIDE = 4;

  private final int keyFrom;
  private Object[] refs;
  private int[] meta;
  int size;

  /**
   * @param keyFrom the bit the keys start at: the bucket's depth
   */
  Slots(int keyFrom) {
    this.keyFrom = keyFrom;
  }

  /** The key of {@code id} here: 16 bits of it from the bucket's depth on. */
  final int keyOf(NodeId id) {
    return id.bits(keyFrom, 16);
  }

  /** The key of slot {@code i}. */
  final int key(int i) {
    return meta[STRIDE * i + 2] >>> 16;
  }

  final NodeId id(int i) {
    return (NodeId) refs[2 * i];
  }

  final InetSocketAddress address(int i) {
    return (InetSocketAddress) refs[2 * i + 1];
  }

  final Contact contact(int i) {
    return new Contact(id(i), address(i));
  }

  /** When slot {@code i} was last seen, in milliseconds from the table's base time. */
  final int lastSeen(int i) {
    return meta[STRIDE * i];
  }

  /** The smoothed round trip of slot {@code i} in microseconds, or -1 before any sample. */
  final int rttMicros(int i) {
    return meta[STRIDE * i + 1];
  }

  /** The mean deviation of slot {@code i}'s round trip in microseconds (0 before any sample). */
  final int rttVarMicros(int i) {
    return meta[STRIDE * i + 3];
  }

  final int failures(int i) {
    return meta[STRIDE * i + 2] & FAILURES;
  }

  final boolean pinging(int i) {
    return (meta[STRIDE * i + 2] & PINGING) != 0;
  }

  final void setFailures(int i, int failures) {
    meta[STRIDE * i + 2] =
        (meta[STRIDE * i + 2] & ~FAILURES) | Math.min(Math.max(failures, 0), FAILURES);
  }

  final void setPinging(int i, boolean pinging) {
    meta[STRIDE * i + 2] =
        pinging ? meta[STRIDE * i + 2] | PINGING : meta[STRIDE * i + 2] & ~PINGING;
  }

  /**
   * Records a contact seen alive: its address, when, a measured round trip (-1 for none, which
   * leaves the estimate as it was) taken into its SRTT and RTTVAR as RFC 6298 (2.2, 2.3) says, no
   * failures and no ping under way.
   */
  final void refresh(int i, InetSocketAddress address, int seen, int rttMicros) {
    if (!address.equals(address(i))) {
      refs[2 * i + 1] = address;
    }
    meta[STRIDE * i] = seen;
    if (rttMicros >= 0) {
      int srtt = meta[STRIDE * i + 1];
      if (srtt < 0) {
        meta[STRIDE * i + 1] = rttMicros;
        meta[STRIDE * i + 3] = rttMicros / 2;
      } else {
        int rttvar = meta[STRIDE * i + 3];
        meta[STRIDE * i + 3] = (int) ((3L * rttvar + Math.abs((long) srtt - rttMicros)) / 4);
        meta[STRIDE * i + 1] = (int) ((7L * srtt + rttMicros) / 8);
      }
    }
    meta[STRIDE * i + 2] &= ~(FAILURES | PINGING);
  }

  /** The slot of {@code id}, or -1. */
  final int indexOf(NodeId id) {
    int key = keyOf(id);
    for (int i = 0; i < size; i++) {
      if (key(i) == key && id.equals(refs[2 * i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Appends a contact at the tail, with one measured round trip (or -1); the arrays grow as needed,
   * never beyond {@code max}.
   */
  final void add(
      NodeId id, InetSocketAddress address, int seen, int rttMicros, int failures, int max) {
    add(id, address, seen, rttMicros, rttMicros < 0 ? 0 : rttMicros / 2, failures, max);
  }

  private void add(
      NodeId id, InetSocketAddress address, int seen, int srtt, int rttvar, int failures, int max) {
    if (refs == null || size == refs.length / 2) {
      reserve(Math.max(size + 1, Math.min(max, size == 0 ? 4 : 2 * size)));
    }
    refs[2 * size] = id;
    refs[2 * size + 1] = address;
    meta[STRIDE * size] = seen;
    meta[STRIDE * size + 1] = srtt;
    meta[STRIDE * size + 2] = (keyOf(id) << 16) | Math.min(Math.max(failures, 0), FAILURES);
    meta[STRIDE * size + 3] = rttvar;
    size++;
  }

  /**
   * Makes room for {@code capacity} slots at once, so that slots added up to that many allocate
   * nothing more: a bucket that splits knows how many each half takes.
   */
  final void reserve(int capacity) {
    if (refs != null && capacity <= refs.length / 2) {
      return;
    }
    Object[] r = new Object[2 * capacity];
    int[] m = new int[STRIDE * capacity];
    if (refs != null) {
      System.arraycopy(refs, 0, r, 0, 2 * size);
      System.arraycopy(meta, 0, m, 0, STRIDE * size);
    }
    refs = r;
    meta = m;
  }

  /** Appends slot {@code i} of {@code from}, with all it knows. */
  final void addFrom(Slots from, int i, int max) {
    add(
        from.id(i),
        from.address(i),
        from.lastSeen(i),
        from.rttMicros(i),
        from.rttVarMicros(i),
        from.failures(i),
        max);
    if (from.pinging(i)) {
      setPinging(size - 1, true);
    }
  }

  final void removeAt(int i) {
    int tail = size - i - 1;
    if (tail > 0) {
      System.arraycopy(refs, 2 * i + 2, refs, 2 * i, 2 * tail);
      System.arraycopy(meta, STRIDE * (i + 1), meta, STRIDE * i, STRIDE * tail);
    }
    size--;
    refs[2 * size] = null;
    refs[2 * size + 1] = null;
  }

  /** Moves slot {@code i} to the tail (most recently seen), the others keeping their order. */
  final void moveToTail(int i) {
    int last = size - 1;
    if (i == last) {
      return;
    }
    Object id = refs[2 * i];
    Object address = refs[2 * i + 1];
    int seen = meta[STRIDE * i];
    int rtt = meta[STRIDE * i + 1];
    int state = meta[STRIDE * i + 2];
    int rttvar = meta[STRIDE * i + 3];
    System.arraycopy(refs, 2 * i + 2, refs, 2 * i, 2 * (last - i));
    System.arraycopy(meta, STRIDE * (i + 1), meta, STRIDE * i, STRIDE * (last - i));
    refs[2 * last] = id;
    refs[2 * last + 1] = address;
    meta[STRIDE * last] = seen;
    meta[STRIDE * last + 1] = rtt;
    meta[STRIDE * last + 2] = state;
    meta[STRIDE * last + 3] = rttvar;
  }

  /**
   * Moves every slot's last-seen time {@code shift} milliseconds back, as the table's base time
   * moves forward; times that would fall below what an int holds stay at its least.
   */
  final void rebase(long shift) {
    for (int i = 0; i < size; i++) {
      meta[STRIDE * i] = (int) Math.max(Integer.MIN_VALUE, meta[STRIDE * i] - shift);
    }
  }
}
