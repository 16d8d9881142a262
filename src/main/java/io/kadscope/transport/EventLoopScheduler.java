package io.kadscope.transport;

import io.kadscope.engine.Scheduler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The engine's {@link Scheduler} on one Netty event loop: a port's request timeouts run on the loop
 * that reads its socket, so a timeout and an answer never race across threads and no other thread
 * is woken.
 */
final class EventLoopScheduler implements Scheduler {
  private final EventExecutor loop;

  EventLoopScheduler(EventExecutor loop) {
    this.loop = loop;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return new Timer(loop.schedule(task, nanos(delay), TimeUnit.NANOSECONDS));
  }

  @Override
  public Cancellable scheduleEvery(Duration period, Runnable task) {
    long p = nanos(period);
    return new Timer(loop.scheduleAtFixedRate(task, p, p, TimeUnit.NANOSECONDS));
  }

  @Override
  public void execute(Runnable task) {
    loop.execute(task);
  }

  /**
   * A delay in nanoseconds, at least one, so that even a zero delay runs after the current task.
   */
  private static long nanos(Duration d) {
    return Math.max(1, d.toNanos());
  }

  private record Timer(ScheduledFuture<?> future) implements Cancellable {
    @Override
    public void cancel() {
      future.cancel(false);
    }
  }
}
