package io.kadscope.engine.rpc;

import io.kadscope.engine.Scheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests a port has sent and still awaits answers to, each under a key the answer must carry
 * (a message id), with its timeout on the engine's {@link Scheduler}. It keeps the rules of {@link
 * RpcPort}: an answer is taken only from the address asked, with a known key, once; anything else
 * (an unknown key, another address, a duplicate, an answer after the timeout) is dropped and
 * counted as unsolicited; closing fails everything still pending. Thread-safe.
 *
 * <pre>{@code
 * PendingRequests<MessageId> pending = new PendingRequests<>(scheduler, DropListener.NONE);
 * pending.add(id, to, request, timeout, future);          // when the request goes out
 * PendingRequests.Pending p = pending.claim(id, sender);  // when an answer comes in
 * if (p != null) p.complete(response);                    // null: dropped and counted
 * }</pre>
 *
 * @param <K> the key an answer is matched by
 */
public final class PendingRequests<K> {

  /** Told of each answer dropped, for logs; runs on the thread that claimed it. */
  @FunctionalInterface
  public interface DropListener {
    /** Does nothing. */
    DropListener NONE = (from, reason) -> {};

    /** An answer from {@code from} was dropped; {@code reason} says why. */
    void dropped(InetSocketAddress from, String reason);
  }

  private final Scheduler scheduler;
  private final DropListener drops;
  private final Map<K, Pending> table = new ConcurrentHashMap<>();
  private final AtomicLong unsolicited = new AtomicLong();
  private volatile InetSocketAddress closedAt;
  private volatile boolean closed;

  /**
   * @param scheduler where the timeouts run; their failures complete futures on its thread
   * @param drops told of each answer dropped
   */
  public PendingRequests(Scheduler scheduler, DropListener drops) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.drops = Objects.requireNonNull(drops, "drops");
  }

  /**
   * Awaits the answer to {@code request}, sent to {@code to} under {@code key}: {@code future}
   * completes with it, or exceptionally with {@link RpcTimeoutException} after {@code timeout}, or
   * with {@link RpcException} when the port closes first. After {@link #close} the future fails at
   * once.
   *
   * @return the entry, to fail it early (for instance when the send itself failed)
   */
  public Pending add(
      K key,
      InetSocketAddress to,
      Request request,
      Duration timeout,
      CompletableFuture<Response> future) {
    Pending p = new Pending(key, to, request, timeout, future);
    if (closed) {
      future.completeExceptionally(closedError(closedAt, to, request));
      return p;
    }
    if (table.putIfAbsent(key, p) != null) {
      future.completeExceptionally(
          new RpcException(
              "cannot send "
                  + request.kind().label()
                  + " to "
                  + HostPort.of(to)
                  + ": message id "
                  + key
                  + " is already awaiting an answer"));
      return p;
    }
    p.timer = scheduler.schedule(timeout, p::timeOut);
    if (closed) {
      p.abandon(closedError(closedAt, to, request));
    }
    return p;
  }

  /**
   * Takes the request awaiting an answer under {@code key} from {@code from}, out of the table and
   * its timer cancelled; the caller completes it. Returns null, and counts the answer as
   * unsolicited, when no request awaits that key (never sent, already answered, or timed out) or it
   * was sent to another address.
   */
  public Pending claim(K key, InetSocketAddress from) {
    Pending p = table.get(key);
    if (p == null) {
      drop(from, "a response with unknown message id " + key);
      return null;
    }
    if (!p.to.equals(from)) {
      drop(
          from,
          "an answer to "
              + p.request.kind().label()
              + " sent to "
              + HostPort.of(p.to)
              + " came from another address");
      return null;
    }
    if (!table.remove(key, p)) {
      drop(from, "a response with unknown message id " + key);
      return null;
    }
    p.cancelTimer();
    return p;
  }

  /**
   * Fails every pending request, and every later one, with an {@link RpcException} that names
   * {@code local}, the port that closed. Idempotent.
   */
  public void close(InetSocketAddress local) {
    closedAt = local;
    closed = true;
    List<Pending> all = new ArrayList<>(table.values());
    for (Pending p : all) {
      p.abandon(
          new RpcException(
              "port "
                  + HostPort.of(local)
                  + " closed before "
                  + HostPort.of(p.to)
                  + " answered "
                  + p.request.kind().label()));
    }
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** How many requests await an answer. */
  public int size() {
    return table.size();
  }

  /** Answers dropped so far: unknown key, another address, a duplicate, or after the timeout. */
  public long unsolicited() {
    return unsolicited.get();
  }

  /**
   * The failure of a send on a closed port: {@code port 1.2.3.4:7123 is closed: cannot send ping to
   * …}.
   */
  public static RpcException closedError(
      InetSocketAddress local, InetSocketAddress to, Request request) {
    return new RpcException(
        "port "
            + (local == null ? "(unbound)" : HostPort.of(local))
            + " is closed: cannot send "
            + request.kind().label()
            + " to "
            + HostPort.of(to));
  }

  private void drop(InetSocketAddress from, String reason) {
    unsolicited.incrementAndGet();
    drops.dropped(from, reason);
  }

  /** One request awaiting its answer. */
  public final class Pending {
    private final K key;
    private final InetSocketAddress to;
    private final Request request;
    private final Duration timeout;
    private final CompletableFuture<Response> future;
    private volatile Scheduler.Cancellable timer;

    private Pending(
        K key,
        InetSocketAddress to,
        Request request,
        Duration timeout,
        CompletableFuture<Response> future) {
      this.key = key;
      this.to = to;
      this.request = request;
      this.timeout = timeout;
      this.future = future;
    }

    /** The request sent. */
    public Request request() {
      return request;
    }

    /** Where it was sent. */
    public InetSocketAddress to() {
      return to;
    }

    /** Completes the request with its answer (after {@link #claim}). */
    public void complete(Response response) {
      future.complete(response);
    }

    /**
     * Fails the request (after {@link #claim}), for instance with an answer that did not decode.
     */
    public void fail(RpcException e) {
      future.completeExceptionally(e);
    }

    /** Fails the request now if it is still pending: it leaves the table and its timer stops. */
    public void abandon(RpcException e) {
      if (table.remove(key, this)) {
        cancelTimer();
        future.completeExceptionally(e);
      }
    }

    private void timeOut() {
      if (table.remove(key, this)) {
        future.completeExceptionally(
            new RpcTimeoutException(
                "no answer from "
                    + HostPort.of(to)
                    + " to "
                    + request.kind().label()
                    + " within "
                    + timeout.toMillis()
                    + " ms"));
      }
    }

    private void cancelTimer() {
      Scheduler.Cancellable t = timer;
      if (t != null) {
        t.cancel();
      }
    }
  }
}
