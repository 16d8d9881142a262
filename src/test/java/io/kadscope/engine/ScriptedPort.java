package io.kadscope.engine;

import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcTimeoutException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A port on virtual time that only records what it is asked to send: the test answers each attempt
 * by completing its future, when it likes. An attempt left unanswered times out at its own timeout,
 * on the given scheduler, as a real port's would.
 */
final class ScriptedPort implements RpcPort {
  /** One attempt the client made: when, and the future the test completes. */
  record Attempt(Instant at, Request request, CompletableFuture<Response> future) {}

  final List<Attempt> attempts = new ArrayList<>();
  private final VirtualScheduler time;
  private final Optional<Scheduler> timers;

  /** A port that offers no I/O thread of its own. */
  ScriptedPort(VirtualScheduler time) {
    this(time, false);
  }

  /** A port that offers {@code time} as its I/O thread's scheduler when {@code offersTimers}. */
  ScriptedPort(VirtualScheduler time, boolean offersTimers) {
    this.time = time;
    this.timers = offersTimers ? Optional.of(time) : Optional.empty();
  }

  @Override
  public Optional<Scheduler> timers() {
    return timers;
  }

  @Override
  public InetSocketAddress localAddress() {
    return new InetSocketAddress("10.0.0.1", 7123);
  }

  @Override
  public CompletableFuture<Response> send(InetSocketAddress to, Request request, Duration timeout) {
    CompletableFuture<Response> f = new CompletableFuture<>();
    attempts.add(new Attempt(time.now(), request, f));
    time.schedule(
        timeout, () -> f.completeExceptionally(new RpcTimeoutException("no answer in time")));
    return f;
  }

  @Override
  public void serve(RequestHandler handler) {}

  @Override
  public void close() {}
}
