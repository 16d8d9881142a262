package io.kadscope.engine;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on real time: one daemon thread shared by every node of a process. A task
 * that throws is logged and does not stop the others.
 */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);
  private static final AtomicInteger COUNT = new AtomicInteger();

  private final ScheduledExecutorService executor;

  /** A scheduler with one daemon thread. */
  public ExecutorScheduler() {
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "kadscope-timer-" + COUNT.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, factory);
    ex.setRemoveOnCancelPolicy(true);
    this.executor = ex;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    var f = executor.schedule(guard(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public Cancellable scheduleEvery(Duration period, Runnable task) {
    long p = period.toNanos();
    var f = executor.scheduleAtFixedRate(guard(task), p, p, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(guard(task));
  }

  private static Runnable guard(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("A scheduled task failed: {}", e.toString(), e);
      }
    };
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
