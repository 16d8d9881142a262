package io.kadscope.gui.network;

import io.kadscope.engine.Contact;
import io.kadscope.engine.Defaults;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.fx.BackgroundTask;
import io.kadscope.gui.fx.FxBatchListener;
import io.kadscope.gui.fx.Notifier;
import io.kadscope.gui.session.NodeSession;
import io.kadscope.gui.session.SimulatedNetworks;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Network form: join a network by host and port, and run the local peers (start, stop, add ten,
 * kill one at random) to watch the routing table fill, evict and recover. The count of local peers
 * is taken again twice a second, as peers start in the background; each change is told to the
 * window's news line too, so that it never shows a count that no longer holds.
 */
public final class NetworkViewModel implements FxBatchListener {
  /** How often the count of local peers is taken again: twice a second. */
  public static final long COUNT_INTERVAL_NANOS = 500_000_000;

  /** Why the live controls do nothing on a simulated network. */
  public static final String SIMULATED_NOTE =
      "This window's node is a simulated peer: open the live local network (below) to run peers"
          + " on 127.0.0.1 or join a real network.";

  private final NodeSession session;
  private final Notifier notifier;
  private final Executor fx;
  private final StringProperty host = new SimpleStringProperty("127.0.0.1");
  private final StringProperty port = new SimpleStringProperty("7123");
  private final StringProperty result = new SimpleStringProperty("");
  private final IntegerProperty localPeers = new SimpleIntegerProperty();
  private final BooleanProperty busy = new SimpleBooleanProperty();
  private final StringProperty kNote = new SimpleStringProperty("");
  private final Consumer<String> news;
  private Consumer<GuiLaunch> opener = l -> {};
  private final IntegerProperty simPeers = new SimpleIntegerProperty(GuiLaunch.DEFAULT_SIM_PEERS);
  private long lastCount = Long.MIN_VALUE / 2;

  /**
   * @param fx runs completions on the FX thread (the bridge)
   * @param news the window's news line, told of each change to the network
   */
  public NetworkViewModel(
      NodeSession session, Notifier notifier, Executor fx, Consumer<String> news) {
    this.session = session;
    this.notifier = notifier;
    this.fx = fx;
    this.news = news;
    localPeers.set(session.local().running());
    kNote.set(kNote(session.k()));
  }

  /** Who opens the window onto another network (the window's host). */
  public void setOpener(Consumer<GuiLaunch> opener) {
    this.opener = opener;
  }

  /**
   * Whether the window's node is a simulated peer: it joins no real network, runs no local peers.
   */
  public boolean simulated() {
    return session.simulation().isPresent();
  }

  /** Opens the window afresh onto a simulated network of {@link #simPeersProperty()} peers. */
  public void openSimulated() {
    if (session.launch().simulator() == null) {
      failNow("This build has no simulator: open the live local network instead.");
      return;
    }
    int n = simPeers.get();
    try {
      SimulatedNetworks.checkPeers(n);
    } catch (IllegalArgumentException e) {
      failNow(capitalised(e.getMessage()) + ".");
      return;
    }
    opener.accept(session.launch().onto(GuiLaunch.Mode.SIM, null, 0, n));
  }

  /** Opens the window afresh onto a live network of local peers on 127.0.0.1. */
  public void openLocal() {
    opener.accept(
        session.launch().onto(GuiLaunch.Mode.LOCAL, null, 0, GuiLaunch.DEFAULT_LOCAL_PEERS));
  }

  /** How many peers a simulated network opened from the panel has. */
  public IntegerProperty simPeersProperty() {
    return simPeers;
  }

  private static String capitalised(String m) {
    return m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
  }

  private static String kNote(int k) {
    if (k == Defaults.K) {
      return "k = " + k + ": the paper's bucket size and number of copies of each value.";
    }
    return "k = "
        + k
        + " in this window (the paper's is "
        + Defaults.K
        + "): with k = "
        + Defaults.K
        + " a network of "
        + GuiLaunch.DEFAULT_LOCAL_PEERS
        + " peers fits in one bucket, and every lookup ends at once. A network joined here"
        + " keeps its own k ("
        + Defaults.K
        + " for the Python peers and headless KadScope peers).";
  }

