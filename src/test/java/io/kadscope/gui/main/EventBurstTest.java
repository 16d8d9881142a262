package io.kadscope.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.testnet.TestNetworks;
import io.kadscope.gui.traffic.TrafficViewModel;
import io.kadscope.testing.FxClick;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A burst of 10,000 engine events: the traffic counts stay exact and the table keeps the latest
 * rows. The longest gap between pulses during the burst is logged, not asserted: on a shared
 * machine it measures the load as much as the code; that the bridge spreads a burst over pulses is
 * held by {@code FxEventBridgeTest}.
 */
class EventBurstTest {
  private static final Logger log = LoggerFactory.getLogger(EventBurstTest.class);
  private static WindowFixture fx;

  @BeforeAll
  static void open() throws Exception {
    fx =
        WindowFixture.open(
            new GuiLaunch(GuiLaunch.Mode.CREATE, null, 0, 0, 0, TestNetworks.factory()));
  }

  @AfterAll
  static void close() throws Exception {
    fx.close();
  }

  /** Records the longest time between two pulses while it runs. */
  private static final class PulseGaps extends AnimationTimer {
    final AtomicLong longest = new AtomicLong();
    final AtomicLong pulses = new AtomicLong();
    private long last;

    @Override
    public void handle(long now) {
      long t = System.nanoTime();
      if (last != 0) {
        longest.accumulateAndGet(t - last, Math::max);
      }
      last = t;
      pulses.incrementAndGet();
    }
  }

  /** Lets ten pulses pass (the first frames of a new window are slow), then starts measuring. */
  private static void settle(PulseGaps gaps) throws Exception {
    long from = gaps.pulses.get();
    WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> gaps.pulses.get() >= from + 10);
    gaps.longest.set(0);
  }

  /**
   * 4,000 sent, 3,000 answered, 500 timed out, 500 failed, 2,000 received: 10,000 in all, with rpc
   * ids from {@code idOffset + 1}.
   */
  private static List<EngineEvent> burst(NodeId self, int idOffset) {
    Random random = new Random(7);
    Instant now = Instant.now();
    List<EngineEvent> events = new ArrayList<>();
    for (int n = 1; n <= 4000; n++) {
      int i = n + idOffset;
      InetSocketAddress to = new InetSocketAddress("127.0.0.1", 30000 + i % 500);
      NodeId peer = NodeId.random(random);
      events.add(new EngineEvent.RpcSent(now, self, i, "find_node", to, Optional.of(peer), 0));
      if (n <= 3000) {
        events.add(
            new EngineEvent.RpcAnswered(
                now, self, i, "find_node", to, Duration.ofMillis(3), "20 contacts", 0));
      } else {
        events.add(
            new EngineEvent.RpcFailed(
                now, self, i, "find_node", to, Duration.ofSeconds(5), "no answer", n % 2 == 0, 0));
      }
      if (n <= 2000) {
        events.add(new EngineEvent.RpcReceived(now, self, "ping", to, Optional.of(peer)));
      }
    }
    return events;
  }

  @Test
  void aBurstOfTenThousandEvents_isCountedExactly_andTheTableKeepsTheLatestRows() throws Exception {
    NodeId self = fx.window.session().id();
    List<EngineEvent> events = burst(self, 0);
    assertThat(events).hasSize(10_000);
    TrafficViewModel t = fx.window.traffic();
    // A first burst loads and compiles the code paths, as any running window has done long
    // before; the second, measured one shows the steady state.
    burst(self, 100_000).forEach(fx.window.bridge()::onEvent);
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> fx.window.bridge().backlog() == 0 && t.sentProperty().get() == 4000);
    PulseGaps gaps = new PulseGaps();
    WaitForAsyncUtils.asyncFx(gaps::start).get(5, TimeUnit.SECONDS);
    FxClick.on(new FxRobot(), "#ringTab");
    settle(gaps);

    CompletableFuture.runAsync(() -> events.forEach(fx.window.bridge()::onEvent))
        .get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> fx.window.bridge().backlog() == 0 && t.sentProperty().get() == 8000);
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> t.rows().size() == TrafficViewModel.MAX_ROWS);
    long afterDrain = gaps.pulses.get();
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> gaps.pulses.get() > afterDrain + 3);
    WaitForAsyncUtils.asyncFx(gaps::stop).get(5, TimeUnit.SECONDS);
    long longestMs = gaps.longest.get() / 1_000_000;
    log.warn("longest pulse gap during a burst of 10,000 events: {} ms", longestMs);

    assertThat(t.sentProperty().get()).isEqualTo(2 * 4000);
    assertThat(t.answeredProperty().get()).isEqualTo(2 * 3000);
    assertThat(t.timedOutProperty().get()).isEqualTo(2 * 500);
    assertThat(t.failedProperty().get()).isEqualTo(2 * 500);
    assertThat(t.receivedProperty().get()).isEqualTo(2 * 2000);
    assertThat(t.rows()).hasSize(TrafficViewModel.MAX_ROWS);
    FxClick.on(new FxRobot(), "#trafficTab");
    WaitForAsyncUtils.waitForFxEvents();
    TableView<?> table = new FxRobot().lookup("#trafficTable").queryAs(TableView.class);
    assertThat(table.getItems()).hasSize(TrafficViewModel.MAX_ROWS);
  }

  @Test
  void lookupEventsInABurst_buildOneTraceWithEveryStep() throws Exception {
    NodeId self = fx.window.session().id();
    NodeId target = NodeId.random(new Random(3));
    Contact c = new Contact(NodeId.random(new Random(4)), new InetSocketAddress("127.0.0.1", 1));
    Instant now = Instant.now();
    fx.window
        .bridge()
        .onEvent(
            new EngineEvent.LookupStarted(
                now, self, 999, LookupKind.NODE, target, LookupPurpose.FIND_NODE, List.of(c)));
    for (int i = 1; i <= 500; i++) {
      fx.window
          .bridge()
          .onEvent(
              new EngineEvent.LookupStep(
                  now,
                  self,
                  999,
                  i,
                  1,
                  c,
                  List.of(c),
                  Optional.empty(),
                  false,
                  Duration.ofMillis(1),
                  1));
    }
    fx.window
        .bridge()
        .onEvent(
            new EngineEvent.LookupFinished(
                now,
                self,
                999,
                LookupKind.NODE,
                target,
                List.of(c),
                Optional.empty(),
                500,
                1,
                Duration.ofMillis(9)));

    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            fx.window.lookups().lookups().stream()
                .anyMatch(l -> l.lookupId() == 999 && l.finished()));
    var trace = fx.window.lookups().lookups().stream().filter(l -> l.lookupId() == 999).findFirst();
    assertThat(trace).get().satisfies(l -> assertThat(l.steps()).hasSize(500));
  }
}
