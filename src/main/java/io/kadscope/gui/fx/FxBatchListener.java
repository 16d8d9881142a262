package io.kadscope.gui.fx;

import io.kadscope.engine.event.EngineEvent;
import java.util.List;

/** Receives engine events in batches on the FX thread, from the {@link FxEventBridge}. */
public interface FxBatchListener {
  /** A batch of events, in the order the engine published them. */
  void onEvents(List<EngineEvent> batch);

  /**
   * Called once per pulse after the batches: the place for throttled work such as taking a new
   * snapshot when something changed.
   *
   * @param nowNanos the pulse's time, as {@link System#nanoTime()}
   */
  default void onPulse(long nowNanos) {}
}
