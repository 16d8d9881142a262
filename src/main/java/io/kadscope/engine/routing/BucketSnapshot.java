package io.kadscope.engine.routing;

import io.kadscope.engine.NodeId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * One k-bucket as it was at the snapshot: the range of ids it covers (a prefix of {@code depth}
 * bits), its contacts in least-recently-seen order, and its replacement cache.
 *
 * @param prefix an id whose first {@code depth} bits are the bucket's prefix (the rest zero)
 * @param depth the prefix length in bits: the bucket covers 2^(160-depth) ids
 * @param index the number of leading bits the bucket's prefix shares with the node's own id (the
 *     usual "bucket index"; buckets far from the node have small indices)
 * @param containsSelf whether the node's own id falls in this bucket's range
 * @param contacts least-recently-seen first
 * @param replacements newest last: the contacts that did not fit, waiting for a slot
 * @param lastLookup when a lookup last targeted an id in this range (drives refresh)
 */
public record BucketSnapshot(
    NodeId prefix,
    int depth,
    int index,
    boolean containsSelf,
    List<ContactInfo> contacts,
    List<ContactInfo> replacements,
    Instant lastLookup) {
  public BucketSnapshot {
    contacts = List.copyOf(contacts);
    replacements = List.copyOf(replacements);
  }

  /** The lowest id of the range. */
  public BigInteger low() {
    return prefix.toBigInteger();
  }

  /** The highest id of the range (inclusive). */
  public BigInteger high() {
    return low().add(BigInteger.ONE.shiftLeft(NodeId.BITS - depth)).subtract(BigInteger.ONE);
  }

  /** Whether {@code id} falls in this bucket's range. */
  public boolean covers(NodeId id) {
    return id.sharedPrefixLength(prefix) >= depth;
  }
}
