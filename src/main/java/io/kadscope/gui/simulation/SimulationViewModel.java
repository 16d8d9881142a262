package io.kadscope.gui.simulation;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.gui.fx.FxBatchListener;
import io.kadscope.gui.fx.Notifier;
import io.kadscope.gui.session.SimulatedNetwork;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Simulation panel: how fast the simulated network's virtual time runs, pause, one event at a
 * time, the virtual clock, and which peer is "you" (by a prefix of its id, or one at random).
 */
public final class SimulationViewModel implements FxBatchListener {
  /** How often the clock line is written again: ten times a second. */
  public static final long CLOCK_INTERVAL_NANOS = 100_000_000;

  private final SimulatedNetwork sim;
  private final List<NodeId> ids;
  private final NodeId you;
  private final Notifier notifier;
  private final Executor fx;
  private final Consumer<NodeId> pick;
  private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(Speed.REAL_TIME);
  private final BooleanProperty paused = new SimpleBooleanProperty(false);
  private final StringProperty clock = new SimpleStringProperty("");
  private final StringProperty prefix = new SimpleStringProperty("");
  private final StringProperty result = new SimpleStringProperty("");
  private final Random random = new Random();
  private long lastClock = Long.MIN_VALUE / 2;

  /**
   * @param ids every peer of the network
   * @param you the window's node
   * @param fx runs completions on the FX thread
   * @param pick opens the window again with that peer as "you"
   */
  public SimulationViewModel(
      SimulatedNetwork sim,
      List<NodeId> ids,
      NodeId you,
      Notifier notifier,
      Executor fx,
      Consumer<NodeId> pick) {
    this.sim = sim;
    this.ids = ids;
    this.you = you;
    this.notifier = notifier;
    this.fx = fx;
    this.pick = pick;
    speed.set(closest(sim.speed()));
    paused.set(sim.paused());
    speed.addListener((o, a, s) -> sim.setSpeed(s.factor()));
    paused.addListener((o, a, p) -> sim.setPaused(p));
    writeClock();
  }

  private static Speed closest(double factor) {
    Speed best = Speed.REAL_TIME;
    for (Speed s : Speed.values()) {
      if (Math.abs(Math.log(s.factor() / factor)) < Math.abs(Math.log(best.factor() / factor))) {
        best = s;
      }
    }
    return best;
  }

  /** Runs the next event alone; pauses first, so that the next step is the next event too. */
  public CompletableFuture<Void> stepOne() {
    paused.set(true);
    CompletableFuture<Void> done = new CompletableFuture<>();
    sim.stepOne()
        .whenComplete(
            (ran, err) ->
                fx.execute(
                    () -> {
                      if (err != null) {
                        result.set("Could not step: " + err.getMessage());
                      } else {
                        result.set(
                            ran
                                ? "Ran one event, at " + format(sim.now().toEpochMilli()) + "."
                                : "No event is waiting: the network is idle.");
                      }
                      writeClock();
                      done.complete(null);
                    }));
    return done;
  }

  /** Makes the peer whose id starts with the typed hex digits "you". */
  public void pickByPrefix() {
    String p = prefix.get() == null ? "" : prefix.get().trim().toLowerCase(Locale.ROOT);
    if (p.isEmpty() || !p.matches("[0-9a-f]+")) {
      fail(
          "Type the first hex digits of a peer's id, e.g. 3f5c; \""
              + prefix.get()
              + "\" is not hex.");
      return;
    }
    Optional<NodeId> found = ids.stream().filter(id -> id.toHex().startsWith(p)).findFirst();
    if (found.isEmpty()) {
      fail(String.format("No peer of the %,d has an id starting with %s.", ids.size(), p));
      return;
    }
    choose(found.get());
  }

  /** Makes a peer chosen at random "you". */
  public void pickRandom() {
    NodeId id;
    do {
      id = ids.get(random.nextInt(ids.size()));
    } while (id.equals(you) && ids.size() > 1);
    choose(id);
  }

  /** Makes {@code id} "you": the window opens again on the same network from that peer. */
  public void choose(NodeId id) {
    if (id.equals(you)) {
      result.set("That peer is you already.");
      return;
    }
    pick.accept(id);
  }

  private void fail(String message) {
    result.set(message);
    notifier.error(message);
  }

  @Override
  public void onEvents(List<EngineEvent> batch) {}

  @Override
  public void onPulse(long nowNanos) {
    if (nowNanos - lastClock >= CLOCK_INTERVAL_NANOS) {
      lastClock = nowNanos;
      writeClock();
    }
  }

  private void writeClock() {
    clock.set(
        "virtual time "
            + format(sim.now().toEpochMilli())
            + (paused.get() ? " · paused" : " · " + speed.get())
            + String.format(" · %,d peers · %d ms one way", ids.size(), sim.latencyMillis()));
  }

  private static String format(long ms) {
    Duration d = Duration.ofMillis(ms);
    return d.toHours() > 0
        ? String.format(
            "%dh %02dm %02d.%03d s",
            d.toHours(), d.toMinutesPart(), d.toSecondsPart(), d.toMillisPart())
        : String.format("%d.%03d s", d.toSeconds(), d.toMillisPart());
  }

  /** Slows the network down so that a lookup unfolds round by round, as the window opens. */
  public void slowDown() {
    speed.set(Speed.SLOW);
  }

  public ObjectProperty<Speed> speedProperty() {
    return speed;
  }

  public BooleanProperty pausedProperty() {
    return paused;
  }

  /** {@code virtual time 12.340 s · × 0.02: a round trip ≈ 1 s · 10,000 peers}. */
  public ReadOnlyStringProperty clockProperty() {
    return clock;
  }

  /** The hex digits typed to pick a peer. */
  public StringProperty prefixProperty() {
    return prefix;
  }

  public ReadOnlyStringProperty resultProperty() {
    return result;
  }
}
