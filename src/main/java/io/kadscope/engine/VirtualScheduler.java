package io.kadscope.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} and {@link Clock} on virtual time: nothing runs until {@link #advance} or
 * {@link #runDue} is called, so tests and the simulator never sleep. Not thread-safe by design:
 * drive it from one thread.
 */
public final class VirtualScheduler implements Scheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private final VirtualClock clock;
  private long sequence;

  /** Starts at {@code start}. */
  public VirtualScheduler(Instant start) {
    this.clock = new VirtualClock(start);
  }

  /** Starts at the epoch. */
  public VirtualScheduler() {
    this(Instant.EPOCH);
  }

  /** The clock this scheduler moves forward. */
  public Clock clock() {
    return clock;
  }

  /** The current virtual time. */
  public Instant now() {
    return clock.now;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(clock.now.plus(delay), sequence++, task, null, new boolean[1]);
    queue.add(t);
    return () -> t.cancelled[0] = true;
  }

  @Override
  public Cancellable scheduleEvery(Duration period, Runnable task) {
    Task t = new Task(clock.now.plus(period), sequence++, task, period, new boolean[1]);
    queue.add(t);
    return () -> t.cancelled[0] = true;
  }

  /** Runs every task due at the current time, including those they schedule for now. */
  public int runDue() {
    return runUntil(clock.now);
  }

  /** Moves time forward by {@code d}, running each task at its due time, in order. */
  public int advance(Duration d) {
    return runUntil(clock.now.plus(d));
  }

  /**
   * Runs tasks in time order until none is due by {@code until}; the clock ends at {@code until}.
   */
  public int runUntil(Instant until) {
    int ran = 0;
    while (!queue.isEmpty() && !queue.peek().at.isAfter(until)) {
      Task t = queue.poll();
      if (t.cancelled[0]) {
        continue;
      }
      if (t.at.isAfter(clock.now)) {
        clock.now = t.at;
      }
      if (t.period != null) {
        queue.add(new Task(t.at.plus(t.period), sequence++, t.task, t.period, t.cancelled));
      }
      t.task.run();
      ran++;
    }
    if (until.isAfter(clock.now)) {
      clock.now = until;
    }
    return ran;
  }

  /**
   * Moves time to the next task that is not cancelled and runs it (and any others due then).
   *
   * @return false when no task is waiting
   */
  public boolean runNext() {
    while (!queue.isEmpty() && queue.peek().cancelled[0]) {
      queue.poll();
    }
    if (queue.isEmpty()) {
      return false;
    }
    runUntil(queue.peek().at);
    return true;
  }

  private static final class Task implements Comparable<Task> {
    final Instant at;
    final long seq;
    final Runnable task;
    final Duration period;
    final boolean[] cancelled;

    Task(Instant at, long seq, Runnable task, Duration period, boolean[] cancelled) {
      this.at = at;
      this.seq = seq;
      this.task = task;
      this.period = period;
      this.cancelled = cancelled;
    }

    @Override
    public int compareTo(Task o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private static final class VirtualClock extends Clock {
    private Instant now;

    VirtualClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
