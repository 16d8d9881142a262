package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.common.KeyHolders;
import io.kadscope.gui.lookup.LookupTrace;
import io.kadscope.gui.lookup.TraceStep;
import io.kadscope.gui.main.KadScopeApp;
import io.kadscope.gui.main.MainWindow;
import io.kadscope.gui.map.MapCanvas;
import io.kadscope.gui.session.Progress;
import io.kadscope.gui.session.SimulatedNetwork;
import io.kadscope.gui.simulation.SimulationViewModel;
import io.kadscope.gui.simulation.Speed;
import io.kadscope.testing.FxClick;
import io.kadscope.testing.InMemoryNetwork;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on the simulated network the default start opens (10,000 peers, the same seed): the
 * tree has many buckets, the first Get of the offered key takes several rounds with the best prefix
 * rising, and the Simulation panel pauses, steps and picks another peer as "you".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedWindowTest {
  private static final InMemoryNetwork unused = new InMemoryNetwork();
  private static SimulatedNetwork sim;
  private static MainWindow window;
  private static Stage stage;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void open() throws Exception {
    sim =
        new SimulatedPeers()
            .build(GuiLaunch.DEFAULT_SIM_PEERS, KadScopeApp.SIM_SEED, Progress.NONE)
            .get(120, TimeUnit.SECONDS);
    GuiLaunch launch =
        new GuiLaunch(
            GuiLaunch.Mode.SIM,
            null,
            0,
            0,
            GuiLaunch.DEFAULT_SIM_PEERS,
            unused.factory(),
            new SimulatedPeers(),
            null);
    stage = FxToolkit.registerPrimaryStage();
    AtomicReference<CompletableFuture<String>> started = new AtomicReference<>();
    FxToolkit.setupFixture(
        () -> {
          window = MainWindow.onSimulated(launch, sim, sim.newestPeer());
          stage.setScene(window.scene());
          stage.show();
          started.set(window.start());
        });
    started.get().get(60, TimeUnit.SECONDS);
    onFx(
        () -> {
          window.simulation().orElseThrow().speedProperty().set(Speed.REAL_TIME);
          return null;
        });
  }

  @AfterAll
  static void close() throws Exception {
    FxToolkit.setupFixture(() -> window.close());
    unused.shutdown();
  }

  private static <T> T onFx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void theWindowsNode_hasATableOfManyBuckets_andTheFormOffersASeededKey() throws Exception {
    RoutingSnapshot s = window.session().routingSnapshot();

    assertThat(s.nonEmptyBuckets()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(window.main().statusProperty().get()).startsWith("simulated network: 10,000 peers");
    assertThat(window.store().keyProperty().get()).isNotEmpty();
    assertThat(window.store().valueProperty().get()).isEmpty();
  }

  @Test
  @Order(2)
  void theFirstGet_takesSeveralRounds_withTheBestPrefixRisingRoundByRound() throws Exception {
    FxClick.on(robot, "#getButton");
    Label result = robot.lookup("#storeResult").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> result.getText().startsWith("Found"));
    LookupTrace t = onFx(() -> window.lookups().selectedProperty().get());

    assertThat(t.rounds()).isGreaterThanOrEqualTo(3);
    TreeMap<Integer, Integer> best = new TreeMap<>();
    for (TraceStep step : t.steps()) {
      if (!step.late()) {
        best.merge(step.round(), step.bestPrefix(), Math::max);
      }
    }
    List<Integer> perRound = List.copyOf(best.values());
    assertThat(perRound).isSorted();
    assertThat(perRound.get(perRound.size() - 1)).isGreaterThan(perRound.get(0));
  }

  @Test
  @Order(3)
  void theNetworkMap_drawsEveryPeer_estimatesTheSize_andLightsTheHoldersOfTheKeyGot()
      throws Exception {
    FxClick.on(robot, "#mapTab");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> window.map().estimateProperty().get().startsWith("n ≈ "));
    MapCanvas canvas = robot.lookup("#mapCanvas").queryAs(MapCanvas.class);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(onFx(canvas::drawnPeers)).isEqualTo(GuiLaunch.DEFAULT_SIM_PEERS);
    assertThat(window.map().estimateProperty().get())
        .contains("estimated from the density of the k closest ids", "(k − 1) · 2¹⁶⁰ / d_k")
        .endsWith("10,000 counted");
    KeyHolders.Lit lit = onFx(() -> window.map().litProperty().get());
    assertThat(lit.label()).isEqualTo("\"" + window.store().keyProperty().get() + "\"");
    assertThat(lit.holders()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(lit.source()).isPresent();
    assertThat(lit.holders()).contains(lit.source().get());
  }

  @Test
  @Order(4)
  void pausingAndSteppingOneEvent_movesVirtualTimeOnlyByTheStep() throws Exception {
    SimulationViewModel vm = window.simulation().orElseThrow();
    onFx(
        () -> {
          vm.pausedProperty().set(true);
          return null;
        });
    // The pause takes effect on the simulation's thread, before any task handed to it after.
    CompletableFuture<Void> applied = new CompletableFuture<>();
    sim.execute(() -> applied.complete(null));
    applied.get(10, TimeUnit.SECONDS);
    Instant before = sim.now();
    window.session().lookupValue(NodeId.ofKey("anything"));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sim.now().equals(before));

    onFx(vm::stepOne).get(10, TimeUnit.SECONDS);

    assertThat(sim.now()).isAfterOrEqualTo(before);
    assertThat(vm.resultProperty().get()).startsWith("Ran one event, at ");
    assertThat(sim.paused()).isTrue();
  }

  @Test
  @Order(5)
  void pickingAnotherPeer_opensTheWindowFromIt_onTheSameNetwork() throws Exception {
    NodeId other = sim.peers().get(7).id();
    MainWindow next = onFx(() -> window.picking(other));
    try {
      assertThat(next.session().id()).isEqualTo(other);
      assertThat(next.session().simulatedIds()).hasSize(GuiLaunch.DEFAULT_SIM_PEERS);
    } finally {
      MainWindow old = window;
      window = next;
      onFx(
          () -> {
            old.close();
            return null;
          });
    }
    assertThat(sim.peers()).hasSize(GuiLaunch.DEFAULT_SIM_PEERS);
    assertThat(window.session().routingSnapshot().size()).isPositive();
  }
}
