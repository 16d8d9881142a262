package io.kadscope.engine;

import java.time.Duration;

/**
 * Runs tasks later. Injected into the engine with a {@link java.time.Clock} so that timers run on
 * real threads in a peer and on virtual time in tests and the simulator ({@link VirtualScheduler}).
 */
public interface Scheduler {

  /** Runs {@code task} once after {@code delay}. */
  Cancellable schedule(Duration delay, Runnable task);

  /** Runs {@code task} every {@code period}, first after {@code period}. */
  Cancellable scheduleEvery(Duration period, Runnable task);

  /** Runs {@code task} soon, off the caller's stack. */
  default void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task; does nothing when it already ran or was cancelled. */
    void cancel();
  }
}
