package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import io.kadscope.engine.guard.AddressLimit;
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
  private final Buckets buckets;
  private final SlotClock times;

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
    long created = SlotClock.nanos(clock.instant());
    this.times = new SlotClock(created);
    this.buckets = new Buckets(created);
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

  /**
   * Records {@code contact} as {@link #add} does when the table holds it or {@link #wouldAdmit}s
   * it, under one lock; returns {@link Outcome#IGNORED} and keeps nothing otherwise.
   */
  public synchronized Outcome addIfWanted(Contact contact, Duration rtt) {
    NodeId id = contact.id();
    KBucket b = buckets.of(id);
    if (b.indexOf(id) < 0 && !admitsNew(b)) {
      return Outcome.IGNORED;
    }
    return seen(contact, rtt, false).outcome();
  }

  private Seen seen(Contact contact, Duration rtt, boolean askPing) {
    NodeId id = contact.id();
    if (id.equals(self)) {
      return IGNORED_SEEN;
    }
    Instant at = clock.instant();
    int now = times.stamp(SlotClock.nanos(at), buckets);
    int rttMicros = SlotClock.micros(rtt);
    while (true) {
      int bucket = buckets.indexOf(id);
      KBucket b = buckets.at(bucket);
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
        b.uncache(id);
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
    KBucket b = buckets.of(id);
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
    KBucket b = buckets.of(id);
    Slots cs = b;
    int slot = cs.indexOf(id);
    b.uncache(id);
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
    return buckets.of(id).retransmissionTimeout(id);
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
    KBucket b = buckets.of(id);
    if (b.indexOf(id) >= 0) {
      return false;
    }
    return admitsNew(b);
  }

  /** Whether {@code b} would take a contact it does not hold (see {@link #wouldAdmit}). */
  private boolean admitsNew(KBucket b) {
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
    return b.sameGroup(c.id(), ip) < perAddress.perBucket();
  }

  /** Whether {@code id} is in a bucket (replacement caches not counted). */
  public synchronized boolean contains(NodeId id) {
    return buckets.of(id).indexOf(id) >= 0;
  }

  /** The contact with this id, if the table holds it. */
  public synchronized Optional<Contact> find(NodeId id) {
    Slots cs = buckets.of(id);
    int slot = cs.indexOf(id);
    return slot < 0 ? Optional.empty() : Optional.of(cs.contact(slot));
  }

  /** How many contacts the buckets hold. */
  public synchronized int size() {
    int n = 0;
    for (KBucket b : buckets.all()) {
      n += b.size;
    }
    return n;
  }

  /** Every contact, bucket by bucket. */
  public synchronized List<Contact> contacts() {
    List<Contact> all = new ArrayList<>(size());
    for (KBucket b : buckets.all()) {
      for (int i = 0; i < b.size; i++) {
        all.add(b.contact(i));
      }
    }
    return all;
  }

  /**
   * The {@code count} contacts closest to {@code target}, closest first, leaving out {@code
   * exclude} (may be null); {@link ClosestWalk} says how they are found without sorting the table.
   */
  public synchronized List<Contact> closest(NodeId target, int count, NodeId exclude) {
    List<Contact> out = new ArrayList<>(Math.max(0, Math.min(count, 2 * k)));
    ClosestWalk.closest(buckets, target, count, exclude, out);
    return out;
  }

  /** Notes that a lookup targeted {@code target}: its bucket does not need a refresh for now. */
  public synchronized void touch(NodeId target) {
    buckets.of(target).lastLookup = SlotClock.nanos(clock.instant());
  }

  /**
   * The buckets not touched by a lookup since {@code before}, as (prefix, depth), so that the node
   * can refresh each with a lookup of a random id in its range.
   */
  public synchronized List<BucketSnapshot> staleBuckets(Instant before) {
    long limit = SlotClock.nanos(before);
    List<BucketSnapshot> out = new ArrayList<>();
    for (KBucket b : buckets.all()) {
      if (b.lastLookup < limit) {
        out.add(b.snapshot(self, times));
      }
    }
    return out;
  }

  /** An immutable copy of every bucket, in id order. */
  public synchronized RoutingSnapshot snapshot() {
    List<BucketSnapshot> out = new ArrayList<>(buckets.count());
    for (KBucket b : buckets.all()) {
      out.add(b.snapshot(self, times));
    }
    return new RoutingSnapshot(self, k, clock.instant(), out);
  }

  private boolean canSplit(KBucket b) {
    if (b.depth >= NodeId.BITS) {
      return false;
    }
    return b.covers(self) || b.depth % splitModulus != 0;
  }

  private void split(int position, Instant now) {
    KBucket b = buckets.split(position, k);
    if (events.listening()) {
      events.accept(new EngineEvent.BucketSplit(now, self, b.prefix(), b.depth));
    }
  }
}
