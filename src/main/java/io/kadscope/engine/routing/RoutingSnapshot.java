package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import java.time.Instant;
import java.util.List;

/**
 * The routing table at one instant, immutable: every bucket in id order (they partition the id
 * space), with k and the node's own id.
 */
public record RoutingSnapshot(NodeId self, int k, Instant takenAt, List<BucketSnapshot> buckets) {
  public RoutingSnapshot {
    buckets = List.copyOf(buckets);
  }

  /** Every contact of every bucket, bucket by bucket. */
  public List<ContactInfo> contacts() {
    return buckets.stream().flatMap(b -> b.contacts().stream()).toList();
  }

  /** How many contacts the table holds (replacement caches not counted). */
  public int size() {
    return buckets.stream().mapToInt(b -> b.contacts().size()).sum();
  }

  /** The buckets that hold at least one contact. */
  public List<BucketSnapshot> nonEmptyBuckets() {
    return buckets.stream().filter(b -> !b.contacts().isEmpty()).toList();
  }

  /** The bucket whose range covers {@code id}. */
  public BucketSnapshot bucketOf(NodeId id) {
    for (BucketSnapshot b : buckets) {
      if (b.covers(id)) {
        return b;
      }
    }
    throw new IllegalStateException("buckets do not cover " + id);
  }

  /** Whether the table holds a contact with this id. */
  public boolean contains(Contact c) {
    return contacts().stream().anyMatch(i -> i.contact().equals(c));
  }
}
