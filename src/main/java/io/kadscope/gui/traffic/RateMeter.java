package io.kadscope.gui.traffic;

import java.time.Instant;
import java.util.Arrays;

/**
 * Events per second over a sliding window of whole seconds: a ring of per-second counters, so a
 * burst costs one increment per event and reading the rate costs a sum of a few numbers.
 */
public final class RateMeter {
  private final int seconds;
  private final long[] counts;
  private final long[] stamps;

  /** A meter averaging over the last {@code seconds} whole seconds. */
  public RateMeter(int seconds) {
    this.seconds = seconds;
    this.counts = new long[seconds + 1];
    this.stamps = new long[seconds + 1];
    Arrays.fill(stamps, Long.MIN_VALUE);
  }

  /** Counts one event at {@code at}. */
  public void record(Instant at) {
    long s = at.getEpochSecond();
    int slot = (int) Math.floorMod(s, (long) counts.length);
    if (stamps[slot] != s) {
      stamps[slot] = s;
      counts[slot] = 0;
    }
    counts[slot]++;
  }

  /** Events per second over the {@code seconds} whole seconds before {@code now}'s second. */
  public double rate(Instant now) {
    long current = now.getEpochSecond();
    long sum = 0;
    for (int i = 0; i < counts.length; i++) {
      long age = current - stamps[i];
      if (age >= 1 && age <= seconds) {
        sum += counts[i];
      }
    }
    return (double) sum / seconds;
  }
}
