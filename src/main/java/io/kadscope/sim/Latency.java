package io.kadscope.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-way delay of a simulated message: a fixed part per link, drawn from a distribution but
 * the same for every message on that link (a function of the seed and the two hosts, so nothing is
 * stored per link), plus jitter drawn afresh for each message. Parsed from a spec:
 *
 * <ul>
 *   <li>{@code 10ms} or {@code fixed:10ms}: every link 10 ms;
 *   <li>{@code uniform:5ms..150ms}: each link uniformly between 5 and 150 ms;
 *   <li>{@code plane:5ms..150ms}: each host at a random point of a unit square whose edges wrap
 *       around (a torus), a link's delay 5 ms plus its length over the longest possible length (√½)
 *       times 145 ms, so that delays keep the triangle inequality, as the Internet's mostly do;
 *   <li>any of these followed by {@code +2ms}: each message waits a further uniform [0, 2 ms).
 * </ul>
 *
 * <p>Durations are a number and a unit: {@code us}, {@code ms} or {@code s} ({@code 1.5s}).
 */
public final class Latency {
  /** The default of {@code bench sim}: every message 10 ms one way. */
  public static final Latency DEFAULT = fixed(Duration.ofMillis(10));

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)");
  private static final double LONGEST_ON_TORUS = Math.sqrt(0.5);

  /** How the fixed part of a link's delay is drawn. */
  public enum Kind {
    /** The same on every link. */
    FIXED,
    /** Uniform between a least and a most delay. */
    UNIFORM,
    /** From the distance between the hosts' points on a unit torus. */
    PLANE
  }

  private final Kind kind;
  private final long minNanos;
  private final long maxNanos;
  private final long jitterNanos;

  private Latency(Kind kind, long minNanos, long maxNanos, long jitterNanos) {
    this.kind = kind;
    this.minNanos = minNanos;
    this.maxNanos = maxNanos;
    this.jitterNanos = jitterNanos;
  }

  /** Every message {@code delay} one way. */
  public static Latency fixed(Duration delay) {
    long d = delay.toNanos();
    if (d < 0) {
      throw new IllegalArgumentException("a delay cannot be negative, found " + delay);
    }
    return new Latency(Kind.FIXED, d, d, 0);
  }

  /**
   * Parses a spec ({@code 10ms}, {@code uniform:5ms..150ms}, {@code plane:5ms..150ms+2ms}).
   *
   * @throws IllegalArgumentException naming what was expected and what was found
   */
  public static Latency parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    String s = spec.trim().toLowerCase(Locale.ROOT);
    long jitter = 0;
    int plus = s.indexOf('+');
    if (plus >= 0) {
      jitter = duration(s.substring(plus + 1), spec, "the jitter after '+'");
      s = s.substring(0, plus);
    }
    int colon = s.indexOf(':');
    String kindName = colon < 0 ? "fixed" : s.substring(0, colon);
    String range = colon < 0 ? s : s.substring(colon + 1);
    Kind kind =
        switch (kindName) {
          case "fixed" -> Kind.FIXED;
          case "uniform" -> Kind.UNIFORM;
          case "plane" -> Kind.PLANE;
          default ->
              throw new IllegalArgumentException(
                  "a latency is fixed, uniform or plane, found '"
                      + kindName
                      + "' in '"
                      + spec
                      + "'");
        };
    if (kind == Kind.FIXED) {
      long d = duration(range, spec, "the delay");
      return new Latency(kind, d, d, jitter);
    }
    int dots = range.indexOf("..");
    if (dots < 0) {
      throw new IllegalArgumentException(
          "a " + kindName + " latency is MIN..MAX (as in 5ms..150ms), found '" + spec + "'");
    }
    long min = duration(range.substring(0, dots), spec, "the least delay");
    long max = duration(range.substring(dots + 2), spec, "the most delay");
    if (max < min) {
      throw new IllegalArgumentException(
          "the most delay is below the least in '" + spec + "': write MIN..MAX");
    }
    return new Latency(kind, min, max, jitter);
  }

  private static long duration(String text, String spec, String what) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          what
              + " is a number and a unit (us, ms or s, as in 10ms), found '"
              + text.trim()
              + "' in '"
              + spec
              + "'");
    }
    double v = Double.parseDouble(m.group(1));
    double unit =
        switch (m.group(2)) {
          case "us" -> 1e3;
          case "ms" -> 1e6;
          default -> 1e9;
        };
    return Math.round(v * unit);
  }

  /** How the fixed part of a link is drawn. */
  public Kind kind() {
    return kind;
  }

  /** The least delay of a link, before jitter. */
  public Duration min() {
    return Duration.ofNanos(minNanos);
  }

  /** The most delay of a link, before jitter. */
  public Duration max() {
    return Duration.ofNanos(maxNanos);
  }

  /** The most extra delay of one message (drawn uniformly from [0, jitter)). */
  public Duration jitter() {
    return Duration.ofNanos(jitterNanos);
  }

  /** Whether links differ, so that the network needs a seed to draw them. */
  boolean needsSeed() {
    return kind != Kind.FIXED;
  }

  /**
   * The fixed part of the delay between hosts {@code a} and {@code b}, in nanoseconds: the same
   * both ways and for every message, a function of {@code seed} and the two hosts only.
   */
  long linkNanos(long seed, int a, int b) {
    return switch (kind) {
      case FIXED -> minNanos;
      case UNIFORM -> {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        double u = unit(mix(seed ^ mix(((long) lo << 32) | (hi & 0xffff_ffffL))));
        yield minNanos + Math.round(u * (maxNanos - minNanos));
      }
      case PLANE -> {
        double dx = Math.abs(coordinate(seed, a, 0) - coordinate(seed, b, 0));
        double dy = Math.abs(coordinate(seed, a, 1) - coordinate(seed, b, 1));
        dx = Math.min(dx, 1 - dx);
        dy = Math.min(dy, 1 - dy);
        double d = Math.sqrt(dx * dx + dy * dy) / LONGEST_ON_TORUS;
        yield minNanos + Math.round(Math.min(1, d) * (maxNanos - minNanos));
      }
    };
  }

  /** The delay of one message between hosts {@code a} and {@code b}: the link's, plus jitter. */
  long messageNanos(long seed, int a, int b, Random random) {
    long d = linkNanos(seed, a, b);
    return jitterNanos == 0 ? d : d + (long) (random.nextDouble() * jitterNanos);
  }

  /** Where host {@code h} sits on the unit torus, axis 0 or 1. */
  private static double coordinate(long seed, int h, int axis) {
    return unit(mix(seed + 0x632b_e59b_d9b4_e019L * (2L * h + axis + 1)));
  }

  /** SplitMix64's finaliser: a well-mixed 64-bit function of {@code z}. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
    return z ^ (z >>> 31);
  }

  private static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** The spec, in the form {@link #parse} reads: {@code plane:5ms..150ms+2ms}. */
  @Override
  public String toString() {
    String base =
        switch (kind) {
          case FIXED -> text(minNanos);
          case UNIFORM -> "uniform:" + text(minNanos) + ".." + text(maxNanos);
          case PLANE -> "plane:" + text(minNanos) + ".." + text(maxNanos);
        };
    return jitterNanos == 0 ? base : base + "+" + text(jitterNanos);
  }

  private static String text(long nanos) {
    if (nanos % 1_000_000_000L == 0 && nanos >= 1_000_000_000L) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1000 == 0) {
      return nanos / 1000 + "us";
    }
    return String.format(Locale.ROOT, "%.3fus", nanos / 1e3);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Latency l
        && kind == l.kind
        && minNanos == l.minNanos
        && maxNanos == l.maxNanos
        && jitterNanos == l.jitterNanos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, minNanos, maxNanos, jitterNanos);
  }
}
