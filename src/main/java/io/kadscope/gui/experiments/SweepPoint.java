package io.kadscope.gui.experiments;

/**
 * The figures of one size of a sweep.
 *
 * @param nodes peers in the network
 * @param roundsMean the mean rounds of a lookup (round trips waited in turn), or NaN when the
 *     simulator does not count them
 * @param roundsP99 the 99th percentile of rounds, or NaN
 * @param hopsMean the mean hop depth of a lookup (how many introductions deep its answers came)
 * @param hopsP99 the 99th percentile of hop depth
 * @param rpcsMean requests sent per lookup, on average
 * @param recall the share of the true k closest a lookup returned, on average
 * @param buildSeconds how long building the network took on this machine
 */
public record SweepPoint(
    int nodes,
    double roundsMean,
    double roundsP99,
    double hopsMean,
    double hopsP99,
    double rpcsMean,
    double recall,
    double buildSeconds) {

  /** log2 of the size: the line a lookup's rounds should follow. */
  public double log2Nodes() {
    return Math.log(nodes) / Math.log(2);
  }

  /** Whether the simulator counted rounds (else only the hop depth is known). */
  public boolean hasRounds() {
    return !Double.isNaN(roundsMean);
  }
}
