package io.kadscope.gui.fx;

import io.kadscope.engine.Futures;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine call that returns a future, and what the window does on the FX thread when it starts,
 * succeeds, fails and ends: the one way a view-model runs an operation in the background.
 *
 * <pre>{@code
 * BackgroundTask.of("join " + seed, () -> session.join(seed))
 *     .onRunning(() -> busy.set(true))
 *     .onSuccess(n -> result.set("Joined: " + n + " contacts known."))
 *     .onFailure(e -> notifier.error("Could not join: " + e.getMessage()))
 *     .onFinished(() -> busy.set(false))
 *     .executeWith(bridge);
 * }</pre>
 *
 * <p>The call and {@code onRunning} run at once on the calling thread (the engine's calls return
 * without blocking); the outcome reaches the other callbacks through the executor, which is the
 * {@link FxEventBridge} in the window and {@code Runnable::run} in a test without an FX thread. A
 * failure is handed over unwrapped ({@link Futures#unwrap}), as the engine raised it, and a call
 * that throws instead of returning a future fails the task in the same way.
 *
 * @param <T> what the call's future completes with
 */
public final class BackgroundTask<T> {
  private static final Logger log = LoggerFactory.getLogger(BackgroundTask.class);

  private final String description;
  private final Supplier<? extends CompletionStage<T>> call;
  private Runnable onRunning = () -> {};
  private Consumer<? super T> onSuccess = r -> {};
  private Consumer<Throwable> onFailure = e -> {};
  private Runnable onFinished = () -> {};

  private BackgroundTask(String description, Supplier<? extends CompletionStage<T>> call) {
    this.description = Objects.requireNonNull(description, "description");
    this.call = Objects.requireNonNull(call, "call");
  }

  /**
   * A task for {@code call}, not yet run.
   *
   * @param description what the call does, for the log when it fails ({@code "join 10.0.0.2:7123"})
   */
  public static <T> BackgroundTask<T> of(
      String description, Supplier<? extends CompletionStage<T>> call) {
    return new BackgroundTask<>(description, call);
  }

  /** What to do on the calling thread just before the call: mark the form busy, say "working…". */
  public BackgroundTask<T> onRunning(Runnable action) {
    this.onRunning = Objects.requireNonNull(action, "action");
    return this;
  }

  /** What to do on the FX thread with the call's result. */
  public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
    this.onSuccess = Objects.requireNonNull(action, "action");
    return this;
  }

  /** What to do on the FX thread with the call's failure, unwrapped from its completion wrapper. */
  public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
    this.onFailure = Objects.requireNonNull(action, "action");
    return this;
  }

  /** What to do on the FX thread after {@code onSuccess} or {@code onFailure}, whichever ran. */
  public BackgroundTask<T> onFinished(Runnable action) {
    this.onFinished = Objects.requireNonNull(action, "action");
    return this;
  }

  /**
   * Runs {@code onRunning} and the call now, and hands the outcome to the callbacks through {@code
   * fx}.
   *
   * @return completes once the callbacks have run; it fails only when a callback threw
   */
  public CompletableFuture<Void> executeWith(Executor fx) {
    Objects.requireNonNull(fx, "fx");
    CompletableFuture<Void> handled = new CompletableFuture<>();
    onRunning.run();
    CompletionStage<T> outcome;
    try {
      outcome = Objects.requireNonNull(call.get(), "the call returned no future");
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    outcome.whenComplete((result, err) -> fx.execute(() -> deliver(result, err, handled)));
    return handled;
  }

  private void deliver(T result, Throwable err, CompletableFuture<Void> handled) {
    try {
      try {
        if (err == null) {
          onSuccess.accept(result);
        } else {
          Throwable cause = Futures.unwrap(err);
          log.warn("{} failed: {}", description, cause.toString());
          onFailure.accept(cause);
        }
      } finally {
        onFinished.run();
      }
      handled.complete(null);
    } catch (RuntimeException e) {
      handled.completeExceptionally(e);
      throw e;
    }
  }
}
