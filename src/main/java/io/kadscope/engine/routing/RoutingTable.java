package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import io.kadscope.engine.guard.AddressLimit;
import io.kadscope.engine.rpc.RttEstimate;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The routing table: k-buckets that partition the 160-bit id space, split as in the paper (the
 * bucket holding the node's own id, plus the relaxation that keeps depth not divisible by b), with
 * least-recently-seen eviction that pings a full bucket's head first and drops a contact only after
 * several consecutive failures. Thread-safe; publishes {@link EngineEvent}s as it changes.
 */
public final class RoutingTable {
  private static final Seen IGNORED_SEEN = new Seen(Outcome.IGNORED, Optional.empty());
  private static final Seen REFUSED_SEEN = new Seen(Outcome.REFUSED, Optional.empty());
  private static final Seen MOVED_SEEN = new Seen(Outcome.MOVED, Optional.empty());
  private static final Seen ADDED_SEEN = new Seen(Outcome.ADDED, Optional.empty());
  private static final Seen CACHED_SEEN = new Seen(Outcome.CACHED, Optional.empty());

  /** The largest bucket a table keeps: its slots are counted in 16 bits. */
  public static final int MAX_K = 0xffff;

  private final NodeId self;
  private final int k;
  private final int maxFailures;
  private final int splitModulus;
  private final Clock clock;
  private final EventSink events;
  private final AddressLimit perAddress;
  // Every bucket, ordered by prefix: their ranges partition the id space in id order; and the first
  // 64 bits of each prefix, so that finding a bucket reads one array, not a prefix object per step.
  private KBucket[] buckets;
  private long[] highs;
  // Contacts' last-seen times are milliseconds from this, in nanoseconds since the epoch.
  private long base;

  /**
   * @param splitModulus b of the paper's section 4.2: a bucket that does not hold {@code self}
   *     still splits while its depth is not a multiple of this
   */
  public RoutingTable(
      NodeId self,
      int k,
      int maxFailures,
      int splitModulus,
      Clock clock,
      Consumer<EngineEvent> events) {
    this(self, k, maxFailures, splitModulus, clock, events, AddressLimit.NONE);
  }

  /**
   * @param splitModulus b of the paper's section 4.2
   * @param perAddress how many contacts of one address a bucket may hold, replacements included
   */
  public RoutingTable(
      NodeId self,
      int k,
      int maxFailures,
      int splitModulus,
      Clock clock,
      Consumer<EngineEvent> events,
      AddressLimit perAddress) {
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be from 1 to " + MAX_K + ", found " + k);
    }
    this.self = self;
    this.k = k;
    this.maxFailures = maxFailures;
    this.splitModulus = splitModulus;
    this.clock = clock;
    this.events = EventSink.of(events);
    this.perAddress = perAddress;
    NodeId zero = NodeId.of(new byte[NodeId.BYTES]);
    long created = nanos(clock.instant());
    this.base = created;
    this.buckets = new KBucket[] {new KBucket(zero, 0, created)};
    this.highs = new long[] {0};
  }

  /** The node's own id. */
  public NodeId self() {
    return self;
  }

  /** What {@link #seen} did with a contact. */
  public enum Outcome {
    /** New to the table, appended to its bucket. */
    ADDED,
    /** Already in the table; moved to the tail of its bucket. */
    MOVED,
    /** Its bucket is full: kept in the replacement cache. */
    CACHED,
    /** The node's own id: never stored. */
    IGNORED,
    /** Its bucket already holds the most contacts allowed from its address: not kept. */
    REFUSED
  }

  /**
   * What {@link #seen} did, and the head of a full bucket that should be pinged before it can be
   * evicted (empty when no ping is due or one is already under way).
   */
  public record Seen(Outcome outcome, Optional<Contact> pingHead) {}

  /**
   * Records that {@code contact} is alive: it sent a request or answered one ({@code rtt} is the
   * round-trip time of an answer, or null).
   */
  public synchronized Seen seen(Contact contact, Duration rtt) {
    return seen(contact, rtt, true);
  }

  /**
   * Records {@code contact} as {@link #seen} does, but as known by other means than an RPC (an
   * imported list, a simulator that builds tables from what it knows of the whole network): a full
   * bucket keeps it as a replacement and asks for no ping of its head.
   */
  public synchronized Outcome add(Contact contact, Duration rtt) {
    return seen(contact, rtt, false).outcome();
  }

  private Seen seen(Contact contact, Duration rtt, boolean askPing) {
    NodeId id = contact.id();
    if (id.equals(self)) {
      return IGNORED_SEEN;
    }
    Instant at = clock.instant();
    int now = stamp(nanos(at));
    int rttMicros = micros(rtt);
    while (true) {
      int bucket = bucketIndexOf(id);
      KBucket b = buckets[bucket];
      Slots cs = b;
      int slot = cs.indexOf(id);
      if (slot >= 0) {
        cs.refresh(slot, contact.address(), now, rttMicros);
        cs.moveToTail(slot);
        if (events.listening()) {
          events.accept(new EngineEvent.ContactMoved(at, self, contact, b.index(self)));
        }
        return MOVED_SEEN;
      }
      if (!admits(b, contact)) {
        return REFUSED_SEEN;
      }
      if (cs.size < k) {
        if (b.replacementCount() > 0) {
          int r = b.replacements.indexOf(id);
          if (r >= 0) {
            b.replacements.removeAt(r);
          }
        }
        cs.add(id, contact.address(), now, rttMicros, 0, k);
        if (events.listening()) {
          events.accept(new EngineEvent.ContactAdded(at, self, contact, b.index(self)));
        }
        return ADDED_SEEN;
      }
      if (canSplit(b)) {
        split(bucket, at);
        continue;
      }
      b.cache(id, contact.address(), now, rttMicros, k);
      if (events.listening()) {
        events.accept(new EngineEvent.ContactCached(at, self, contact, b.index(self)));
      }
      if (!askPing || cs.pinging(0)) {
        return CACHED_SEEN;
      }
      cs.setPinging(0, true);
      return new Seen(Outcome.CACHED, Optional.of(cs.contact(0)));
    }
  }

  /**
   * Records that an RPC to {@code contact} went unanswered (its hard timeout passed, every
   * retransmission unanswered). When the bucket's replacement cache holds a contact, that contact,
   * seen alive more recently, takes the failed one's place at once (as libtorrent's table does);
   * with an empty cache the contact is dropped only after {@code maxFailures} consecutive failures,
   * so that a bucket does not empty itself when this node's own link fails.
   *
   * @return true when the contact was evicted
   */
  public synchronized boolean failed(Contact contact, String reason) {
    NodeId id = contact.id();
    KBucket b = bucketOf(id);
    Slots cs = b;
    int slot = cs.indexOf(id);
    if (slot < 0) {
      if (b.replacementCount() > 0) {
        Slots rs = b.replacements;
        int r = rs.indexOf(id);
        if (r >= 0) {
          int failures = rs.failures(r) + 1;
          rs.setFailures(r, failures);
          if (failures >= maxFailures) {
            rs.removeAt(r);
          }
        }
      }
      return false;
    }
    cs.setPinging(slot, false);
    int failures = cs.failures(slot) + 1;
    cs.setFailures(slot, failures);
    if (failures < maxFailures && b.replacementCount() == 0) {
      return false;
    }
    Instant now = clock.instant();
    Contact evicted = cs.contact(slot);
    cs.removeAt(slot);
    if (events.listening()) {
      events.accept(
          new EngineEvent.ContactEvicted(now, self, evicted, b.index(self), failures, reason));
    }
    if (b.replacementCount() > 0) {
      Slots rs = b.replacements;
      int newest = rs.size - 1;
      cs.addFrom(rs, newest, k);
      rs.removeAt(newest);
      cs.setFailures(cs.size - 1, 0);
      if (events.listening()) {
        events.accept(
            new EngineEvent.ContactAdded(now, self, cs.contact(cs.size - 1), b.index(self)));
      }
    }
    return true;
  }

  /** Removes a contact outright (for instance when its address now answers with another id). */
  public synchronized void remove(Contact contact, String reason) {
    NodeId id = contact.id();
    KBucket b = bucketOf(id);
    Slots cs = b;
    int slot = cs.indexOf(id);
    if (b.replacementCount() > 0) {
      int r = b.replacements.indexOf(id);
      if (r >= 0) {
        b.replacements.removeAt(r);
      }
    }
    if (slot < 0) {
      return;
    }
    Contact removed = cs.contact(slot);
    int failures = cs.failures(slot);
    cs.removeAt(slot);
    if (events.listening()) {
      events.accept(
          new EngineEvent.ContactEvicted(
              clock.instant(), self, removed, b.index(self), failures, reason));
    }
    if (b.replacementCount() > 0) {
      Slots rs = b.replacements;
      int newest = rs.size - 1;
      cs.addFrom(rs, newest, k);
      rs.removeAt(newest);
      if (events.listening()) {
        events.accept(
            new EngineEvent.ContactAdded(
                clock.instant(), self, cs.contact(cs.size - 1), b.index(self)));
      }
    }
  }

  /**
   * The retransmission timeout for {@code id} from its round-trip estimate (RFC 6298), when the
   * table holds it (in a bucket or a replacement cache) and it has answered one of this node's
   * requests; empty otherwise.
   */
  public synchronized Optional<Duration> retransmissionTimeout(NodeId id) {
    KBucket b = bucketOf(id);
    Slots s = b;
    int slot = s.indexOf(id);
    if (slot < 0 && b.replacementCount() > 0) {
      s = b.replacements;
      slot = s.indexOf(id);
    }
    if (slot < 0 || s.rttMicros(slot) < 0) {
      return Optional.empty();
    }
    long micros = RttEstimate.rtoMicros(s.rttMicros(slot), s.rttVarMicros(slot));
    return Optional.of(Duration.ofNanos(micros * 1000));
  }

  /**
   * Whether a contact with this id, not yet in a bucket, would be worth verifying: its bucket has
   * room, or can split, or holds a contact that failed (which a verified newcomer would replace). A
   * full bucket of contacts that answer does not need it (paper 2.2: old contacts are kept).
   */
  public synchronized boolean wouldAdmit(NodeId id) {
    if (id.equals(self)) {
      return false;
    }
    KBucket b = bucketOf(id);
    if (b.indexOf(id) >= 0) {
      return false;
    }
    if (b.size < k || canSplit(b)) {
      return true;
    }
    for (int i = 0; i < b.size; i++) {
      if (b.failures(i) > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code b} may take {@code c}, new to it, by the per-address bound. */
  private boolean admits(KBucket b, Contact c) {
    InetAddress ip = c.address().getAddress();
    if (perAddress.exempts(ip)) {
      return true;
    }
    // counted in place: this runs for every contact a table takes
    int same = 0;
    for (int i = 0; i < b.size; i++) {
      if (AddressLimit.sameGroup(b.id(i), b.address(i), c.id(), ip)) {
        same++;
      }
    }
    Slots rs = b.replacementCount() > 0 ? b.replacements : null;
    for (int i = 0; rs != null && i < rs.size; i++) {
      if (AddressLimit.sameGroup(rs.id(i), rs.address(i), c.id(), ip)) {
        same++;
      }
    }
    return same < perAddress.perBucket();
  }

  /** Whether {@code id} is in a bucket (replacement caches not counted). */
  public synchronized boolean contains(NodeId id) {
    return bucketOf(id).indexOf(id) >= 0;
  }

  /** The contact with this id, if the table holds it. */
  public synchronized Optional<Contact> find(NodeId id) {
    Slots cs = bucketOf(id);
    int slot = cs.indexOf(id);
    return slot < 0 ? Optional.empty() : Optional.of(cs.contact(slot));
  }

  /** How many contacts the buckets hold. */
  public synchronized int size() {
    int n = 0;
    for (KBucket b : buckets) {
      n += b.size;
    }
    return n;
  }

  /** Every contact, bucket by bucket. */
  public synchronized List<Contact> contacts() {
    List<Contact> all = new ArrayList<>(size());
    for (KBucket b : buckets) {
      for (int i = 0; i < b.size; i++) {
        all.add(b.contact(i));
      }
    }
    return all;
  }

  /**
   * The {@code count} contacts closest to {@code target}, closest first, leaving out {@code
   * exclude} (may be null).
   *
   * <p>The buckets are the leaves of a binary trie of id prefixes. Walking it from the root and
   * taking first, at each bit, the half on the target's side visits the buckets in order of XOR
   * distance (every id in that half is closer than every id in the other), so the walk stops as
   * soon as {@code count} contacts are found and only the buckets it takes are sorted.
   */
  public synchronized List<Contact> closest(NodeId target, int count, NodeId exclude) {
    List<Contact> out = new ArrayList<>(Math.max(0, Math.min(count, 2 * k)));
    walk(0, buckets.length, target, count, exclude, out);
    return out;
  }

  private void walk(int from, int to, NodeId target, int count, NodeId exclude, List<Contact> out) {
    if (from >= to || out.size() >= count) {
      return;
    }
    if (to - from == 1) {
      takeClosest(buckets[from], target, count, mayHold(from, exclude) ? exclude : null, out);
      return;
    }
    // Buckets [from, to) share the prefixes' bits before `bit`, the first where the lowest and the
    // highest differ; those with a 0 there come first, then those with a 1.
    long differ = highs[from] ^ highs[to - 1];
    int bit =
        differ != 0
            ? Long.numberOfLeadingZeros(differ)
            : buckets[from].prefix().sharedPrefixLength(buckets[to - 1].prefix());
    int lo = from + 1;
    int hi = to - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bit < 64 ? (highs[mid] << bit) < 0 : buckets[mid].prefix().bit(bit)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int split = lo;
    if (target.bit(bit)) {
      walk(split, to, target, count, exclude, out);
      walk(from, split, target, count, exclude, out);
    } else {
      walk(from, split, target, count, exclude, out);
      walk(split, to, target, count, exclude, out);
    }
  }

  /** Whether the bucket at {@code position} covers {@code id} (false for null). */
  private boolean mayHold(int position, NodeId id) {
    if (id == null) {
      return false;
    }
    int depth = buckets[position].depth;
    if (depth == 0) {
      return true;
    }
    if (depth <= 64) {
      return ((high(id) ^ highs[position]) >>> (64 - depth)) == 0;
    }
    return buckets[position].covers(id);
  }

  private static void takeClosest(
      KBucket b, NodeId target, int count, NodeId exclude, List<Contact> out) {
    Slots cs = b;
    int wanted = count - out.size();
    int targetKey = cs.keyOf(target);
    int excluded = excludedSlot(cs, exclude);
    if (wanted == 1) {
      // one more is wanted: a linear scan for the nearest, no sorting
      int best = -1;
      for (int i = 0; i < cs.size; i++) {
        if (i != excluded && (best < 0 || closer(cs, target, targetKey, i, best))) {
          best = i;
        }
      }
      if (best >= 0) {
        out.add(cs.contact(best));
      }
      return;
    }
    // Sort the slots by distance: each as its key's distance to the target's key in the high half
    // of an int and its slot in the low half, so that an insertion sort compares ints alone; slots
    // whose keys tie (one pair in 65,536) are then put in order by their ids.
    int[] order = new int[cs.size];
    int n = 0;
    for (int i = 0; i < cs.size; i++) {
      if (i == excluded) {
        continue;
      }
      int packed = ((cs.key(i) ^ targetKey) << 16) | i;
      int j = n++;
      while (j > 0 && Integer.compareUnsigned(order[j - 1], packed) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = packed;
    }
    for (int j = 1; j < n; j++) {
      if (order[j] >>> 16 == order[j - 1] >>> 16) {
        // a tie of keys: order the run by the ids themselves
        int from = j - 1;
        int to = j + 1;
        while (to < n && order[to] >>> 16 == order[from] >>> 16) {
          to++;
        }
        for (int x = from + 1; x < to; x++) {
          int moving = order[x];
          int y = x;
          while (y > from
              && target.compareDistance(cs.id(order[y - 1] & 0xffff), cs.id(moving & 0xffff)) > 0) {
            order[y] = order[y - 1];
            y--;
          }
          order[y] = moving;
        }
        j = to - 1;
      }
    }
    for (int j = 0; j < Math.min(n, wanted); j++) {
      out.add(cs.contact(order[j] & 0xffff));
    }
  }

  /** Whether slot {@code a} is closer to the target than slot {@code b}: by key, else by id. */
  private static boolean closer(Slots cs, NodeId target, int targetKey, int a, int b) {
    int da = cs.key(a) ^ targetKey;
    int db = cs.key(b) ^ targetKey;
    if (da != db) {
      return da < db;
    }
    return target.compareDistance(cs.id(a), cs.id(b)) < 0;
  }

  /** The slot holding {@code exclude}, or -1. */
  private static int excludedSlot(Slots cs, NodeId exclude) {
    return exclude == null ? -1 : cs.indexOf(exclude);
  }

  /** Notes that a lookup targeted {@code target}: its bucket does not need a refresh for now. */
  public synchronized void touch(NodeId target) {
    bucketOf(target).lastLookup = nanos(clock.instant());
  }

  /**
   * The buckets not touched by a lookup since {@code before}, as (prefix, depth), so that the node
   * can refresh each with a lookup of a random id in its range.
   */
  public synchronized List<BucketSnapshot> staleBuckets(Instant before) {
    long limit = nanos(before);
    List<BucketSnapshot> out = new ArrayList<>();
    for (KBucket b : buckets) {
      if (b.lastLookup < limit) {
        out.add(b.snapshot(self, this));
      }
    }
    return out;
  }

  /** An immutable copy of every bucket, in id order. */
  public synchronized RoutingSnapshot snapshot() {
    List<BucketSnapshot> out = new ArrayList<>(buckets.length);
    for (KBucket b : buckets) {
      out.add(b.snapshot(self, this));
    }
    return new RoutingSnapshot(self, k, clock.instant(), out);
  }

  private KBucket bucketOf(NodeId id) {
    return buckets[bucketIndexOf(id)];
  }

  /** The position of the bucket covering {@code id}: the last whose prefix is not above it. */
  private int bucketIndexOf(NodeId id) {
    long top = high(id);
    int lo = 0;
    int hi = buckets.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      int c = Long.compareUnsigned(highs[mid], top);
      if (c < 0 || (c == 0 && buckets[mid].prefix().compareTo(id) <= 0)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The first 64 bits of an id. */
  static long high(NodeId id) {
    return ((long) id.bits(0, 32) << 32) | (id.bits(32, 32) & 0xffff_ffffL);
  }

  private boolean canSplit(KBucket b) {
    if (b.depth >= NodeId.BITS) {
      return false;
    }
    return b.covers(self) || b.depth % splitModulus != 0;
  }

  private void split(int position, Instant now) {
    KBucket b = buckets[position];
    int depth = b.depth + 1;
    NodeId prefix = b.prefix();
    KBucket left = new KBucket(prefix, depth, b.lastLookup);
    KBucket right = new KBucket(withBit(prefix, b.depth), depth, b.lastLookup);
    Slots cs = b;
    for (int i = 0; i < cs.size; i++) {
      (cs.id(i).bit(b.depth) ? right : left).addFrom(cs, i, k);
    }
    for (int i = 0; i < b.replacementCount(); i++) {
      KBucket to = b.replacements.id(i).bit(b.depth) ? right : left;
      if (to.size < k) {
        to.addFrom(b.replacements, i, k);
      } else {
        to.replacements().addFrom(b.replacements, i, k);
      }
    }
    KBucket[] grown = new KBucket[buckets.length + 1];
    System.arraycopy(buckets, 0, grown, 0, position);
    grown[position] = left;
    grown[position + 1] = right;
    System.arraycopy(buckets, position + 1, grown, position + 2, buckets.length - position - 1);
    long[] grownHighs = new long[highs.length + 1];
    System.arraycopy(highs, 0, grownHighs, 0, position);
    grownHighs[position] = highs[position];
    grownHighs[position + 1] = right.high();
    System.arraycopy(highs, position + 1, grownHighs, position + 2, highs.length - position - 1);
    buckets = grown;
    highs = grownHighs;
    if (events.listening()) {
      events.accept(new EngineEvent.BucketSplit(now, self, prefix, b.depth));
    }
  }

  private static NodeId withBit(NodeId id, int bit) {
    byte[] b = id.toBytes();
    b[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
    return NodeId.of(b);
  }

  /**
   * A time as milliseconds from the base, as a slot keeps it. Past 24 days from the base (what an
   * int holds) the base moves on by 12 days and every slot's time moves back with it.
   */
  private int stamp(long nanos) {
    long ms = Math.floorDiv(nanos - base, 1_000_000L);
    if (ms > Integer.MAX_VALUE) {
      long shift = ms - Integer.MAX_VALUE / 2;
      base += shift * 1_000_000L;
      for (KBucket b : buckets) {
        b.rebase(shift);
        if (b.replacementCount() > 0) {
          b.replacements.rebase(shift);
        }
      }
      ms -= shift;
    }
    return (int) Math.max(Integer.MIN_VALUE, ms);
  }

  /** The instant of a slot's time. */
  Instant instantOf(int stamp) {
    return instant(base + stamp * 1_000_000L);
  }

  /** An instant as nanoseconds since the epoch, clamped to what a long holds (years 1678–2262). */
  static long nanos(Instant t) {
    long s = t.getEpochSecond();
    if (s >= Long.MAX_VALUE / 1_000_000_000L) {
      return Long.MAX_VALUE;
    }
    if (s <= Long.MIN_VALUE / 1_000_000_000L) {
      return Long.MIN_VALUE;
    }
    return s * 1_000_000_000L + t.getNano();
  }

  /** The instant of {@link #nanos}. */
  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** A round trip in whole microseconds (-1 for none), clamped to what an int holds (35 min). */
  private static int micros(Duration rtt) {
    if (rtt == null) {
      return -1;
    }
    if (rtt.isNegative()) {
      return 0;
    }
    return rtt.compareTo(MAX_RTT) >= 0 ? Integer.MAX_VALUE : (int) (rtt.toNanos() / 1000);
  }

  private static final Duration MAX_RTT = Duration.ofNanos(Integer.MAX_VALUE * 1000L);
}
