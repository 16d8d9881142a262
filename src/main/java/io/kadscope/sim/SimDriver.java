package io.kadscope.sim;

import io.kadscope.engine.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Simulation}'s virtual time from a thread of its own, at a speed relative to the
 * wall clock (slow motion to watch a lookup unfold, real time, faster, or as fast as it goes), and
 * can pause it or step it one event at a time. The {@link VirtualScheduler} is single-threaded, so
 * every call into the simulation's nodes goes through {@link #execute} or {@link #submit}, which
 * run it on that thread between events; the nodes' listeners see their events on that thread too.
 * Thread-safe.
 *
 * <pre>{@code
 * SimDriver driver = SimDriver.start(Simulation.builder().peers(10_000).build());
 * driver.setSpeed(0.01);                       // a 20 ms round trip lasts 2 s
 * driver.execute(() -> you.addListener(bridge)); // on the simulation's thread
 * CompletableFuture<LookupResult> r = driver.submit(() -> you.findNode(target)).thenCompose(f -> f);
 * driver.setPaused(true);
 * driver.step();                               // exactly one message or timer
 * }</pre>
 *
 * <p>At a speed the machine cannot keep up with, virtual time runs as fast as it can rather than
 * piling up a debt to catch up on later. For tests, {@link #manual} makes a driver with no thread
 * whose wall clock is given: {@link #tick} then does one turn of the thread's loop.
 */
public final class SimDriver implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimDriver.class);

  /** As fast as possible: events run one after another, with no regard for the wall clock. */
  public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;

  /** The slowest speed: a virtual millisecond lasts ten wall seconds. */
  public static final double SLOWEST = 1e-4;

  /** The fastest speed short of {@link #AS_FAST_AS_POSSIBLE}. */
  public static final double FASTEST = 1e6;

  /** Events one turn of the loop runs at most before it looks at its tasks again. */
  static final int EVENTS_PER_TURN = 20_000;

  /** Wall time one turn runs events at most, so that tasks never wait long. */
  static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /**
   * The longest the thread sleeps before it moves virtual time on, so that the clock reads fresh.
   */
  static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

  private final Simulation sim;
  private final VirtualScheduler time;
  private final LongSupplier wall;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  // as asked (what the getters say), and as applied on the driving thread
  private volatile double askedSpeed = 1;
  private volatile boolean askedPaused;
  private volatile double speed = 1;
  private volatile boolean paused;
  private volatile boolean closed;
  private volatile long eventsRun;
  // touched on the driving thread only
  private long anchorWall;
  private Instant anchorVirtual;
  private boolean reanchor = true;

  private SimDriver(Simulation sim, LongSupplier wall, boolean threaded) {
    this.sim = Objects.requireNonNull(sim, "sim");
    this.time = sim.time();
    this.wall = wall;
    this.thread = threaded ? new Thread(this::loop, "simulation") : null;
    if (thread != null) {
      thread.setDaemon(true);
    }
  }

  /** Starts driving {@code sim} from a new daemon thread, at real time (speed 1), not paused. */
  public static SimDriver start(Simulation sim) {
    SimDriver d = new SimDriver(sim, System::nanoTime, true);
    d.thread.start();
    return d;
  }

  /**
   * A driver with no thread, for tests: {@code wallNanos} is its wall clock, and each call of
   * {@link #tick} does what one turn of the thread's loop would.
   */
  public static SimDriver manual(Simulation sim, LongSupplier wallNanos) {
    return new SimDriver(sim, Objects.requireNonNull(wallNanos, "wallNanos"), false);
  }

  /** The simulation driven; call its nodes through {@link #execute} or {@link #submit} only. */
  public Simulation simulation() {
    return sim;
  }

  /** Runs {@code task} on the simulation's thread, between two events. */
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (closed) {
      throw new IllegalStateException("the simulation was closed");
    }
    tasks.add(task);
    wake();
  }

  /**
   * Runs {@code task} on the simulation's thread; the future completes with what it returned, or
   * exceptionally with what it threw.
   */
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    CompletableFuture<T> f = new CompletableFuture<>();
    execute(
        () -> {
          try {
            f.complete(task.call());
          } catch (Exception | Error e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }

  /**
   * Runs exactly one event (a message arriving, a timer firing) with virtual time moved to it,
   * paused or not; completes with whether there was one.
   */
  public CompletableFuture<Boolean> step() {
    return submit(
        () -> {
          boolean ran = time.runOne();
          if (ran) {
            eventsRun++;
          }
          reanchor = true;
          return ran;
        });
  }

  /**
   * Sets how fast virtual time runs against the wall clock: 1 is real time, 0.01 makes a 20 ms
   * round trip last 2 s, {@link #AS_FAST_AS_POSSIBLE} ignores the wall clock.
   *
   * @throws IllegalArgumentException unless {@code factor} is from {@link #SLOWEST} to {@link
   *     #FASTEST}, or {@link #AS_FAST_AS_POSSIBLE}
   */
  public void setSpeed(double factor) {
    if (!(factor == AS_FAST_AS_POSSIBLE || (factor >= SLOWEST && factor <= FASTEST))) {
      throw new IllegalArgumentException(
          "a speed is a factor from "
              + SLOWEST
              + " to "
              + FASTEST
              + ", or as fast as possible (infinity), found "
              + factor);
    }
    askedSpeed = factor;
    long at = wall.getAsLong();
    tasks.add(
        () -> {
          advanceTo(at);
          speed = factor;
          anchor(at);
        });
    wake();
  }

  /** How fast virtual time runs against the wall clock. */
  public double speed() {
    return askedSpeed;
  }

  /** Stops virtual time ({@code true}), or lets it run again from where it stood. */
  public void setPaused(boolean p) {
    askedPaused = p;
    long at = wall.getAsLong();
    tasks.add(
        () -> {
          if (p) {
            advanceTo(at);
          }
          paused = p;
          anchor(at);
        });
    wake();
  }

  /** Virtual time counts from here: {@code wallNanos} is now. */
  private void anchor(long wallNanos) {
    anchorWall = wallNanos;
    anchorVirtual = time.now();
    reanchor = false;
  }

  /** Runs what is due by the virtual time the wall clock had reached at {@code wallNanos}. */
  private void advanceTo(long wallNanos) {
    if (paused || reanchor || speed == AS_FAST_AS_POSSIBLE || anchorVirtual == null) {
      return;
    }
    Instant target = anchorVirtual.plusNanos((long) ((wallNanos - anchorWall) * speed));
    if (target.isAfter(time.now())) {
      eventsRun += time.runUntil(target);
    }
  }

  /** Whether virtual time stands still (a {@link #step} still runs one event). */
  public boolean paused() {
    return askedPaused;
  }

  /** The virtual time now (read from any thread). */
  public Instant now() {
    return time.clock().instant();
  }

  /** Events run so far. */
  public long eventsRun() {
    return eventsRun;
  }

  /**
   * One turn of the loop, on the calling thread (for a {@link #manual} driver): runs the tasks
   * waiting, then, unless paused, the events due by the virtual time the wall clock has reached at
   * the current speed. Returns whether it ran anything.
   */
  public boolean tick() {
    boolean worked = runTasks();
    if (closed) {
      return worked;
    }
    long nowWall = wall.getAsLong();
    if (reanchor || paused) {
      anchor(nowWall);
    }
    if (paused) {
      return worked;
    }
    double s = speed;
    long turnEnd = nowWall + TURN_NANOS;
    int ran = 0;
    if (s == AS_FAST_AS_POSSIBLE) {
      while (ran < EVENTS_PER_TURN && tasks.isEmpty() && time.runOne()) {
        ran++;
        if ((ran & 255) == 0 && wall.getAsLong() > turnEnd) {
          break;
        }
      }
      reanchor = true;
    } else {
      Instant target = anchorVirtual.plusNanos((long) ((nowWall - anchorWall) * s));
      boolean behind = false;
      boolean interrupted = false;
      while (true) {
        Instant due = time.nextDue();
        if (due == null || due.isAfter(target)) {
          break;
        }
        if (!tasks.isEmpty()) {
          interrupted = true;
          break;
        }
        if (ran >= EVENTS_PER_TURN || wall.getAsLong() > turnEnd) {
          behind = true;
          break;
        }
        time.runOne();
        ran++;
      }
      if (behind) {
        // more events are due than this machine runs in the time: let virtual time fall behind
        reanchor = true;
      } else if (!interrupted && target.isAfter(time.now())) {
        time.runUntil(target);
      }
    }
    eventsRun += ran;
    return worked || ran > 0;
  }

  /**
   * How long the thread may sleep before the next event is due (at most {@link #MAX_WAIT_NANOS}),
   * in wall nanoseconds; 0 when something is due now.
   */
  long idleNanos() {
    if (!tasks.isEmpty() || closed) {
      return 0;
    }
    if (paused) {
      return MAX_WAIT_NANOS;
    }
    double s = speed;
    if (s == AS_FAST_AS_POSSIBLE) {
      return time.nextDue() == null ? MAX_WAIT_NANOS : 0;
    }
    Instant due = time.nextDue();
    if (due == null) {
      return MAX_WAIT_NANOS;
    }
    double virtualWait = Duration.between(time.now(), due).toNanos();
    return (long) Math.max(0, Math.min(MAX_WAIT_NANOS, virtualWait / s));
  }

  private boolean runTasks() {
    boolean worked = false;
    Runnable task;
    while ((task = tasks.poll()) != null) {
      worked = true;
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("A task on the simulation's thread failed: {}", e.toString(), e);
      }
    }
    return worked;
  }

  private void loop() {
    while (!closed) {
      try {
        if (!tick()) {
          long wait = idleNanos();
          if (wait > 0) {
            LockSupport.parkNanos(this, wait);
          }
        }
      } catch (RuntimeException e) {
        log.warn("A simulated event failed: {}", e.toString(), e);
      }
    }
    runTasks();
  }

  private void wake() {
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /**
   * Stops every node of the simulation (on its thread) and the thread itself; waits a few seconds
   * at most for that. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (thread == null || Thread.currentThread() == thread) {
      closed = true;
      sim.close();
      return;
    }
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    tasks.add(
        () -> {
          sim.close();
          closed = true;
          stopped.complete(null);
        });
    wake();
    stopped.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
    closed = true;
    wake();
  }
}
