package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.Futures;
import io.kadscope.gui.experiments.SweepPoint;
import io.kadscope.gui.experiments.SweepRunner;
import io.kadscope.gui.experiments.SweepSpec;
import io.kadscope.gui.session.Progress;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Experiments view's sweeps run the engine's sweep and carry rounds beside hop depth. */
class SimSweepsTest {

  @Test
  void aSweep_measuresEachSize_withRoundsAtLeastTheHopDepth_andReportsProgress() throws Exception {
    List<SweepPoint> told = new CopyOnWriteArrayList<>();
    List<Double> progress = new CopyOnWriteArrayList<>();
    SweepRunner.Sweep s =
        new SimSweeps()
            .start(new SweepSpec(1_000, 20, 0, 0, 3), told::add, (f, t) -> progress.add(f));

    List<SweepPoint> all = s.done().get(120, TimeUnit.SECONDS);

    assertThat(all).extracting(SweepPoint::nodes).containsExactly(100, 1_000);
    assertThat(told).isEqualTo(all);
    for (SweepPoint p : all) {
      assertThat(p.hasRounds()).isTrue();
      assertThat(p.roundsMean()).isGreaterThanOrEqualTo(p.hopsMean());
      assertThat(p.hopsMean()).isGreaterThanOrEqualTo(1);
      assertThat(p.rpcsMean()).isGreaterThanOrEqualTo(p.roundsMean());
      assertThat(p.recall()).isGreaterThanOrEqualTo(0.95);
    }
    assertThat(progress).isSorted().last().isEqualTo(1.0);
  }

  @Test
  void aCancelledSweep_failsWithACancellation() {
    SweepRunner.Sweep s =
        new SimSweeps().start(new SweepSpec(100_000, 200, 0, 0, 1), p -> {}, Progress.NONE);
    s.cancel();

    assertThatThrownBy(() -> s.done().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(Futures.unwrap(e)).isInstanceOf(CancellationException.class));
  }

  @Test
  void churnTheSimulatorCannotRun_failsTheSweepInWords() {
    SweepRunner.Sweep s =
        new SimSweeps().start(new SweepSpec(1_000, 100, 0, 0.5, 1), p -> {}, Progress.NONE);

    assertThatThrownBy(() -> s.done().get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalArgumentException.class)
        .hasRootCauseMessage(
            "churn 0.5 over 100 lookups (10.0 virtual s) is 3.00 of the peers a minute, and the"
                + " simulator takes less than 1: lower the churn or measure more lookups");
  }

  @Test
  void churnWhileTheLookupsRun_becomesTheSimulatorsRatePerMinute() {
    assertThat(SimSweeps.params(new SweepSpec(1_000, 200, 0.02, 0.1, 9)).churn())
        .as("a tenth of the peers over 200 lookups, 20 virtual s")
        .isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
  }
}
