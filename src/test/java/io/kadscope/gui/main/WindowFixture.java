package io.kadscope.gui.main;

import io.kadscope.engine.NodeFactory;
import io.kadscope.gui.GuiLaunch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/** Opens a {@link MainWindow} in TestFX's primary stage for a test class. */
final class WindowFixture implements AutoCloseable {
  final NodeFactory factory;
  final MainWindow window;
  final Stage stage;
  final CompletableFuture<String> started;

  private WindowFixture(
      NodeFactory factory, MainWindow window, Stage stage, CompletableFuture<String> started) {
    this.factory = factory;
    this.window = window;
    this.stage = stage;
    this.started = started;
  }

  /** Opens the window for {@code launch} and waits until its start has ended. */
  static WindowFixture open(GuiLaunch launch) throws Exception {
    Stage stage = FxToolkit.registerPrimaryStage();
    AtomicReference<MainWindow> window = new AtomicReference<>();
    AtomicReference<CompletableFuture<String>> started = new AtomicReference<>();
    FxToolkit.setupFixture(
        () -> {
          MainWindow w = MainWindow.create(launch);
          stage.setScene(w.scene());
          stage.show();
          window.set(w);
          started.set(w.start());
        });
    started.get().get(60, TimeUnit.SECONDS);
    return new WindowFixture(launch.factory(), window.get(), stage, started.get());
  }

  @Override
  public void close() throws Exception {
    FxToolkit.setupFixture(window::close);
    factory.close();
  }
}
