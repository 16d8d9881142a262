package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.rpc.RttEstimate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * One k-bucket: the contacts whose ids start with a {@code depth}-bit prefix, least recently seen
 * first, and a replacement cache of newcomers that did not fit (paper 2.2, 4.1). Not thread-safe:
 * the {@link RoutingTable} guards it.
 */
final class KBucket {
  final NodeId prefix;
  final int depth;
  final LinkedHashMap<NodeId, Entry> contacts = new LinkedHashMap<>();
  final LinkedHashMap<NodeId, Entry> replacements = new LinkedHashMap<>();
  Instant lastLookup;

  KBucket(NodeId prefix, int depth, Instant lastLookup) {
    this.prefix = prefix;
    this.depth = depth;
    this.lastLookup = lastLookup;
  }

  boolean covers(NodeId id) {
    return id.sharedPrefixLength(prefix) >= depth;
  }

  Entry head() {
    Iterator<Entry> it = contacts.values().iterator();
    return it.hasNext() ? it.next() : null;
  }

  /** Moves an entry to the tail (most recently seen). */
  void moveToTail(Entry e) {
    contacts.remove(e.contact.id());
    contacts.put(e.contact.id(), e);
  }

  /** Adds to the replacement cache, newest last, dropping the oldest beyond {@code k}. */
  void cache(Entry e, int k) {
    replacements.remove(e.contact.id());
    replacements.put(e.contact.id(), e);
    while (replacements.size() > k) {
      Iterator<NodeId> it = replacements.keySet().iterator();
      it.next();
      it.remove();
    }
  }

  /** Takes the newest replacement, if any. */
  Entry takeNewestReplacement() {
    Entry last = null;
    for (Entry e : replacements.values()) {
      last = e;
    }
    if (last != null) {
      replacements.remove(last.contact.id());
    }
    return last;
  }

  BucketSnapshot snapshot(NodeId self) {
    List<ContactInfo> cs = new ArrayList<>(contacts.size());
    contacts.values().forEach(e -> cs.add(e.info()));
    List<ContactInfo> rs = new ArrayList<>(replacements.size());
    replacements.values().forEach(e -> rs.add(e.info()));
    int index = Math.min(depth, prefix.sharedPrefixLength(self));
    return new BucketSnapshot(prefix, depth, index, covers(self), cs, rs, lastLookup);
  }

  int index(NodeId self) {
    return Math.min(depth, prefix.sharedPrefixLength(self));
  }

  /** A contact with what the table knows of it. */
  static final class Entry {
    Contact contact;
    Instant lastSeen;

    /** Its round-trip estimate; null until it answered one of this node's requests. */
    RttEstimate rtt;

    int failures;
    boolean pinging;

    Entry(Contact contact, Instant lastSeen, Duration rtt) {
      this.contact = contact;
      this.lastSeen = lastSeen;
      sample(rtt);
    }

    /** Takes a measured round trip into the estimate; null (no measure) does nothing. */
    void sample(Duration measured) {
      if (measured != null) {
        if (rtt == null) {
          rtt = new RttEstimate();
        }
        rtt.sample(measured);
      }
    }

    ContactInfo info() {
      return new ContactInfo(
          contact, lastSeen, Optional.ofNullable(rtt == null ? null : rtt.srtt()), failures);
    }
  }
}
