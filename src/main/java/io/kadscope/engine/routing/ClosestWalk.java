package io.kadscope.engine.routing;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import java.util.List;

/**
 * Finds the contacts closest to a target by walking the buckets' prefix trie closest half first,
 * sorting only the buckets it takes. Not thread-safe: the {@link RoutingTable} guards the buckets.
 */
final class ClosestWalk {
  private ClosestWalk() {}

  /**
   * Adds to {@code out} the contacts of {@code buckets} closest to {@code target}, closest first,
   * until it holds {@code count}, leaving out {@code exclude} (may be null).
   *
   * <p>The buckets are the leaves of a binary trie of id prefixes. Walking it from the root and
   * taking first, at each bit, the half on the target's side visits the buckets in order of XOR
   * distance (every id in that half is closer than every id in the other), so the walk stops as
   * soon as {@code count} contacts are found and only the buckets it takes are sorted.
   */
  static void closest(
      Buckets buckets, NodeId target, int count, NodeId exclude, List<Contact> out) {
    walk(buckets, 0, buckets.count(), target, count, exclude, out);
  }

  private static void walk(
      Buckets buckets,
      int from,
      int to,
      NodeId target,
      int count,
      NodeId exclude,
      List<Contact> out) {
    if (from >= to || out.size() >= count) {
      return;
    }
    KBucket[] all = buckets.all();
    long[] highs = buckets.highs();
    if (to - from == 1) {
      takeClosest(all[from], target, count, mayHold(buckets, from, exclude) ? exclude : null, out);
      return;
    }
    // Buckets [from, to) share the prefixes' bits before `bit`, the first where the lowest and the
    // highest differ; those with a 0 there come first, then those with a 1.
    long differ = highs[from] ^ highs[to - 1];
    int bit =
        differ != 0
            ? Long.numberOfLeadingZeros(differ)
            : all[from].prefix().sharedPrefixLength(all[to - 1].prefix());
    int lo = from + 1;
    int hi = to - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bit < 64 ? (highs[mid] << bit) < 0 : all[mid].prefix().bit(bit)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    int split = lo;
    if (target.bit(bit)) {
      walk(buckets, split, to, target, count, exclude, out);
      walk(buckets, from, split, target, count, exclude, out);
    } else {
      walk(buckets, from, split, target, count, exclude, out);
      walk(buckets, split, to, target, count, exclude, out);
    }
  }

  /** Whether the bucket at {@code position} covers {@code id} (false for null). */
  private static boolean mayHold(Buckets buckets, int position, NodeId id) {
    if (id == null) {
      return false;
    }
    KBucket b = buckets.all()[position];
    int depth = b.depth;
    if (depth == 0) {
      return true;
    }
    if (depth <= 64) {
      return ((Buckets.high(id) ^ buckets.highs()[position]) >>> (64 - depth)) == 0;
    }
    return b.covers(id);
  }

  // takeClosest runs for every bucket of every answer a node gives and every lookup it starts: its
  // rare cases (one contact wanted, two keys that tie, the excluded contact) are methods of their
  // own, and the sort's loop has no branch on the excluded slot. C2 compiles a branch its profile
  // never saw taken as a trap, and recompiles the method when it is taken: with those branches in
  // the loop, a W1 run compiled this method 10-11 times (91-129 ms of C2's time on a 2-core
  // machine), 7-9 times (59-68 ms) with them out.
  private static void takeClosest(
      KBucket b, NodeId target, int count, NodeId exclude, List<Contact> out) {
    Slots cs = b;
    int wanted = count - out.size();
    int targetKey = cs.keyOf(target);
    int excluded = excludedSlot(cs, exclude);
    if (wanted == 1) {
      nearest(cs, target, targetKey, excluded, out);
      return;
    }
    // Sort the slots by distance: each as its key's distance to the target's key in the high half
    // of an int and its slot in the low half, so that an insertion sort compares ints alone; slots
    // whose keys tie (one pair in 65,536) are then put in order by their ids. The excluded slot is
    // sorted too and left out when the contacts are taken.
    int n = cs.size;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      int packed = ((cs.key(i) ^ targetKey) << 16) | i;
      int j = i;
      while (j > 0 && Integer.compareUnsigned(order[j - 1], packed) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = packed;
    }
    for (int j = 1; j < n; j++) {
      if (order[j] >>> 16 == order[j - 1] >>> 16) {
        j = orderTies(cs, target, order, n, j - 1);
      }
    }
    int taken = 0;
    for (int j = 0; j < n && taken < wanted; j++) {
      int slot = order[j] & 0xffff;
      if (slot != excluded) {
        out.add(cs.contact(slot));
        taken++;
      }
    }
  }

  /** Adds the slot nearest the target, leaving out {@code excluded}: a scan, no sort. */
  private static void nearest(
      Slots cs, NodeId target, int targetKey, int excluded, List<Contact> out) {
    int best = -1;
    for (int i = 0; i < cs.size; i++) {
      if (i != excluded && (best < 0 || closer(cs, target, targetKey, i, best))) {
        best = i;
      }
    }
    if (best >= 0) {
      out.add(cs.contact(best));
    }
  }

  /**
   * Orders by id the run of slots from {@code from} whose keys tie with it; returns the run's last
   * position.
   */
  private static int orderTies(Slots cs, NodeId target, int[] order, int n, int from) {
    int to = from + 2;
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
    return to - 1;
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
}
