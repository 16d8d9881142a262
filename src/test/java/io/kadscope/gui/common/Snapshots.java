package io.kadscope.gui.common;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.ContactInfo;
import io.kadscope.engine.routing.RoutingSnapshot;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Routing snapshots made up for view-model tests: buckets as the paper splits them. */
public final class Snapshots {
  public static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private Snapshots() {}

  /**
   * A table of {@code self} with one bucket per shared-prefix length 0..{@code depth}-1 (the
   * subtree off the node's path) and its own bucket at {@code depth}, holding {@code contacts}
   * random contacts placed where they belong (bucket sizes are not capped at k).
   */
  public static RoutingSnapshot of(NodeId self, int contacts, int depth, int k, long seed) {
    Random random = new Random(seed);
    List<List<ContactInfo>> byBucket = new ArrayList<>();
    for (int i = 0; i <= depth; i++) {
      byBucket.add(new ArrayList<>());
    }
    for (int i = 0; i < contacts; i++) {
      NodeId id = NodeId.random(random);
      int spl = Math.min(depth, id.sharedPrefixLength(self));
      Contact c = new Contact(id, new InetSocketAddress("127.0.0.1", 20000 + i % 40000));
      byBucket
          .get(spl)
          .add(new ContactInfo(c, NOW.minusSeconds(i % 90), Optional.of(Duration.ofMillis(5)), 0));
    }
    List<BucketSnapshot> buckets = new ArrayList<>();
    for (int i = 0; i <= depth; i++) {
      boolean own = i == depth;
      int bits = own ? depth : i + 1;
      BigInteger prefix = self.toBigInteger().shiftRight(NodeId.BITS - bits);
      if (!own) {
        prefix = prefix.flipBit(0);
      }
      NodeId p = NodeId.fromBigInteger(prefix.shiftLeft(NodeId.BITS - bits));
      buckets.add(new BucketSnapshot(p, bits, i, own, byBucket.get(i), List.of(), NOW));
    }
    buckets.sort((a, b) -> a.prefix().compareTo(b.prefix()));
    return new RoutingSnapshot(self, k, NOW, buckets);
  }
}
