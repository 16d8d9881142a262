package io.kadscope.gui.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.gui.fx.RecordingNotifier;
import io.kadscope.gui.session.Progress;
import io.kadscope.testing.FxClick;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Experiments view runs a sweep with its progress, charts each point, and cancels. */
@ExtendWith(ApplicationExtension.class)
class ExperimentsViewTest {
  private final AtomicReference<Consumer<SweepPoint>> points = new AtomicReference<>();
  private final AtomicReference<Progress> progress = new AtomicReference<>();
  private final CompletableFuture<List<SweepPoint>> done = new CompletableFuture<>();

  @Start
  void start(Stage stage) {
    SweepRunner runner =
        (spec, onPoint, p) -> {
          points.set(onPoint);
          progress.set(p);
          return new SweepRunner.Sweep() {
            @Override
            public CompletableFuture<List<SweepPoint>> done() {
              return done;
            }

            @Override
            public void cancel() {
              done.completeExceptionally(new CancellationException("cancelled"));
            }
          };
        };
    ExperimentsViewModel vm =
        new ExperimentsViewModel(runner, new RecordingNotifier(), Platform::runLater);
    stage.setScene(new Scene(ExperimentsView.create(vm), 1024, 700));
    stage.show();
  }

  @Test
  void runningASweep_chartsEachPointBesideLog2N_showsProgress_andCancelStopsIt() throws Exception {
    FxRobot robot = new FxRobot();
    FxClick.on(robot, "#sweepRun");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> points.get() != null);
    progress.get().update(0.5, "building and measuring 1,000 peers (2 of 3)…");
    points.get().accept(new SweepPoint(100, 3.1, 5, 1.7, 3, 20.1, 1, 0.2));
    points.get().accept(new SweepPoint(1_000, 4.2, 7, 2.3, 3, 21.5, 1, 4.4));
    WaitForAsyncUtils.waitForFxEvents();

    @SuppressWarnings("unchecked")
    LineChart<Number, Number> chart = robot.lookup("#roundsChart").queryAs(LineChart.class);
    List<String> names = chart.getData().stream().map(XYChart.Series::getName).toList();
    assertThat(names)
        .containsExactly(
            "rounds, mean", "rounds, p99", "hop depth, mean", "hop depth, p99", "log₂ n");
    assertThat(chart.getData().get(0).getData()).hasSize(2);
    assertThat(chart.getData().get(4).getData().get(1).getYValue().doubleValue())
        .isEqualTo(Math.log(1000) / Math.log(2));
    assertThat(robot.lookup("#sweepProgress").queryAs(ProgressBar.class).getProgress())
        .isEqualTo(0.5);

    FxClick.on(robot, "#sweepCancel");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(done).isCompletedExceptionally();
    assertThat(robot.lookup("#sweepStatus").queryLabeled().getText())
        .isEqualTo("Cancelled: the 2 sizes measured before stay on the chart.");
  }
}
