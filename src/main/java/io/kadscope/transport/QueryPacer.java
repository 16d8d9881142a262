package io.kadscope.transport;

import java.time.Duration;

/**
 * A token bucket that spaces out the queries a port sends: up to {@code burst} at once, then {@code
 * perSecond} a second, each later one delayed until its turn, and none delayed longer than {@code
 * maxDelay} (that one is refused). Used on one event loop only; not thread-safe.
 */
final class QueryPacer {
  private final double perNano;
  private final double burst;
  private final long maxDelayNanos;
  private double tokens;
  private long last;

  QueryPacer(int perSecond, int burst, Duration maxDelay, long now) {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "a pace is at least 1 query a second and a burst of 1, found "
              + perSecond
              + " a second and a burst of "
              + burst);
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.maxDelayNanos = maxDelay.toNanos();
    this.tokens = burst;
    this.last = now;
  }

  /**
   * Takes the next turn at {@code now} (nanoseconds, any origin): how long the query must wait, 0
   * for at once, or -1 when it would wait longer than the longest delay (the turn is not taken).
   */
  long reserve(long now) {
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    long wait = (long) Math.ceil((1 - tokens) / perNano);
    if (wait > maxDelayNanos) {
      return -1;
    }
    tokens -= 1;
    return wait;
  }
}
