package io.kadscope.gui.map;

import io.kadscope.engine.NodeId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;

/**
 * The size of a network estimated from how dense ids are around a point: ids are spread evenly over
 * the 2¹⁶⁰ of the id space, so if the k-th closest id to a target t lies at XOR distance d_k, about
 * k ids fill a share d_k / 2¹⁶⁰ of the space, and
 *
 * <pre>n ≈ (k − 1) · 2¹⁶⁰ / d_k</pre>
 *
 * (with k − 1 rather than k the estimate is unbiased: for n uniform ids, the k-th smallest share U
 * has E[1/U] = n / (k − 1)). One target gives a rough figure; the mean over many targets a good
 * one.
 */
public final class SizeEstimate {
  /** How the estimate is made, in words, for the view and the docs. */
  public static final String FORMULA =
      "n ≈ (k − 1) · 2¹⁶⁰ / d_k, with d_k the XOR distance from a target to the k-th closest id"
          + " found, averaged over the targets";

  private static final BigDecimal SPACE = new BigDecimal(BigInteger.ONE.shiftLeft(NodeId.BITS));

  private double sum;
  private int samples;

  /**
   * Adds the estimate of one target from the ids closest to it.
   *
   * @param closest the ids found closest to {@code target}, any order; fewer than k add nothing
   * @return whether it counted (k ids, none at distance 0)
   */
  public boolean add(NodeId target, List<NodeId> closest, int k) {
    if (k < 2 || closest.size() < k) {
      return false;
    }
    List<NodeId> sorted = closest.stream().sorted(target::compareDistance).toList();
    BigInteger dk = target.distance(sorted.get(k - 1));
    if (dk.signum() == 0) {
      return false;
    }
    double n =
        SPACE
            .multiply(BigDecimal.valueOf(k - 1))
            .divide(new BigDecimal(dk), MathContext.DECIMAL64)
            .doubleValue();
    sum += n;
    samples++;
    return true;
  }

  /** The mean estimate so far, or NaN before the first sample. */
  public double value() {
    return samples == 0 ? Double.NaN : sum / samples;
  }

  /** How many targets it averages. */
  public int samples() {
    return samples;
  }
}
