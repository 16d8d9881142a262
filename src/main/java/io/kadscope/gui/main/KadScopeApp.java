package io.kadscope.gui.main;

import io.kadscope.gui.GuiLaunch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: opens the {@link MainWindow} for the launch handed to it (building a
 * simulated network first, with its progress shown), and hosts the windows it opens in its place.
 */
public final class KadScopeApp extends Application implements WindowHost {
  private static final Logger log = LoggerFactory.getLogger(KadScopeApp.class);
  private static final AtomicReference<GuiLaunch> LAUNCH = new AtomicReference<>();

  /** The seed of the simulated networks the window builds: the same network at every start. */
  public static final long SIM_SEED = 1;

  private Stage stage;
  private MainWindow window;

  /** Opens the window for {@code launch} and returns when it closes. */
  public static void run(GuiLaunch launch) {
    LAUNCH.set(launch);
    Application.launch(KadScopeApp.class);
  }

  @Override
  public void start(Stage stage) {
    this.stage = stage;
    stage.setWidth(MainWindow.WIDTH);
    stage.setHeight(MainWindow.HEIGHT);
    stage.show();
    open(LAUNCH.get());
  }

  @Override
  public void open(GuiLaunch launch) {
    if (launch.mode() != GuiLaunch.Mode.SIM) {
      show(MainWindow.create(launch));
      return;
    }
    closeWindow();
    BuildingPane building = new BuildingPane(launch.localPeers());
    stage.setScene(building.scene());
    stage.setTitle("KadScope — building a simulated network");
    launch
        .simulator()
        .build(
            launch.localPeers(),
            SIM_SEED,
            (fraction, text) -> Platform.runLater(() -> building.progress(fraction, text)))
        .whenComplete(
            (sim, err) ->
                Platform.runLater(
                    () -> {
                      if (err != null) {
                        log.warn("could not build the simulated network: {}", err.toString());
                        building.failed(
                            err.getMessage(),
                            () -> open(launch.onto(GuiLaunch.Mode.LOCAL, null, 0, 24)));
                      } else {
                        show(MainWindow.onSimulated(launch, sim, sim.newestPeer()));
                      }
                    }));
  }

  @Override
  public void show(MainWindow next) {
    MainWindow old = window;
    window = next;
    next.setHost(this);
    stage.setScene(next.scene());
    stage.setTitle(next.title());
    if (old != null) {
      old.close();
    }
    next.start();
  }

  private void closeWindow() {
    if (window != null) {
      window.close();
      window = null;
    }
  }

  @Override
  public void stop() {
    closeWindow();
  }
}
