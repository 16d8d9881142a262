package io.kadscope.engine.routing;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.guard.AddressLimit;
import io.kadscope.engine.rpc.RttEstimate;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One k-bucket: the contacts whose ids start with a {@code depth}-bit prefix, least recently seen
 * first ({@link Slots}, which it is), and a replacement cache of newcomers that did not fit (paper
 * 2.2, 4.1), made only once a contact did not fit. Not thread-safe: the {@link RoutingTable} guards
 * it.
 *
 * <p>A simulated network holds millions of buckets, so a bucket is one object and its arrays: its
 * prefix is kept as the first 64 bits of an id (a prefix object only for the rare bucket deeper
 * than that), and its contacts hold no object, {@link Instant} or {@link Duration} of their own.
 */
final class KBucket extends Slots {
  final int depth;
  private final long high;
  private final NodeId deepPrefix;
  Slots replacements;
  long lastLookup;

  /**
   * @param prefix an id whose first {@code depth} bits are the bucket's prefix (the rest zero)
   * @param lastLookup when a lookup last targeted the range, in nanoseconds since the epoch
   */
  KBucket(NodeId prefix, int depth, long lastLookup) {
    super(depth);
    this.depth = depth;
    this.high = Buckets.high(prefix);
    this.deepPrefix = depth > 64 ? prefix : null;
    this.lastLookup = lastLookup;
  }

  /** The prefix: an id whose first {@code depth} bits are the bucket's, the rest zero. */
  NodeId prefix() {
    if (deepPrefix != null) {
      return deepPrefix;
    }
    byte[] b = new byte[NodeId.BYTES];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (high >>> (56 - 8 * i));
    }
    return NodeId.of(b);
  }

  /** The first 64 bits of the prefix. */
  long high() {
    return high;
  }

  boolean covers(NodeId id) {
    if (depth == 0) {
      return true;
    }
    if (depth <= 64) {
      return ((Buckets.high(id) ^ high) >>> (64 - depth)) == 0;
    }
    return id.sharedPrefixLength(deepPrefix) >= depth;
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
  void cache(NodeId id, java.net.InetSocketAddress address, int seen, int rttMicros, int k) {
    Slots r = replacements();
    int at = r.indexOf(id);
    if (at >= 0) {
      r.removeAt(at);
    }
    while (r.size >= k) {
      r.removeAt(0);
    }
    r.add(id, address, seen, rttMicros, 0, k);
  }

  /** Drops {@code id} from the replacement cache, if it is there. */
  void uncache(NodeId id) {
    if (replacementCount() > 0) {
      int r = replacements.indexOf(id);
      if (r >= 0) {
        replacements.removeAt(r);
      }
    }
  }

  /**
   * How many contacts here and in the replacement cache share {@code id}'s address group at {@code
   * ip} ({@link AddressLimit#sameGroup}), for the per-address bound.
   */
  int sameGroup(NodeId id, InetAddress ip) {
    // counted in place: this runs for every contact a table takes
    int same = 0;
    for (int i = 0; i < size; i++) {
      if (AddressLimit.sameGroup(id(i), address(i), id, ip)) {
        same++;
      }
    }
    Slots rs = replacementCount() > 0 ? replacements : null;
    for (int i = 0; rs != null && i < rs.size; i++) {
      if (AddressLimit.sameGroup(rs.id(i), rs.address(i), id, ip)) {
        same++;
      }
    }
    return same;
  }

  /**
   * The retransmission timeout for {@code id} from its round-trip estimate (RFC 6298), when it is
   * held here or in the replacement cache and has answered a request; empty otherwise.
   */
  Optional<Duration> retransmissionTimeout(NodeId id) {
    Slots s = this;
    int slot = s.indexOf(id);
    if (slot < 0 && replacementCount() > 0) {
      s = replacements;
      slot = s.indexOf(id);
    }
    if (slot < 0 || s.rttMicros(slot) < 0) {
      return Optional.empty();
    }
    long micros = RttEstimate.rtoMicros(s.rttMicros(slot), s.rttVarMicros(slot));
    return Optional.of(Duration.ofNanos(micros * 1000));
  }

  int index(NodeId self) {
    if (depth <= 64) {
      long shared = Long.numberOfLeadingZeros(Buckets.high(self) ^ high);
      return (int) Math.min(depth, shared);
    }
    return Math.min(depth, deepPrefix.sharedPrefixLength(self));
  }

  BucketSnapshot snapshot(NodeId self, SlotClock times) {
    List<ContactInfo> rs = replacements == null ? List.of() : infos(replacements, times);
    return new BucketSnapshot(
        prefix(),
        depth,
        index(self),
        covers(self),
        infos(this, times),
        rs,
        SlotClock.instant(lastLookup));
  }

  private static List<ContactInfo> infos(Slots s, SlotClock times) {
    List<ContactInfo> out = new ArrayList<>(s.size);
    for (int i = 0; i < s.size; i++) {
      int rtt = s.rttMicros(i);
      out.add(
          new ContactInfo(
              s.contact(i),
              times.instantOf(s.lastSeen(i)),
              rtt < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(rtt * 1000L)),
              s.failures(i)));
    }
    return out;
  }
}
