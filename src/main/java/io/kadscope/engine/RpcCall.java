package io.kadscope.engine;

import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcTimeoutException;
import io.kadscope.engine.rpc.RttEstimate;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One RPC of the {@link RpcClient}: its attempts, each sent under its own message id through the
 * port, the next timed at a doubling retransmission timeout while {@link RpcTiming}'s budget lets
 * it go, and the first answer, which completes {@link #result}.
 *
 * <p>Timing: each request is retransmitted, under a fresh message id, when no answer came within
 * the contact's retransmission timeout (RFC 6298, from its round trips, or from this node's round
 * trips to everyone for a contact never measured), with the timeout doubled at each attempt, up to
 * {@link #MAX_ATTEMPTS} attempts; every attempt may still be answered until the request's hard
 * timeout (rpcudp's 5 s), and the first answer wins. rpcudp itself never retransmits; for {@code
 * ping}, {@code find_node}, {@code find_value} and {@code stun} a second copy is a second read, and
 * a {@code store} of the same value under the same key stores nothing new, so every RPC of the
 * protocol may be sent again. Retransmissions are budgeted so that they stop where answers come
 * late rather than not at all (an overloaded node or machine; see {@link
 * RpcTiming#RETRANSMISSION_BURST}). Each time a retransmission is due the caller is told that the
 * contact is late ({@code onSlow}), so a lookup frees its slot for the next candidate, and stops
 * waiting for it after a few; the first time marks the contact as failing recently ({@link
 * RpcTiming#failingRecently}) until it answers.
 */
final class RpcCall {
  /**
   * Attempts per request at most: with the timeout doubling from {@link RttEstimate#MIN_RTO}, the
   * sixth leaves after 1.55 s, well within the 5 s hard limit; at 30 % datagram loss each way an
   * attempt and its answer both arrive with probability 0.49, and six attempts fail together with
   * probability 0.51^6 ≈ 1.8 %.
   */
  static final int MAX_ATTEMPTS = 6;

  private final RpcPort port;
  private final Scheduler scheduler;
  private final Clock clock;
  private final RpcTiming timing;
  final InetSocketAddress to;
  final Optional<NodeId> toId;
  final Request request;
  final Instant deadline;
  final Duration wait;
  final CompletableFuture<Response> result = new CompletableFuture<>();
  final Runnable onSlow;
  boolean late;
  int attempts;
  int outstanding;
  boolean moreToCome;
  Duration roundTrip;
  Scheduler.Cancellable timer;

  RpcCall(
      RpcPort port,
      Scheduler scheduler,
      Clock clock,
      RpcTiming timing,
      InetSocketAddress to,
      Optional<NodeId> toId,
      Request request,
      Instant sent,
      Duration wait,
      Runnable onSlow) {
    this.port = port;
    this.scheduler = scheduler;
    this.clock = clock;
    this.timing = timing;
    this.to = to;
    this.toId = toId;
    this.request = request;
    this.deadline = sent.plus(wait);
    this.wait = wait;
    this.onSlow = onSlow;
  }

  /** Sends one attempt now, and times the next one {@code rto} later. */
  void attempt(Duration rto) {
    Instant now = clock.instant();
    Duration left = Duration.between(now, deadline);
    int index;
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      index = ++attempts;
      outstanding++;
      Instant next = now.plus(rto);
      moreToCome = attempts < MAX_ATTEMPTS && next.isBefore(deadline);
      if (moreToCome) {
        Duration nextRto = doubled(rto);
        timer = scheduler.schedule(rto, () -> retransmit(nextRto));
      }
    }
    CompletableFuture<Response> f;
    try {
      f =
          port.send(
              to, toId, request, left.isNegative() || left.isZero() ? Duration.ofNanos(1) : left);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete((r, err) -> attempted(now, index, r, err));
  }

  /**
   * The next attempt's timeout: twice {@code rto}, at most {@link RttEstimate#MAX_RTO}. By
   * addition: {@code Duration.multipliedBy} goes through {@code BigDecimal}, once per RPC.
   */
  private static Duration doubled(Duration rto) {
    Duration d = rto.plus(rto);
    return d.compareTo(RttEstimate.MAX_RTO) > 0 ? RttEstimate.MAX_RTO : d;
  }

  private void retransmit(Duration nextRto) {
    Runnable slow;
    boolean first;
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      slow = onSlow;
      first = !late;
      late = true;
    }
    if (first) {
      toId.ifPresent(timing::markFailing);
    }
    if (slow != null) {
      slow.run();
    }
    if (timing.mayRetransmit()) {
      attempt(nextRto);
    } else {
      skip(nextRto);
    }
  }

  /** No copy now (the budget is spent): the next retransmission may go {@code rto} later. */
  private void skip(Duration rto) {
    boolean fail;
    synchronized (this) {
      if (result.isDone()) {
        return;
      }
      Instant next = clock.instant().plus(rto);
      moreToCome = attempts < MAX_ATTEMPTS && next.isBefore(deadline);
      if (moreToCome) {
        Duration nextRto = doubled(rto);
        timer = scheduler.schedule(rto, () -> retransmit(nextRto));
      }
      // every copy already timed out (this timer ran late): nothing else will end the call
      fail = !moreToCome && outstanding == 0;
    }
    if (fail) {
      result.completeExceptionally(timedOut());
    }
  }

  private RpcTimeoutException timedOut() {
    return new RpcTimeoutException(
        "no answer from "
            + HostPort.of(to)
            + " to "
            + request.kind().label()
            + " within "
            + wait.toMillis()
            + " ms"
            + (attempts > 1 ? " (" + attempts + " attempts)" : ""));
  }

  private void attempted(Instant sentAt, int index, Response r, Throwable err) {
    Scheduler.Cancellable t = null;
    boolean complete;
    Throwable failure = null;
    int sent;
    synchronized (this) {
      sent = attempts;
      outstanding--;
      if (result.isDone()) {
        return;
      }
      if (err == null) {
        roundTrip = Duration.between(sentAt, clock.instant());
        t = timer;
        complete = true;
      } else {
        Throwable cause = Futures.unwrap(err);
        if (cause instanceof RpcTimeoutException) {
          complete = outstanding == 0 && !moreToCome;
          if (complete) {
            failure = timedOut();
          }
        } else {
          // the request cannot be sent (too large, port closed): no retransmission helps
          t = timer;
          moreToCome = false;
          complete = true;
          failure = cause;
        }
      }
    }
    if (t != null) {
      t.cancel();
    }
    if (!complete) {
      return;
    }
    if (failure == null) {
      timing.noteAnswer(roundTrip, index, sent);
      result.complete(r);
    } else {
      result.completeExceptionally(failure);
    }
  }
}
