package io.kadscope.engine.rpc;

import java.time.Duration;

/**
 * A round-trip time estimate kept as RFC 6298 keeps one for TCP: a smoothed round trip (SRTT) and
 * its mean deviation (RTTVAR), and from them a retransmission timeout {@code RTO = SRTT + max(G, 4
 * × RTTVAR)}, bounded by {@link #MIN_RTO} and {@link #MAX_RTO}. Kept in microseconds, in two ints.
 * Not thread-safe: its owner guards it.
 *
 * <pre>{@code
 * RttEstimate e = new RttEstimate();
 * e.sample(Duration.ofMillis(80));  // SRTT 80 ms, RTTVAR 40 ms
 * e.rto();                          // 80 + 4 × 40 = 240 ms
 * }</pre>
 *
 * <p>Each retransmission carries a fresh message id, so every answer says which attempt it answers
 * and every sample is exact: Karn's rule (no sample from a retransmitted segment) is not needed.
 */
public final class RttEstimate {
  /**
   * The lowest timeout: well above the jitter of a round trip on loopback or a LAN on a loaded
   * machine (event-loop stalls and GC pauses of some milliseconds), so that an answer merely late
   * is rarely taken for a dead peer, and a hundred times below rpcudp's 5 s. RFC 6298 asks for 1 s
   * because TCP's receivers delay their acknowledgements; rpcudp answers at once.
   */
  public static final Duration MIN_RTO = Duration.ofMillis(50);

  /**
   * The highest timeout: small enough that a retransmission still fits twice within rpcudp's 5 s
   * wait, the hard limit of an RPC (RFC 6298 allows 60 s, but no RPC here waits that long).
   */
  public static final Duration MAX_RTO = Duration.ofSeconds(2);

  /** The timeout before any sample (RFC 6298, 2.1: 1 s). */
  public static final Duration INITIAL_RTO = Duration.ofSeconds(1);

  /** G of RFC 6298: the clock granularity added so that the timeout exceeds a steady SRTT. */
  static final long GRANULARITY_MICROS = 1_000;

  private static final long MIN_MICROS = MIN_RTO.toNanos() / 1000;
  private static final long MAX_MICROS = MAX_RTO.toNanos() / 1000;
  private static final int NONE = -1;

  private int srtt = NONE;
  private int rttvar;

  /** Takes one measured round trip (RFC 6298, 2.2 and 2.3: α = 1/8, β = 1/4). */
  public void sample(Duration rtt) {
    long r = Math.max(0, Math.min(Integer.MAX_VALUE / 2, rtt.toNanos() / 1000));
    if (srtt == NONE) {
      srtt = (int) r;
      rttvar = (int) (r / 2);
    } else {
      rttvar = (int) ((3L * rttvar + Math.abs(srtt - r)) / 4);
      srtt = (int) ((7L * srtt + r) / 8);
    }
  }

  /** Whether any round trip was measured. */
  public boolean hasSample() {
    return srtt != NONE;
  }

  /** The smoothed round trip, or null before any sample. */
  public Duration srtt() {
    return srtt == NONE ? null : Duration.ofNanos(srtt * 1000L);
  }

  /** The mean deviation of the round trip, or null before any sample. */
  public Duration rttvar() {
    return srtt == NONE ? null : Duration.ofNanos(rttvar * 1000L);
  }

  /** The retransmission timeout: {@link #INITIAL_RTO} before any sample. */
  public Duration rto() {
    return Duration.ofNanos(rtoMicros() * 1000);
  }

  /** {@link #rto()} in microseconds. */
  public long rtoMicros() {
    if (srtt == NONE) {
      return INITIAL_RTO.toNanos() / 1000;
    }
    return rtoMicros(srtt, rttvar);
  }

  /**
   * The retransmission timeout in microseconds of an estimate kept elsewhere (a routing table keeps
   * SRTT and RTTVAR in its flat arrays, not in objects): {@code SRTT + max(G, 4 × RTTVAR)},
   * bounded.
   */
  public static long rtoMicros(int srttMicros, int rttvarMicros) {
    long rto = srttMicros + Math.max(GRANULARITY_MICROS, 4L * rttvarMicros);
    return Math.max(MIN_MICROS, Math.min(MAX_MICROS, rto));
  }

  @Override
  public String toString() {
    return srtt == NONE
        ? "RttEstimate[no sample]"
        : "RttEstimate[srtt=" + srtt + "us, rttvar=" + rttvar + "us, rto=" + rtoMicros() + "us]";
  }
}
