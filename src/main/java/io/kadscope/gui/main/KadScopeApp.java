package io.kadscope.gui.main;

import io.kadscope.gui.GuiLaunch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: opens the {@link MainWindow} for the launch handed to it. */
public final class KadScopeApp extends Application {
  private static final AtomicReference<GuiLaunch> LAUNCH = new AtomicReference<>();
  private MainWindow window;

  /** Opens the window for {@code launch} and returns when it closes. */
  public static void run(GuiLaunch launch) {
    LAUNCH.set(launch);
    Application.launch(KadScopeApp.class);
  }

  @Override
  public void start(Stage stage) {
    window = MainWindow.create(LAUNCH.get());
    stage.setScene(window.scene());
    stage.setTitle(window.title());
    stage.show();
    window.start();
  }

  @Override
  public void stop() {
    if (window != null) {
      window.close();
    }
  }
}
