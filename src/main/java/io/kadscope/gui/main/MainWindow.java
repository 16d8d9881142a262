package io.kadscope.gui.main;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineListener;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.buckets.BucketsView;
import io.kadscope.gui.buckets.BucketsViewModel;
import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.KeyHolders;
import io.kadscope.gui.common.LookupFollower;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.experiments.ExperimentsView;
import io.kadscope.gui.experiments.ExperimentsViewModel;
import io.kadscope.gui.fx.BackgroundTask;
import io.kadscope.gui.fx.FxEventBridge;
import io.kadscope.gui.fx.Notifier;
import io.kadscope.gui.lookup.LookupView;
import io.kadscope.gui.lookup.LookupViewModel;
import io.kadscope.gui.map.NetworkMapView;
import io.kadscope.gui.map.NetworkMapViewModel;
import io.kadscope.gui.network.NetworkView;
import io.kadscope.gui.network.NetworkViewModel;
import io.kadscope.gui.ring.RingView;
import io.kadscope.gui.ring.RingViewModel;
import io.kadscope.gui.session.NodeSession;
import io.kadscope.gui.session.SimulatedNetwork;
import io.kadscope.gui.simulation.SimulationView;
import io.kadscope.gui.simulation.SimulationViewModel;
import io.kadscope.gui.store.StoreView;
import io.kadscope.gui.store.StoreViewModel;
import io.kadscope.gui.traffic.TrafficView;
import io.kadscope.gui.traffic.TrafficViewModel;
import io.kadscope.gui.tree.PrefixTreeView;
import io.kadscope.gui.tree.PrefixTreeViewModel;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the window together: the session and its node, the bridge, every view-model and view. Built
 * on the FX thread; {@link #start()} then starts the node as the launch says, while the window
 * already shows.
 */
public final class MainWindow implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MainWindow.class);

  /** The window's size when it opens: fits a 1280 × 800 screen. */
  public static final double WIDTH = 1280;

  public static final double HEIGHT = 800;

  private final FxEventBridge bridge = new FxEventBridge();
  private final NodeSession session;
  private final SnapshotCache snapshots;
  private final TrafficViewModel traffic;
  private final MainViewModel main;
  private final MainView mainView;
  private final Notifier notifier;
  private final RingViewModel ring;
  private final PrefixTreeViewModel tree;
  private final BucketsViewModel buckets;
  private final LookupViewModel lookups;
  private final StoreViewModel store;
  private final NetworkViewModel network;
  private final KeyHolders holders = new KeyHolders();
  private final NetworkMapViewModel map;
  private final ExperimentsViewModel experiments;
  private final SimulationViewModel simulation;

  private WindowHost host = WindowHost.NONE;

  private MainWindow(Function<EngineListener, NodeSession> sessions) {
    session = sessions.apply(bridge);
    Clock clock = session.clock();
    snapshots = new SnapshotCache(session::routingSnapshot, session::storeSnapshot);
    BucketSelection selection = new BucketSelection();
    traffic = new TrafficViewModel(clock);
    main = new MainViewModel(session, snapshots, traffic);
    mainView = MainView.create(main);
    notifier = new NotificationNotifier(mainView.notifications());
    ring = new RingViewModel(snapshots, selection, session.keys(), clock);
    tree = new PrefixTreeViewModel(snapshots, selection);
    buckets = new BucketsViewModel(snapshots, selection, clock);
    lookups = new LookupViewModel(session.keys(), notifier, session::hidesLookupsOf);
    store =
        new StoreViewModel(
            session, snapshots, notifier, bridge, LookupFollower.all(lookups, ring, main), holders);
    map =
        new NetworkMapViewModel(session, holders, bridge, notifier, you -> host.show(picking(you)));
    experiments = new ExperimentsViewModel(session.launch().sweeps(), notifier, bridge);
    network = new NetworkViewModel(session, notifier, bridge, main::setStatus);
    bridge.addListener(snapshots);
    bridge.addListener(traffic);
    bridge.addListener(buckets);
    bridge.addListener(lookups);
    bridge.addListener(main);
    bridge.addListener(network);
    network.setOpener(l -> host.open(l));
    simulation =
        session
            .simulation()
            .map(
                sim ->
                    new SimulationViewModel(
                        sim,
                        session.simulatedIds(),
                        session.id(),
                        notifier,
                        bridge,
                        you -> host.show(picking(you))))
            .orElse(null);
    if (simulation != null) {
      bridge.addListener(simulation);
      mainView.setSimulation(SimulationView.create(simulation));
    }
    int k = session.k();
    mainView.setViews(
        RingView.create(ring, k),
        PrefixTreeView.create(tree, k),
        BucketsView.create(buckets),
        LookupView.create(lookups),
        TrafficView.create(traffic, mainView.trafficShowing()),
        NetworkMapView.create(map),
        ExperimentsView.create(experiments),
        StoreView.create(store),
        NetworkView.create(network));
  }

  /** Builds the window for {@code launch} on a live network; call on the FX thread. */
  public static MainWindow create(GuiLaunch launch) {
    if (launch.mode() == GuiLaunch.Mode.SIM) {
      throw new IllegalArgumentException("a simulated network is built first: use onSimulated");
    }
    return new MainWindow(listener -> new NodeSession(launch, listener));
  }

  /**
   * Builds the window onto a simulated network that is already built, with its peer {@code you} as
   * the window's node; the window owns the network from now on. Call on the FX thread.
   */
  public static MainWindow onSimulated(GuiLaunch launch, SimulatedNetwork sim, NodeId you) {
    return new MainWindow(listener -> new NodeSession(launch, sim, you, listener));
  }

  /**
   * A new window on the same simulated network with its peer {@code you} as the window's node; this
   * window hands the network over, so closing it leaves the network running.
   */
  public MainWindow picking(NodeId you) {
    return new MainWindow(listener -> session.pick(you, listener));
  }

  /** Who shows this window and opens others in its place. */
  public void setHost(WindowHost host) {
    this.host = host;
  }

  /** Who shows this window. */
  public WindowHost host() {
    return host;
  }

  /** The scene, styled, at the window's opening size. */
  public Scene scene() {
    Scene scene = new Scene(mainView.root(), WIDTH, HEIGHT);
    scene.getStylesheets().add(MainWindow.class.getResource("/css/kadscope.css").toExternalForm());
    return scene;
  }

  /**
   * Starts the bridge and the node; completes with the status line once the start is over and the
   * window shows its outcome, or with the reason it could not start.
   */
  public CompletableFuture<String> start() {
    bridge.start();
    CompletableFuture<String> started = new CompletableFuture<>();
    return BackgroundTask.of("start", session::start)
        .onRunning(() -> main.setStatus(startingText(session.launch())))
        .onSuccess(
            status -> {
              session.firstKey().ifPresent(key -> store.offerKey(key));
              ring.refreshKeys();
              main.setStatus(status);
              log.info("window started: {}", status);
              if (simulation != null) {
                simulation.slowDown();
              }
              started.complete(status);
            })
        .onFailure(
            e -> {
              main.setStatus("Could not start: " + e.getMessage());
              notifier.error("Could not start: " + e.getMessage());
              started.completeExceptionally(e);
            })
        .onFinished(
            () -> {
              snapshots.refreshNow();
              network.refreshCount();
            })
        .executeWith(bridge)
        .thenCompose(handled -> started);
  }

  private static String startingText(GuiLaunch l) {
    return switch (l.mode()) {
      case SIM -> "seeding the simulated network with a few values…";
      case LOCAL -> "starting " + l.localPeers() + " local peers on 127.0.0.1…";
      case JOIN -> "joining " + l.host() + ":" + l.port() + "…";
      case CREATE -> "starting alone…";
    };
  }

  /** The window title: the node's address and id. */
  public String title() {
    return main.title();
  }

  /** Stops the bridge, the node and the local peers. */
  @Override
  public void close() {
    bridge.stop();
    session.close();
  }

  public FxEventBridge bridge() {
    return bridge;
  }

  public NodeSession session() {
    return session;
  }

  public SnapshotCache snapshots() {
    return snapshots;
  }

  public MainView view() {
    return mainView;
  }

  public MainViewModel main() {
    return main;
  }

  public TrafficViewModel traffic() {
    return traffic;
  }

  public LookupViewModel lookups() {
    return lookups;
  }

  public StoreViewModel store() {
    return store;
  }

  public NetworkViewModel network() {
    return network;
  }

  public BucketsViewModel buckets() {
    return buckets;
  }

  public RingViewModel ring() {
    return ring;
  }

  public PrefixTreeViewModel tree() {
    return tree;
  }

  public NetworkMapViewModel map() {
    return map;
  }

  public ExperimentsViewModel experiments() {
    return experiments;
  }

  /** The Simulation panel's view-model, on a simulated network. */
  public Optional<SimulationViewModel> simulation() {
    return Optional.ofNullable(simulation);
  }
}