  /** Joins the network of the typed host and port. */
  public CompletableFuture<Void> join() {
    if (simulated()) {
      return failNow(SIMULATED_NOTE);
    }
    String h = host.get() == null ? "" : host.get().trim();
    int p;
    try {
      p = Integer.parseInt(port.get().trim());
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException | NullPointerException e) {
      return failNow("A port is a number from 1 to 65535; \"" + port.get() + "\" is not one.");
    }
    if (h.isEmpty()) {
      return failNow("Type the host of a peer to join, e.g. 127.0.0.1 or 172.17.0.2.");
    }
    InetSocketAddress seed = new InetSocketAddress(h, p);
    result.set("joining " + h + ":" + p + "… (a seed that does not answer takes 5 s to give up)");
    return track(
        "join " + h + ":" + p,
        () -> session.join(seed),
        n -> {
          String line =
              "Joined via "
                  + h
                  + ":"
                  + p
                  + ": it answered, and the join's lookup ended knowing "
                  + n
                  + (n == 1 ? " contact" : " contacts")
                  + " (the status bar keeps the count).";
          result.set(line);
          news.accept("joined the network of " + h + ":" + p);
        });
  }

  /**
   * Starts {@link GuiLaunch#DEFAULT_LOCAL_PEERS} local peers when none run, joined to this node.
   */
  public CompletableFuture<Void> startLocal() {
    if (simulated()) {
      return failNow(SIMULATED_NOTE);
    }
    if (session.local().running() > 0) {
      return failNow(session.local().running() + " local peers already run: use Add 10.");
    }
    return addPeers(GuiLaunch.DEFAULT_LOCAL_PEERS);
  }

  /** Starts ten more local peers. */
  public CompletableFuture<Void> addTen() {
    if (simulated()) {
      return failNow(SIMULATED_NOTE);
    }
    return addPeers(10);
  }

  private CompletableFuture<Void> addPeers(int n) {
    result.set("starting " + n + " local peers…");
    return track(
        "start local peers",
        () -> session.addLocalPeers(n),
        running -> {
          result.set("Started " + n + " local peers: " + running + " run.");
          news.accept(localNews(running));
        });
  }

  private static String localNews(int running) {
    return running == 0
        ? "no local peers: start some in the Network panel, or join a network"
        : "local network: " + running + (running == 1 ? " peer" : " peers") + " on 127.0.0.1";
  }

  /** Stops one local peer at random; the node notices when its RPCs to it time out. */
  public void killRandom() {
    Optional<Contact> victim = session.local().killRandom();
    localPeers.set(session.local().running());
    if (victim.isEmpty()) {
      notifier.error("No local peer runs: start some first.");
      return;
    }
    news.accept(localNews(session.local().running()));
    result.set(
        "Killed peer "
            + victim.get().id().shortHex(8)
            + "… at "
            + victim.get().port()
            + ": after "
            + Defaults.MAX_FAILURES
            + " unanswered RPCs it is evicted (watch the k-buckets).");
  }

  /** Stops every local peer. */
  public void stopLocal() {
    if (simulated()) {
      failNow(SIMULATED_NOTE);
      return;
    }
    int n = session.local().running();
    session.local().stopAll();
    localPeers.set(0);
    result.set(
        "Stopped "
            + n
            + (n == 1 ? " local peer" : " local peers")
            + ": this node still lists them until its requests to them go unanswered.");
    news.accept(localNews(0));
  }

  private CompletableFuture<Void> failNow(String message) {
    result.set(message);
    notifier.error(message);
    return CompletableFuture.completedFuture(null);
  }

  private <T> CompletableFuture<Void> track(
      String what, Supplier<CompletionStage<T>> op, Consumer<T> done) {
    return BackgroundTask.of(what, op)
        .onRunning(() -> busy.set(true))
        .onSuccess(done)
        .onFailure(
            e -> {
              String m = String.valueOf(e.getMessage());
              result.set("Failed: " + m);
              notifier.error("Could not " + what + ": " + m);
            })
        .onFinished(
            () -> {
              busy.set(false);
              refreshCount();
            })
        .executeWith(fx);
  }

  /** The count is not told by events: peers of this process start and stop without the node. */
  @Override
  public void onEvents(List<EngineEvent> batch) {}

  /** Takes the count of local peers again, at most every {@link #COUNT_INTERVAL_NANOS}. */
  @Override
  public void onPulse(long nowNanos) {
    if (nowNanos - lastCount >= COUNT_INTERVAL_NANOS) {
      lastCount = nowNanos;
      refreshCount();
    }
  }

  public StringProperty hostProperty() {
    return host;
  }

  public StringProperty portProperty() {
    return port;
  }

  public ReadOnlyStringProperty resultProperty() {
    return result;
  }

  /** How many local peers run. */
  public ReadOnlyIntegerProperty localPeersProperty() {
    return localPeers;
  }

  /** Refreshes the local peer count (it changes as peers start in the background). */
  public void refreshCount() {
    localPeers.set(session.local().running());
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy;
  }

  /** What k this window's node uses, and why, in one line. */
  public ReadOnlyStringProperty kNoteProperty() {
    return kNote;
  }
}
