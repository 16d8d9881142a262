package io.kadscope.engine;

import io.kadscope.engine.rpc.RttEstimate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * What a node's RPC client learns of timing across all its requests: the round-trip estimate over
 * everyone (for a contact never measured), the stretch of every timeout while retransmissions prove
 * needless, the token budget of retransmissions, and the contacts that failed recently.
 * Thread-safe.
 */
final class RpcTiming {
  /** How long a contact whose request went unanswered is ranked after the live ones. */
  static final Duration FAILING_FOR = Duration.ofMinutes(10);

  /** Contacts remembered as failing, at most (the oldest is forgotten first). */
  static final int FAILING_CAPACITY = 256;

  /**
   * The most the timeouts are stretched when retransmissions prove needless (see {@link
   * #retransmissionTimeout}): 2^6, enough to take a 50 ms timeout past the 2 s ceiling.
   */
  static final int MAX_STRETCH = 64;

  /** Answers to unrepeated requests after which a stretch of the timeouts is halved. */
  static final int CLEAN_ANSWERS_TO_RELAX = 32;

  /**
   * Retransmissions this node may send in a burst (a token bucket): retransmissions that were
   * needed (the copy was answered, the first never) earn theirs back, and each answer to a request
   * never retransmitted earns {@link #TOKENS_PER_CLEAN_ANSWER}; needless ones earn nothing and
   * halve what is left. So where datagrams are lost, retransmissions flow; where the node or its
   * machine is overloaded (answers late, not lost), they stop before they add to the load, as TCP's
   * congestion window closes on a timeout.
   */
  static final double RETRANSMISSION_BURST = 32;

  /** What an answer to a request never retransmitted adds to the retransmission budget. */
  static final double TOKENS_PER_CLEAN_ANSWER = 0.1;

  private final Clock clock;
  private final RttEstimate everyone = new RttEstimate();
  private int stretch = 1;
  private int cleanAnswers;
  private double tokens = RETRANSMISSION_BURST / 2;
  private final LinkedHashMap<NodeId, Instant> failing = new LinkedHashMap<>();

  RpcTiming(Clock clock) {
    this.clock = clock;
  }

  /**
   * The first retransmission timeout for a request to a contact: from its own round trips ({@code
   * own}) when the table has measured them, else from this node's round trips to everyone, else RFC
   * 6298's 1 s; then stretched while retransmissions prove needless.
   *
   * <p>An answer to an attempt that was already sent again shows the timeout too short: the answer
   * was late, not lost (each attempt has its own message id, so this is known exactly, as RFC
   * 3522's detection of spurious retransmissions knows it from timestamps). That happens when this
   * node, or the machine under it, is overloaded, when more copies would only add to the load; so
   * each such answer doubles a stretch of every timeout (up to {@link #MAX_STRETCH}), and every
   * {@link #CLEAN_ANSWERS_TO_RELAX} answers that came without a retransmission halve it again. Lost
   * datagrams, whose retransmission is answered and the first copy never, leave it alone.
   */
  Duration retransmissionTimeout(Optional<Duration> own) {
    Duration base = own.orElse(null);
    int s;
    synchronized (everyone) {
      if (base == null) {
        base = everyone.rto();
      }
      s = stretch;
    }
    if (s == 1) {
      return base;
    }
    Duration stretched = Duration.ofNanos(base.toNanos() * s);
    return stretched.compareTo(RttEstimate.MAX_RTO) > 0 ? RttEstimate.MAX_RTO : stretched;
  }

  /** Notes an answer: to attempt {@code index} (from 1) of {@code attempts} sent. */
  void noteAnswer(Duration roundTrip, int index, int attempts) {
    synchronized (everyone) {
      everyone.sample(roundTrip);
      if (index < attempts) {
        // late, not lost: the copies sent after it were needless
        stretch = Math.min(MAX_STRETCH, stretch * 2);
        cleanAnswers = 0;
        tokens /= 2;
      } else if (attempts > 1) {
        tokens = Math.min(RETRANSMISSION_BURST, tokens + attempts - 1);
      } else {
        tokens = Math.min(RETRANSMISSION_BURST, tokens + TOKENS_PER_CLEAN_ANSWER);
        if (stretch > 1 && ++cleanAnswers >= CLEAN_ANSWERS_TO_RELAX) {
          stretch /= 2;
          cleanAnswers = 0;
        }
      }
    }
  }

  /** Takes one retransmission from the budget, if there is one. */
  boolean mayRetransmit() {
    synchronized (everyone) {
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }

  /**
   * Whether a request to {@code id} went unanswered within its retransmission timeout, or failed,
   * in the last {@link #FAILING_FOR}, with no answer since: a lookup asks such contacts last.
   */
  boolean failingRecently(NodeId id) {
    synchronized (failing) {
      Instant at = failing.get(id);
      if (at == null) {
        return false;
      }
      if (at.isBefore(clock.instant().minus(FAILING_FOR))) {
        failing.remove(id);
        return false;
      }
      return true;
    }
  }

  void markFailing(NodeId id) {
    synchronized (failing) {
      failing.remove(id);
      failing.put(id, clock.instant());
      trim(failing, FAILING_CAPACITY);
    }
  }

  void markAnswering(NodeId id) {
    synchronized (failing) {
      if (!failing.isEmpty()) {
        failing.remove(id);
      }
    }
  }

  /** Forgets the oldest entries of {@code map} beyond {@code capacity}. */
  static void trim(LinkedHashMap<NodeId, Instant> map, int capacity) {
    Iterator<NodeId> it = map.keySet().iterator();
    while (map.size() > capacity && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
