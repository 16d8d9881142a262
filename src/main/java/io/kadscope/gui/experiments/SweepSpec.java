package io.kadscope.gui.experiments;

import java.util.ArrayList;
import java.util.List;

/**
 * What a sweep measures: networks of 100, 1,000, 10,000 and 100,000 peers (up to {@code maxNodes}),
 * {@code lookups} random node lookups in each, with message loss and churn.
 *
 * @param maxNodes the largest network, 100 to 1,000,000
 * @param lookups node lookups per network, at least 1
 * @param loss the probability that a message is lost, in [0, 1)
 * @param churn the fraction of peers that leave abruptly (and as many that join) while the lookups
 *     run, in [0, 1)
 * @param seed makes the sweep repeatable
 */
public record SweepSpec(int maxNodes, int lookups, double loss, double churn, long seed) {
  /** The sizes a sweep steps through, up to its largest. */
  public static final List<Integer> SIZES = List.of(100, 1_000, 10_000, 100_000, 1_000_000);

  public SweepSpec {
    if (maxNodes < SIZES.get(0) || maxNodes > SIZES.get(SIZES.size() - 1)) {
      throw new IllegalArgumentException(
          "the largest network of a sweep has 100 to 1,000,000 peers, found "
              + String.format("%,d", maxNodes));
    }
    if (lookups < 1) {
      throw new IllegalArgumentException(
          "a sweep needs at least 1 lookup per size, found " + lookups);
    }
    if (!(loss >= 0 && loss < 1)) {
      throw new IllegalArgumentException("loss is a probability from 0 to below 1, found " + loss);
    }
    if (!(churn >= 0 && churn < 1)) {
      throw new IllegalArgumentException("churn is a fraction from 0 to below 1, found " + churn);
    }
  }

  /** The sizes of this sweep, smallest first. */
  public List<Integer> sizes() {
    List<Integer> out = new ArrayList<>();
    for (int n : SIZES) {
      if (n <= maxNodes) {
        out.add(n);
      }
    }
    return out;
  }
}
