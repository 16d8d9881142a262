package io.kadscope.engine.routing;

import io.kadscope.engine.NodeId;

/**
 * Every bucket of a table, ordered by prefix, so that their ranges partition the id space in id
 * order: finds the one covering an id and splits one in two. Not thread-safe: the {@link
 * RoutingTable} guards it.
 */
final class Buckets {
  // The buckets; and the first 64 bits of each prefix, so that finding a bucket reads one array,
  // not a prefix object per step.
  private KBucket[] all;
  private long[] highs;

  /** One bucket covering the whole id space. */
  Buckets(long created) {
    this.all = new KBucket[] {new KBucket(NodeId.of(new byte[NodeId.BYTES]), 0, created)};
    this.highs = new long[] {0};
  }

  /** The buckets in id order; read only, and only while the table's lock is held. */
  KBucket[] all() {
    return all;
  }

  /** The first 64 bits of each bucket's prefix, as {@link #all()} orders them. */
  long[] highs() {
    return highs;
  }

  /** How many buckets there are. */
  int count() {
    return all.length;
  }

  /** The bucket at {@code position}. */
  KBucket at(int position) {
    return all[position];
  }

  /** The bucket covering {@code id}. */
  KBucket of(NodeId id) {
    return all[indexOf(id)];
  }

  /** The position of the bucket covering {@code id}: the last whose prefix is not above it. */
  int indexOf(NodeId id) {
    long top = high(id);
    int lo = 0;
    int hi = all.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      int c = Long.compareUnsigned(highs[mid], top);
      if (c < 0 || (c == 0 && all[mid].prefix().compareTo(id) <= 0)) {
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

  /**
   * Splits the bucket at {@code position} into the halves of its range, each taking its contacts
   * and then its replacements (into the bucket while it has room); returns the bucket split.
   */
  KBucket split(int position, int k) {
    KBucket b = all[position];
    int depth = b.depth + 1;
    NodeId prefix = b.prefix();
    KBucket left = new KBucket(prefix, depth, b.lastLookup);
    KBucket right = new KBucket(withBit(prefix, b.depth), depth, b.lastLookup);
    Slots cs = b;
    // Each half's arrays are made once, at the size it takes, not grown slot by slot: in a big
    // simulated network splits are most of what the tables allocate. A key's first bit is the id's
    // bit at the bucket's depth, the one the halves differ by.
    int toRight = 0;
    for (int i = 0; i < cs.size; i++) {
      toRight += cs.key(i) >>> 15;
    }
    int replacementsRight = 0;
    for (int i = 0; i < b.replacementCount(); i++) {
      replacementsRight += b.replacements.key(i) >>> 15;
    }
    int toLeft = cs.size - toRight;
    int replacementsLeft = b.replacementCount() - replacementsRight;
    reserve(left, toLeft, replacementsLeft, k);
    reserve(right, toRight, replacementsRight, k);
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
    KBucket[] grown = new KBucket[all.length + 1];
    System.arraycopy(all, 0, grown, 0, position);
    grown[position] = left;
    grown[position + 1] = right;
    System.arraycopy(all, position + 1, grown, position + 2, all.length - position - 1);
    long[] grownHighs = new long[highs.length + 1];
    System.arraycopy(highs, 0, grownHighs, 0, position);
    grownHighs[position] = highs[position];
    grownHighs[position + 1] = right.high();
    System.arraycopy(highs, position + 1, grownHighs, position + 2, highs.length - position - 1);
    all = grown;
    highs = grownHighs;
    return b;
  }

  /**
   * Makes room in {@code half} for {@code contacts} and, of {@code replacements}, those that do not
   * fit in the bucket in its replacement cache.
   */
  private static void reserve(KBucket half, int contacts, int replacements, int k) {
    int inBucket = Math.min(k, contacts + replacements);
    if (inBucket > 0) {
      half.reserve(inBucket);
    }
    int cached = contacts + replacements - inBucket;
    if (cached > 0) {
      half.replacements().reserve(cached);
    }
  }

  private static NodeId withBit(NodeId id, int bit) {
    byte[] b = id.toBytes();
    b[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
    return NodeId.of(b);
  }
}
