package io.kadscope.engine.routing;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns instants and round trips into the ints a contact's slot keeps, and back: a slot's time is
 * milliseconds from a base that moves on when it grows past what an int holds. Not thread-safe: the
 * {@link RoutingTable} guards it.
 */
final class SlotClock {
  private static final Duration MAX_RTT = Duration.ofNanos(Integer.MAX_VALUE * 1000L);

  // Contacts' last-seen times are milliseconds from this, in nanoseconds since the epoch.
  private long base;

  /**
   * @param base the first base, in nanoseconds since the epoch
   */
  SlotClock(long base) {
    this.base = base;
  }

  /**
   * A time as milliseconds from the base, as a slot keeps it. Past 24 days from the base (what an
   * int holds) the base moves on by 12 days and every slot's time in {@code buckets} moves back
   * with it.
   */
  int stamp(long nanos, Buckets buckets) {
    long ms = Math.floorDiv(nanos - base, 1_000_000L);
    if (ms > Integer.MAX_VALUE) {
      long shift = ms - Integer.MAX_VALUE / 2;
      base += shift * 1_000_000L;
      for (KBucket b : buckets.all()) {
        b.rebase(shift);
        if (b.replacementCount() > 0) {
          b.replacements.rebase(shift);
        }
      }
      ms -= shift;
    }
    return (int) Math.max(Integer.MIN_VALUE, ms);
  }

  /** The instant of a slot's time. */
  Instant instantOf(int stamp) {
    return instant(base + stamp * 1_000_000L);
  }

  /** An instant as nanoseconds since the epoch, clamped to what a long holds (years 1678–2262). */
  static long nanos(Instant t) {
    long s = t.getEpochSecond();
    if (s >= Long.MAX_VALUE / 1_000_000_000L) {
      return Long.MAX_VALUE;
    }
    if (s <= Long.MIN_VALUE / 1_000_000_000L) {
      return Long.MIN_VALUE;
    }
    return s * 1_000_000_000L + t.getNano();
  }

  /** The instant of {@link #nanos}. */
  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** A round trip in whole microseconds (-1 for none), clamped to what an int holds (35 min). */
  static int micros(Duration rtt) {
    if (rtt == null) {
      return -1;
    }
    if (rtt.isNegative()) {
      return 0;
    }
    return rtt.compareTo(MAX_RTT) >= 0 ? Integer.MAX_VALUE : (int) (rtt.toNanos() / 1000);
  }
}
