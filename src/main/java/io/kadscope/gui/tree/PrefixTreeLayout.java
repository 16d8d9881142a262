package io.kadscope.gui.tree;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.gui.common.BucketSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing table as the binary tree of id prefixes (Fig. 1 of the paper), laid out in abstract
 * units: each bucket is a leaf (its prefix) in id order, one slot wide; an inner prefix sits above
 * the middle of its two children. Pure computation, so it is tested without drawing.
 */
public final class PrefixTreeLayout {

  /** A prefix in the tree: inner ({@code bucket == null}) or a bucket's leaf. */
  public record TreeNode(String bits, double x, int depth, boolean onOwnPath, Leaf bucket) {}

  /**
   * A bucket's leaf.
   *
   * @param slot its position in id order (also its colour)
   */
  public record Leaf(String key, int slot, BucketSnapshot bucket, boolean ownBucket) {}

  private final List<TreeNode> nodes;
  private final List<Leaf> leaves;
  private final int maxDepth;

  private PrefixTreeLayout(List<TreeNode> nodes, List<Leaf> leaves, int maxDepth) {
    this.nodes = nodes;
    this.leaves = leaves;
    this.maxDepth = maxDepth;
  }

  /** Lays out {@code s}. */
  public static PrefixTreeLayout of(RoutingSnapshot s) {
    NodeId self = s.self();
    List<Leaf> leaves = new ArrayList<>();
    Map<String, double[]> span = new LinkedHashMap<>();
    int maxDepth = 0;
    List<BucketSnapshot> buckets = s.buckets();
    for (int i = 0; i < buckets.size(); i++) {
      BucketSnapshot b = buckets.get(i);
      String key = BucketSelection.keyOf(b);
      leaves.add(new Leaf(key, i, b, b.containsSelf()));
      maxDepth = Math.max(maxDepth, b.depth());
      for (int d = 0; d <= key.length(); d++) {
        double[] range = span.computeIfAbsent(key.substring(0, d), p -> new double[] {1e9, -1e9});
        range[0] = Math.min(range[0], i + 0.5);
        range[1] = Math.max(range[1], i + 0.5);
      }
    }
    Map<String, Leaf> byKey = new LinkedHashMap<>();
    leaves.forEach(l -> byKey.put(l.key(), l));
    String own = self.leadingBits(maxDepth);
    List<TreeNode> nodes = new ArrayList<>();
    for (var e : span.entrySet()) {
      String bits = e.getKey();
      double x = (e.getValue()[0] + e.getValue()[1]) / 2;
      nodes.add(new TreeNode(bits, x, bits.length(), own.startsWith(bits), byKey.get(bits)));
    }
    return new PrefixTreeLayout(List.copyOf(nodes), List.copyOf(leaves), maxDepth);
  }

  /** Every prefix, the root ({@code ""}) first. */
  public List<TreeNode> nodes() {
    return nodes;
  }

  /** The buckets, in id order. */
  public List<Leaf> leaves() {
    return leaves;
  }

  /** The deepest bucket's prefix length. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The node of a prefix, if it is in the tree. */
  public TreeNode node(String bits) {
    for (TreeNode n : nodes) {
      if (n.bits().equals(bits)) {
        return n;
      }
    }
    return null;
  }
}
