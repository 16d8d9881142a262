package io.kadscope.gui.fx;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way work reaches the FX thread. Engine threads enqueue events (as an {@link
 * EngineListener}) and tasks (as an {@link Executor}) into a lock-free queue and return at once;
 * one {@link AnimationTimer} drains the queue on each pulse, in order, handing events to the
 * listeners in batches and stopping when the pulse's time budget is spent, so a burst of events is
 * spread over several pulses instead of freezing the window. Nothing is dropped.
 */
public final class FxEventBridge implements EngineListener, Executor {
  private static final Logger log = LoggerFactory.getLogger(FxEventBridge.class);

  /** Work done per pulse at most: half a 60 Hz frame, leaving the rest for layout and drawing. */
  public static final long PULSE_BUDGET_NANOS = 8_000_000;

  /** Events handed over in one call at most; the budget is checked between chunks. */
  public static final int CHUNK = 512;

  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong enqueued = new AtomicLong();
  private final List<FxBatchListener> listeners = new CopyOnWriteArrayList<>();
  private AnimationTimer timer;
  private volatile long delivered;

  /** Adds a listener; call on the FX thread. */
  public void addListener(FxBatchListener l) {
    listeners.add(l);
  }

  /** Starts draining on every pulse; call on the FX thread. */
  public void start() {
    if (timer == null) {
      timer =
          new AnimationTimer() {
            @Override
            public void handle(long now) {
              drain(System.nanoTime());
            }
          };
    }
    timer.start();
  }

  /** Stops draining. */
  public void stop() {
    if (timer != null) {
      timer.stop();
    }
  }

  /** Enqueues an engine event; any thread, never blocks. */
  @Override
  public void onEvent(EngineEvent event) {
    queue.add(event);
    enqueued.incrementAndGet();
  }

  /** Enqueues a task to run on the FX thread after the events already queued; never blocks. */
  @Override
  public void execute(Runnable task) {
    queue.add(task);
    enqueued.incrementAndGet();
  }

  /** Items waiting to be handed over. */
  public long backlog() {
    return enqueued.get() - delivered;
  }

  /**
   * Drains the queue until it is empty or the pulse's budget is spent, then lets every listener do
   * its per-pulse work. Called by the timer; public for tests that drive it by hand.
   */
  public void drain(long startNanos) {
    List<EngineEvent> batch = new ArrayList<>(CHUNK);
    while (System.nanoTime() - startNanos < PULSE_BUDGET_NANOS) {
      Object item = queue.poll();
      if (item == null) {
        break;
      }
      delivered++;
      if (item instanceof EngineEvent e) {
        batch.add(e);
        if (batch.size() == CHUNK) {
          dispatch(batch);
          batch = new ArrayList<>(CHUNK);
        }
      } else {
        dispatch(batch);
        batch = new ArrayList<>(CHUNK);
        run((Runnable) item);
      }
    }
    dispatch(batch);
    long now = System.nanoTime();
    for (FxBatchListener l : listeners) {
      try {
        l.onPulse(now);
      } catch (RuntimeException ex) {
        log.warn("A view failed on a pulse: {}", ex.toString());
        log.debug("the failure", ex);
      }
    }
  }

  private void dispatch(List<EngineEvent> batch) {
    if (batch.isEmpty()) {
      return;
    }
    List<EngineEvent> view = List.copyOf(batch);
    for (FxBatchListener l : listeners) {
      try {
        l.onEvents(view);
      } catch (RuntimeException ex) {
        log.warn("A view failed on {} events: {}", view.size(), ex.toString());
        log.debug("the failure", ex);
      }
    }
  }

  private static void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException ex) {
      log.warn("A task on the FX thread failed: {}", ex.toString());
      log.debug("the failure", ex);
    }
  }
}
