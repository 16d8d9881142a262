package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.lookup.LookupMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SweepTest {
  private final Workload.Params base =
      new Workload.Params(
          100, 10, 0, 0, Latency.DEFAULT, 2, Simulation.Joins.DIRECT, LookupMode.PIPELINED);

  @Test
  void sizes_growTenfoldUpToTheLargestAsked() {
    assertThat(Sweep.sizes(100_000)).containsExactly(100, 1_000, 10_000, 100_000);
    assertThat(Sweep.sizes(5_000)).containsExactly(100, 1_000);
    assertThat(Sweep.sizes(1_000_000)).endsWith(1_000_000);
    assertThatThrownBy(() -> Sweep.sizes(50))
        .hasMessage("the largest network of a sweep has at least 100 peers, found 50");
  }

  @Test
  void aSweepMeasuresEachSizeInTurn_andTellsItsProgressUpToTheEnd() {
    List<Double> progress = new ArrayList<>();
    List<Integer> measured = new ArrayList<>();
    List<Workload.Figures> all =
        Sweep.run(
            base,
            1_000,
            new Sweep.Listener() {
              @Override
              public void progress(double fraction, String message) {
                progress.add(fraction);
              }

              @Override
              public void measured(Workload.Figures f) {
                measured.add(f.params().nodes());
              }
            },
            () -> false);

    assertThat(measured).containsExactly(100, 1_000);
    assertThat(all).extracting(f -> f.params().nodes()).containsExactly(100, 1_000);
    assertThat(all).allSatisfy(f -> assertThat(f.recall()).isGreaterThan(0.9));
    assertThat(progress).isSorted().last().isEqualTo(1.0);
  }

  @Test
  void aCancelledSweep_endsWithACancellation() throws Exception {
    List<Integer> measured = new ArrayList<>();
    Sweep.Running running =
        Sweep.start(
            base,
            100_000,
            new Sweep.Listener() {
              @Override
              public void measured(Workload.Figures f) {
                measured.add(f.params().nodes());
              }
            });
    running.cancel();

    assertThatThrownBy(() -> running.done().get(60, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class)
        .hasMessage("the sweep was cancelled");
    running.stopped().get(60, TimeUnit.SECONDS);
    assertThat(measured).as("stopped long before 100,000 peers").doesNotContain(100_000);
  }
}
