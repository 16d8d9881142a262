package io.kadscope.sim;

import io.kadscope.engine.NodeId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The ids of a simulated network's peers, in id order, for the truth a lookup is measured against:
 * the k ids closest to a target, by a walk of the binary trie of ids that visits only the subtrees
 * near the target (a few dozen ids at any size). Single-threaded.
 */
final class IdIndex {
  private final TreeSet<NodeId> ids = new TreeSet<>();

  void add(NodeId id) {
    ids.add(id);
  }

  void remove(NodeId id) {
    ids.remove(id);
  }

  boolean contains(NodeId id) {
    return ids.contains(id);
  }

  int size() {
    return ids.size();
  }

  /** The {@code k} ids closest to {@code target}, closest first, leaving out {@code exclude}. */
  List<NodeId> closest(NodeId target, int k, NodeId exclude) {
    List<NodeId> out = new ArrayList<>(k);
    if (k <= 0 || ids.isEmpty()) {
      return out;
    }
    int need = k + (exclude != null && ids.contains(exclude) ? 1 : 0);
    // Start from the deepest subtree on the target's path expected to hold the k closest, and climb
    // while it holds fewer: every id inside a subtree of the target is closer than any outside.
    int depth = Math.max(0, 63 - Long.numberOfLeadingZeros(Math.max(1, ids.size() / need)) - 1);
    while (depth > 0 && count(target, depth, need) < need) {
      depth--;
    }
    walk(target, depth, target, k, exclude, out);
    return out;
  }

  /** How many ids share {@code depth} leading bits with {@code p}, counted up to {@code cap}. */
  private int count(NodeId p, int depth, int cap) {
    int n = 0;
    Iterator<NodeId> it = range(p, depth).iterator();
    while (n < cap && it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  private NavigableSet<NodeId> range(NodeId p, int depth) {
    return ids.subSet(prefix(p, depth, false), true, prefix(p, depth, true), true);
  }

  /**
   * Adds to {@code out}, closest to {@code target} first, the ids of the subtree of ids sharing the
   * first {@code depth} bits of {@code p}, until it holds {@code k}.
   */
  private void walk(NodeId p, int depth, NodeId target, int k, NodeId exclude, List<NodeId> out) {
    int wanted = k - out.size();
    if (wanted <= 0) {
      return;
    }
    int cap = 2 * wanted + 2;
    List<NodeId> all = new ArrayList<>(cap);
    for (NodeId id : range(p, depth)) {
      if (all.size() == cap) {
        break;
      }
      all.add(id);
    }
    if (all.size() < cap || depth == NodeId.BITS) {
      all.removeIf(id -> id.equals(exclude));
      all.sort(target::compareDistance);
      out.addAll(all.subList(0, Math.min(wanted, all.size())));
      return;
    }
    boolean side = target.bit(depth);
    walk(withBit(p, depth, side), depth + 1, target, k, exclude, out);
    walk(withBit(p, depth, !side), depth + 1, target, k, exclude, out);
  }

  /** {@code p} with every bit from {@code depth} on cleared ({@code high}: set). */
  private static NodeId prefix(NodeId p, int depth, boolean high) {
    byte[] b = p.toBytes();
    for (int i = depth; i < NodeId.BITS; i++) {
      int mask = 0x80 >>> (i & 7);
      if ((i & 7) == 0 && i + 8 <= NodeId.BITS) {
        b[i >>> 3] = (byte) (high ? 0xff : 0);
        i += 7;
        continue;
      }
      b[i >>> 3] = (byte) (high ? b[i >>> 3] | mask : b[i >>> 3] & ~mask);
    }
    return NodeId.of(b);
  }

  private static NodeId withBit(NodeId p, int bit, boolean value) {
    byte[] b = p.toBytes();
    int mask = 0x80 >>> (bit & 7);
    b[bit >>> 3] = (byte) (value ? b[bit >>> 3] | mask : b[bit >>> 3] & ~mask);
    return NodeId.of(b);
  }
}
