package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.routing.KBucket.Entry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The routing table: k-buckets that partition the 160-bit id space, split as in the paper (the
 * bucket holding the node's own id, plus the relaxation that keeps depth not divisible by b), with
 * least-recently-seen eviction that pings a full bucket's head first and drops a contact only after
 * several consecutive failures. Thread-safe; publishes {@link EngineEvent}s as it changes.
 */
public final class RoutingTable {
  private final NodeId self;
  private final int k;
  private final int maxFailures;
  private final int splitModulus;
  private final Clock clock;
  private final Consumer<EngineEvent> events;
  private final TreeMap<NodeId, KBucket> buckets = new TreeMap<>();
  private KBucket[] bucketArray;

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
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
    this.self = self;
    this.k = k;
    this.maxFailures = maxFailures;
    this.splitModulus = splitModulus;
    this.clock = clock;
    this.events = events;
    NodeId zero = NodeId.of(new byte[NodeId.BYTES]);
    buckets.put(zero, new KBucket(zero, 0, clock.instant()));
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
    IGNORED
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
    if (contact.id().equals(self)) {
      return new Seen(Outcome.IGNORED, Optional.empty());
    }
    Instant now = clock.instant();
    while (true) {
      KBucket b = bucketOf(contact.id());
      Entry e = b.contacts.get(contact.id());
      if (e != null) {
        e.contact = contact;
        e.lastSeen = now;
        e.failures = 0;
        e.pinging = false;
        e.sample(rtt);
        b.moveToTail(e);
        events.accept(new EngineEvent.ContactMoved(now, self, contact, b.index(self)));
        return new Seen(Outcome.MOVED, Optional.empty());
      }
      if (b.contacts.size() < k) {
        b.replacements.remove(contact.id());
        b.contacts.put(contact.id(), new Entry(contact, now, rtt));
        events.accept(new EngineEvent.ContactAdded(now, self, contact, b.index(self)));
        return new Seen(Outcome.ADDED, Optional.empty());
      }
      if (canSplit(b)) {
        split(b, now);
        continue;
      }
      b.cache(new Entry(contact, now, rtt), k);
      events.accept(new EngineEvent.ContactCached(now, self, contact, b.index(self)));
      Entry head = b.head();
      if (head.pinging) {
        return new Seen(Outcome.CACHED, Optional.empty());
      }
      head.pinging = true;
      return new Seen(Outcome.CACHED, Optional.of(head.contact));
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
    KBucket b = bucketOf(contact.id());
    Entry e = b.contacts.get(contact.id());
    if (e == null) {
      Entry r = b.replacements.get(contact.id());
      if (r != null && ++r.failures >= maxFailures) {
        b.replacements.remove(contact.id());
      }
      return false;
    }
    e.pinging = false;
    e.failures++;
    if (e.failures < maxFailures && b.replacements.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    b.contacts.remove(contact.id());
    events.accept(
        new EngineEvent.ContactEvicted(now, self, e.contact, b.index(self), e.failures, reason));
    Entry replacement = b.takeNewestReplacement();
    if (replacement != null) {
      replacement.failures = 0;
      b.contacts.put(replacement.contact.id(), replacement);
      events.accept(new EngineEvent.ContactAdded(now, self, replacement.contact, b.index(self)));
    }
    return true;
  }

  /** Removes a contact outright (for instance when its address now answers with another id). */
  public synchronized void remove(Contact contact, String reason) {
    KBucket b = bucketOf(contact.id());
    Entry e = b.contacts.remove(contact.id());
    b.replacements.remove(contact.id());
    if (e != null) {
      events.accept(
          new EngineEvent.ContactEvicted(
              clock.instant(), self, e.contact, b.index(self), e.failures, reason));
      Entry replacement = b.takeNewestReplacement();
      if (replacement != null) {
        b.contacts.put(replacement.contact.id(), replacement);
        events.accept(
            new EngineEvent.ContactAdded(
                clock.instant(), self, replacement.contact, b.index(self)));
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
    Entry e = b.contacts.get(id);
    if (e == null) {
      e = b.replacements.get(id);
    }
    return e == null || e.rtt == null ? Optional.empty() : Optional.of(e.rtt.rto());
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
    if (b.contacts.containsKey(id)) {
      return false;
    }
    if (b.contacts.size() < k || canSplit(b)) {
      return true;
    }
    for (Entry e : b.contacts.values()) {
      if (e.failures > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code id} is in a bucket (replacement caches not counted). */
  public synchronized boolean contains(NodeId id) {
    return bucketOf(id).contacts.containsKey(id);
  }

  /** The contact with this id, if the table holds it. */
  public synchronized Optional<Contact> find(NodeId id) {
    Entry e = bucketOf(id).contacts.get(id);
    return e == null ? Optional.empty() : Optional.of(e.contact);
  }

  /** How many contacts the buckets hold. */
  public synchronized int size() {
    int n = 0;
    for (KBucket b : buckets.values()) {
      n += b.contacts.size();
    }
    return n;
  }

  /** Every contact, bucket by bucket. */
  public synchronized List<Contact> contacts() {
    List<Contact> all = new ArrayList<>();
    for (KBucket b : buckets.values()) {
      b.contacts.values().forEach(e -> all.add(e.contact));
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
    if (bucketArray == null) {
      bucketArray = buckets.values().toArray(KBucket[]::new);
    }
    List<Contact> out = new ArrayList<>(Math.min(count, k * 2));
    walk(bucketArray, 0, bucketArray.length, 0, target, count, exclude, out);
    return out;
  }

  private void walk(
      KBucket[] byPrefix,
      int from,
      int to,
      int bit,
      NodeId target,
      int count,
      NodeId exclude,
      List<Contact> out) {
    if (from >= to || out.size() >= count) {
      return;
    }
    if (to - from == 1) {
      takeClosest(byPrefix[from], target, count, exclude, out);
      return;
    }
    // Buckets [from, to) share their first `bit` bits; those with a 0 at `bit` come first.
    int split = from;
    while (split < to && !byPrefix[split].prefix.bit(bit)) {
      split++;
    }
    if (target.bit(bit)) {
      walk(byPrefix, split, to, bit + 1, target, count, exclude, out);
      walk(byPrefix, from, split, bit + 1, target, count, exclude, out);
    } else {
      walk(byPrefix, from, split, bit + 1, target, count, exclude, out);
      walk(byPrefix, split, to, bit + 1, target, count, exclude, out);
    }
  }

  private static boolean isExcluded(NodeId id, NodeId exclude) {
    return exclude != null && id.hashCode() == exclude.hashCode() && id.equals(exclude);
  }

  private static void takeClosest(
      KBucket b, NodeId target, int count, NodeId exclude, List<Contact> out) {
    int start = out.size();
    if (count - start == 1) {
      // one more is wanted: a linear scan for the nearest, no sorting
      Contact best = null;
      for (Entry e : b.contacts.values()) {
        Contact c = e.contact;
        if ((best == null || target.compareDistance(c.id(), best.id()) < 0)
            && !isExcluded(c.id(), exclude)) {
          best = c;
        }
      }
      if (best != null) {
        out.add(best);
      }
      return;
    }
    for (Entry e : b.contacts.values()) {
      if (!isExcluded(e.contact.id(), exclude)) {
        // insertion sort into out[start..]: a bucket holds at most k contacts
        Contact c = e.contact;
        int i = out.size();
        out.add(c);
        while (i > start && target.compareDistance(out.get(i - 1).id(), c.id()) > 0) {
          out.set(i, out.get(i - 1));
          i--;
        }
        out.set(i, c);
      }
    }
    while (out.size() > count) {
      out.remove(out.size() - 1);
    }
  }

  /** Notes that a lookup targeted {@code target}: its bucket does not need a refresh for now. */
  public synchronized void touch(NodeId target) {
    bucketOf(target).lastLookup = clock.instant();
  }

  /**
   * The buckets not touched by a lookup since {@code before}, as (prefix, depth), so that the node
   * can refresh each with a lookup of a random id in its range.
   */
  public synchronized List<BucketSnapshot> staleBuckets(Instant before) {
    List<BucketSnapshot> out = new ArrayList<>();
    for (KBucket b : buckets.values()) {
      if (b.lastLookup.isBefore(before)) {
        out.add(b.snapshot(self));
      }
    }
    return out;
  }

  /** An immutable copy of every bucket, in id order. */
  public synchronized RoutingSnapshot snapshot() {
    List<BucketSnapshot> out = new ArrayList<>(buckets.size());
    for (KBucket b : buckets.values()) {
      out.add(b.snapshot(self));
    }
    return new RoutingSnapshot(self, k, clock.instant(), out);
  }

  private KBucket bucketOf(NodeId id) {
    Map.Entry<NodeId, KBucket> e = buckets.floorEntry(id);
    return e.getValue();
  }

  private boolean canSplit(KBucket b) {
    if (b.depth >= NodeId.BITS) {
      return false;
    }
    return b.covers(self) || b.depth % splitModulus != 0;
  }

  private void split(KBucket b, Instant now) {
    int depth = b.depth + 1;
    NodeId high = withBit(b.prefix, b.depth);
    KBucket left = new KBucket(b.prefix, depth, b.lastLookup);
    KBucket right = new KBucket(high, depth, b.lastLookup);
    for (Entry e : b.contacts.values()) {
      (right.covers(e.contact.id()) ? right : left).contacts.put(e.contact.id(), e);
    }
    for (Entry e : b.replacements.values()) {
      KBucket to = right.covers(e.contact.id()) ? right : left;
      if (to.contacts.size() < k) {
        to.contacts.put(e.contact.id(), e);
      } else {
        to.replacements.put(e.contact.id(), e);
      }
    }
    buckets.put(left.prefix, left);
    buckets.put(right.prefix, right);
    bucketArray = null;
    events.accept(new EngineEvent.BucketSplit(now, self, b.prefix, b.depth));
  }

  private static NodeId withBit(NodeId id, int bit) {
    byte[] b = id.toBytes();
    b[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
    return NodeId.of(b);
  }
}
