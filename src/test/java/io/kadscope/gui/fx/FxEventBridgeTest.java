package io.kadscope.gui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FxEventBridgeTest {
  private static final NodeId NODE = NodeId.random(new Random(1));

  private static EngineEvent expired(int i) {
    return new EngineEvent.ValueExpired(Instant.ofEpochSecond(i), NODE, NODE);
  }

  /** Records what it is handed, as the views would. */
  private static final class Recorder implements FxBatchListener {
    final List<Object> seen = new ArrayList<>();
    int batches;
    int pulses;

    @Override
    public void onEvents(List<EngineEvent> batch) {
      batches++;
      seen.addAll(batch);
    }

    @Override
    public void onPulse(long nowNanos) {
      pulses++;
    }
  }

  /**
   * Drains as the pulses would until nothing is left, however many pulses that takes (a slow pulse
   * on a busy machine spends its budget early); returns how many it took.
   */
  static int drainAll(FxEventBridge bridge) {
    int drains = 0;
    do {
      bridge.drain(System.nanoTime());
      drains++;
    } while (bridge.backlog() > 0);
    return drains;
  }

  @Test
  void drain_handsEventsAndTasksOverInTheOrderTheyCame() {
    FxEventBridge bridge = new FxEventBridge();
    Recorder r = new Recorder();
    bridge.addListener(r);
    bridge.onEvent(expired(1));
    bridge.execute(() -> r.seen.add("task"));
    bridge.onEvent(expired(2));

    int drains = drainAll(bridge);

    assertThat(r.seen).containsExactly(expired(1), "task", expired(2));
    assertThat(r.pulses).isEqualTo(drains);
    assertThat(bridge.backlog()).isZero();
  }

  @Test
  void drain_batchesABurstInChunksAndLosesNothing() {
    FxEventBridge bridge = new FxEventBridge();
    Recorder r = new Recorder();
    bridge.addListener(r);
    for (int i = 0; i < 10_000; i++) {
      bridge.onEvent(expired(i));
    }

    drainAll(bridge);

    assertThat(r.seen).hasSize(10_000).startsWith(expired(0)).endsWith(expired(9_999));
    assertThat(r.batches).isLessThanOrEqualTo(10_000 / FxEventBridge.CHUNK + r.pulses);
  }

  @Test
  void drain_stopsWhenThePulseBudgetIsSpentAndLeavesTheRestQueued() {
    FxEventBridge bridge = new FxEventBridge();
    Recorder r = new Recorder();
    bridge.addListener(r);
    for (int i = 0; i < 100; i++) {
      bridge.onEvent(expired(i));
    }

    bridge.drain(System.nanoTime() - FxEventBridge.PULSE_BUDGET_NANOS);

    assertThat(r.seen).isEmpty();
    assertThat(bridge.backlog()).isEqualTo(100);
  }

  @Test
  void drain_keepsGoingWhenAListenerThrows() {
    FxEventBridge bridge = new FxEventBridge();
    Recorder r = new Recorder();
    bridge.addListener(
        batch -> {
          throw new IllegalStateException("a broken view");
        });
    bridge.addListener(r);
    bridge.onEvent(expired(1));

    drainAll(bridge);

    assertThat(r.seen).containsExactly(expired(1));
  }
}
