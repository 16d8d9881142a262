package io.kadscope.gui.dev;

import io.kadscope.engine.NodeFactory;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.lookup.LookupTrace;
import io.kadscope.gui.main.MainWindow;
import io.kadscope.gui.ring.RingCanvas;
import io.kadscope.transport.UdpNodeFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the window on a local network, runs a get, and writes a picture of each view to {@code
 * docs/images/} (or the folder given as the first argument). Run it under a real display (Xvfb is
 * enough): {@code scripts/screenshots.sh}.
 */
public final class ScreenshotTour {
  private static final Logger log = LoggerFactory.getLogger(ScreenshotTour.class);

  private final Path out;
  private final List<String> written = new ArrayList<>();
  private MainWindow window;
  private Scene scene;

  private ScreenshotTour(Path out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "docs/images");
    Files.createDirectories(out);
    NodeFactory factory = new UdpNodeFactory();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Platform.startup(() -> new ScreenshotTour(out).run(factory, done));
    try {
      done.get(3, TimeUnit.MINUTES);
    } finally {
      Platform.exit();
      factory.close();
    }
  }

  private void run(NodeFactory factory, CompletableFuture<Void> done) {
    window = MainWindow.create(new GuiLaunch(GuiLaunch.Mode.LOCAL, null, 0, 0, 24, factory));
    Stage stage = new Stage();
    scene = window.scene();
    stage.setScene(scene);
    stage.setTitle(window.title());
    stage.show();
    window
        .start()
        .thenCompose(s -> fx(() -> window.store().get()).thenCompose(f -> f))
        .thenCompose(v -> pause(1500))
        .thenCompose(v -> shot("lookup", () -> tab(3)))
        .thenCompose(v -> fx(() -> window.store().findNodes()).thenCompose(f -> f))
        .thenCompose(v -> pause(800))
        .thenCompose(v -> shot("lookup-find-node", () -> tab(3)))
        .thenCompose(v -> shot("lookup-rounds", this::pickDeepestLookup))
        .thenCompose(v -> shot("ring", () -> tab(0)))
        .thenCompose(v -> shot("ring-tooltip", this::hoverRing))
        .thenCompose(
            v -> shot("ring-distance", () -> window.ring().distanceViewProperty().set(true)))
        .thenCompose(v -> shot("tree", () -> tab(1)))
        .thenCompose(v -> shot("buckets", () -> tab(2)))
        .thenCompose(v -> shot("traffic", () -> tab(4)))
        .whenComplete(
            (v, err) -> {
              if (err != null) {
                log.error("screenshot tour failed", err);
                done.completeExceptionally(err);
              } else {
                log.info("wrote {}", written);
                window.close();
                done.complete(null);
              }
            });
  }

  private void tab(int index) {
    window.ring().distanceViewProperty().set(false);
    window.view().tabs().getSelectionModel().select(index);
  }

  /** Does {@code action} on the FX thread, lets a few pulses pass, then saves a picture. */
  private CompletableFuture<Void> shot(String name, Runnable action) {
    return fx(() -> {
          action.run();
          return null;
        })
        .thenCompose(v -> pause(400))
        .thenCompose(
            v ->
                fx(
                    () -> {
                      save(name);
                      return null;
                    }));
  }

  private void pickDeepestLookup() {
    window.lookups().lookups().stream()
        .filter(t -> t.finished())
        .max(Comparator.comparingInt((LookupTrace t) -> t.rounds()).thenComparingInt(t -> t.rpcs()))
        .ifPresent(window.lookups()::select);
  }

  private void hoverRing() {
    RingCanvas canvas = (RingCanvas) scene.lookup("#ringCanvas");
    if (canvas.drawnDots() > 0) {
      double[] p = canvas.positionOf(canvas.drawnDots() / 2);
      canvas.hoverAt(p[0], p[1]);
    }
  }

  private void save(String name) {
    WritableImage img = scene.snapshot(null);
    File f = out.resolve(name + ".png").toFile();
    try {
      ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", f);
      written.add(f.toString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + f + ": " + e.getMessage(), e);
    }
  }

  private static <T> CompletableFuture<T> fx(Supplier<T> s) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(() -> f.complete(s.get()));
    return f;
  }

  private static CompletableFuture<Void> pause(long ms) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          PauseTransition p = new PauseTransition(Duration.millis(ms));
          p.setOnFinished(e -> f.complete(null));
          p.play();
        });
    return f;
  }
}
