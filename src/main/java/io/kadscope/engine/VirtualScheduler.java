package io.kadscope.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A {@link Scheduler} and {@link Clock} on virtual time: nothing runs until {@link #advance},
 * {@link #runUntil}, {@link #runNext} or {@link #runOne} is called, so tests and the simulator
 * never sleep. Tasks due at the same instant run in the order they were scheduled. Not thread-safe
 * by design: drive it from one thread (a cancel may come from another; it only marks the task).
 *
 * <p>Time is kept as nanoseconds since the start, and each task is one small object in a binary
 * heap: a simulated network schedules millions of them.
 */
public final class VirtualScheduler implements Scheduler {
  private final Instant start;
  private final VirtualClock clock;
  private Task[] heap = new Task[64];
  private int size;
  private long sequence;
  private long now;

  /** Starts at {@code start}. */
  public VirtualScheduler(Instant start) {
    this.start = start;
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

  /** How many tasks wait, cancelled ones that have not reached the head of the queue included. */
  public int queued() {
    return size;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return add(new Task(at(delay), task, 0));
  }

  @Override
  public Cancellable scheduleEvery(Duration period, Runnable task) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a period must be positive, found " + period);
    }
    return add(new Task(at(period), task, period.toNanos()));
  }

  @Override
  public void execute(Runnable task) {
    add(new Task(now, task, 0));
  }

  /** Runs every task due at the current time, including those they schedule for now. */
  public int runDue() {
    return runTo(now);
  }

  /** Moves time forward by {@code d}, running each task at its due time, in order. */
  public int advance(Duration d) {
    return runTo(at(d));
  }

  /**
   * Runs tasks in time order until none is due by {@code until}; the clock ends at {@code until}.
   */
  public int runUntil(Instant until) {
    return runTo(offset(until));
  }

  /**
   * Moves time to the next task that is not cancelled and runs it (and any others due then).
   *
   * @return false when no task is waiting
   */
  public boolean runNext() {
    dropCancelled();
    if (size == 0) {
      return false;
    }
    runTo(heap[0].at);
    return true;
  }

  /**
   * Moves time to the next task that is not cancelled and runs that one task alone: one step of a
   * simulation, whatever else is due at the same instant.
   *
   * @return false when no task is waiting
   */
  public boolean runOne() {
    dropCancelled();
    if (size == 0) {
      return false;
    }
    run(poll());
    return true;
  }

  /** The time of the next task that is not cancelled, or null when none waits. */
  public Instant nextDue() {
    dropCancelled();
    return size == 0 ? null : instant(heap[0].at);
  }

  private int runTo(long until) {
    int ran = 0;
    while (size > 0 && heap[0].at <= until) {
      Task t = poll();
      if (!t.cancelled) {
        run(t);
        ran++;
      }
    }
    if (until > now) {
      setNow(until);
    }
    return ran;
  }

  private void run(Task t) {
    if (t.at > now) {
      setNow(t.at);
    }
    if (t.period > 0) {
      t.at += t.period;
      t.seq = sequence++;
      push(t);
    }
    t.task.run();
  }

  private void dropCancelled() {
    while (size > 0 && heap[0].cancelled) {
      poll();
    }
  }

  private void setNow(long nanos) {
    now = nanos;
    clock.now = instant(nanos);
  }

  private Instant instant(long nanos) {
    return start.plusNanos(nanos);
  }

  /** The virtual time {@code d} from now, in nanoseconds since the start (saturating). */
  private long at(Duration d) {
    long n;
    try {
      n = d.toNanos();
    } catch (ArithmeticException e) {
      n = d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long sum = now + n;
    if (((now ^ sum) & (n ^ sum)) < 0) {
      return n < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  private long offset(Instant t) {
    return at(Duration.between(clock.now, t));
  }

  private Task add(Task t) {
    t.seq = sequence++;
    push(t);
    return t;
  }

  // ---- a binary min-heap ordered by (at, seq) ----

  private static boolean before(Task a, Task b) {
    return a.at < b.at || (a.at == b.at && a.seq < b.seq);
  }

  private void push(Task t) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Task p = heap[parent];
      if (!before(t, p)) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = t;
  }

  private Task poll() {
    Task head = heap[0];
    Task last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      int i = 0;
      int half = size >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        int right = child + 1;
        if (right < size && before(heap[right], heap[child])) {
          child = right;
        }
        if (!before(heap[child], last)) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return head;
  }

  private static final class Task implements Cancellable {
    long at;
    long seq;
    final Runnable task;
    final long period;
    volatile boolean cancelled;

    Task(long at, Runnable task, long period) {
      this.at = at;
      this.task = task;
      this.period = period;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static final class VirtualClock extends Clock {
    private volatile Instant now;

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
