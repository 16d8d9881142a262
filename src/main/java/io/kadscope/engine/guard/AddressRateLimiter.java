package io.kadscope.engine.guard;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per address group ({@link AddressGroup}): each group may take {@code burst} tokens
 * at once and {@code perSecond} more every second after that. Memory is bounded: at most {@link
 * #MAX_TRACKED} groups have a bucket of their own; a bucket that has refilled is forgotten (it
 * holds what a new one would), and when that is not enough, as under a flood from forged addresses,
 * the groups without a bucket share one. Time comes from the injected clock. Thread-safe.
 *
 * <pre>{@code
 * AddressRateLimiter requests = new AddressRateLimiter(250, 1_000, clock, limits::exempts);
 * if (!requests.tryAcquire(from.getAddress())) return null; // not answered
 * }</pre>
 */
public final class AddressRateLimiter {
  /** Address groups with a bucket of their own, at most: about 100 bytes each. */
  public static final int MAX_TRACKED = 16_384;

  private static final long SWEEP_EVERY_MILLIS = 1_000;

  /** Says which addresses no limit applies to. */
  @FunctionalInterface
  public interface Exemption {
    /** Whether {@code ip} is exempt. */
    boolean exempts(InetAddress ip);
  }

  private final double perMilli;
  private final double burst;
  private final Clock clock;
  private final Exemption exemption;
  private final Map<AddressGroup, Bucket> buckets = new ConcurrentHashMap<>();
  private final Bucket shared;
  private volatile long lastSweep;

  /**
   * @param perSecond tokens added each second; {@link Double#POSITIVE_INFINITY} for no limit
   * @param burst the most tokens a bucket holds, and what a new one starts with
   */
  public AddressRateLimiter(double perSecond, int burst, Clock clock, Exemption exemption) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException(
          "a rate limit needs a positive rate and a burst of at least 1, found "
              + perSecond
              + "/s and "
              + burst);
    }
    this.perMilli = perSecond / 1000.0;
    this.burst = burst;
    this.clock = clock;
    this.exemption = exemption;
    this.shared = new Bucket(burst, clock.millis());
  }

  /** Whether this limiter limits anything at all. */
  public boolean isUnlimited() {
    return Double.isInfinite(perMilli);
  }

  /** Takes one token for {@code ip}; false when its group has none left (refuse the message). */
  public boolean tryAcquire(InetAddress ip) {
    if (isUnlimited() || exemption.exempts(ip)) {
      return true;
    }
    long now = clock.millis();
    AddressGroup group = AddressGroup.of(ip);
    Bucket b = buckets.get(group);
    if (b == null) {
      if (buckets.size() >= MAX_TRACKED) {
        sweep(now);
      }
      if (buckets.size() >= MAX_TRACKED) {
        b = shared;
      } else {
        b = buckets.computeIfAbsent(group, g -> new Bucket(burst, now));
      }
    }
    return b.take(now, perMilli, burst);
  }

  /** Address groups with a bucket of their own now. */
  public int tracked() {
    return buckets.size();
  }

  /** Forgets the buckets that have refilled: they hold what a new bucket would. */
  private void sweep(long now) {
    if (now - lastSweep < SWEEP_EVERY_MILLIS) {
      return;
    }
    lastSweep = now;
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      if (it.next().isFull(now, perMilli, burst)) {
        it.remove();
      }
    }
  }

  private static final class Bucket {
    private double tokens;
    private long at;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.at = at;
    }

    synchronized boolean take(long now, double perMilli, double burst) {
      refill(now, perMilli, burst);
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    synchronized boolean isFull(long now, double perMilli, double burst) {
      refill(now, perMilli, burst);
      return tokens >= burst;
    }

    private void refill(long now, double perMilli, double burst) {
      if (now > at) {
        tokens = Math.min(burst, tokens + (now - at) * perMilli);
        at = now;
      }
    }
  }
}
