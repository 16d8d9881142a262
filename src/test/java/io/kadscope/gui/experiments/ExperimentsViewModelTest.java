package io.kadscope.gui.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.gui.fx.RecordingNotifier;
import io.kadscope.gui.session.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ExperimentsViewModelTest {
  private final RecordingNotifier notifier = new RecordingNotifier();

  /** A runner that hands back what the test says, when it says. */
  private static final class Scripted implements SweepRunner {
    SweepSpec spec;
    Consumer<SweepPoint> onPoint;
    Progress progress;
    final CompletableFuture<List<SweepPoint>> done = new CompletableFuture<>();
    boolean cancelled;

    @Override
    public Sweep start(SweepSpec s, Consumer<SweepPoint> p, Progress pr) {
      spec = s;
      onPoint = p;
      progress = pr;
      return new Sweep() {
        @Override
        public CompletableFuture<List<SweepPoint>> done() {
          return done;
        }

        @Override
        public void cancel() {
          cancelled = true;
          done.completeExceptionally(new CancellationException("cancelled"));
        }
      };
    }
  }

  private static SweepPoint point(int n) {
    return new SweepPoint(n, Double.NaN, Double.NaN, 2, 3, 21, 1, 0.5);
  }

  @Test
  void aSweep_passesTheInputs_collectsEachPoint_andEndsDone() {
    Scripted runner = new Scripted();
    ExperimentsViewModel vm = new ExperimentsViewModel(runner, notifier, Runnable::run);
    vm.maxNodesProperty().set(10_000);
    vm.lossProperty().set("5 %");
    vm.lookupsProperty().set("50");

    vm.run();
    assertThat(runner.spec).isEqualTo(new SweepSpec(10_000, 50, 0.05, 0, 1));
    assertThat(runner.spec.sizes()).containsExactly(100, 1_000, 10_000);
    assertThat(vm.runningProperty().get()).isTrue();
    runner.progress.update(0.5, "building and measuring 1,000 peers (2 of 3)…");
    runner.onPoint.accept(point(100));
    runner.onPoint.accept(point(1_000));
    assertThat(vm.statusProperty().get()).isEqualTo("building and measuring 1,000 peers (2 of 3)…");
    runner.done.complete(List.of(point(100), point(1_000)));

    assertThat(vm.points()).extracting(SweepPoint::nodes).containsExactly(100, 1_000);
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.statusProperty().get()).isEqualTo("Done: 2 sizes measured.");
  }

  @Test
  void cancel_stopsTheSweep_andKeepsThePointsMeasured() {
    Scripted runner = new Scripted();
    ExperimentsViewModel vm = new ExperimentsViewModel(runner, notifier, Runnable::run);
    vm.run();
    runner.onPoint.accept(point(100));

    vm.cancel();

    assertThat(runner.cancelled).isTrue();
    assertThat(vm.runningProperty().get()).isFalse();
    assertThat(vm.points()).hasSize(1);
    assertThat(vm.statusProperty().get())
        .isEqualTo("Cancelled: the 1 size measured before stay on the chart.");
  }

  @Test
  void inputsThatAreNotNumbers_areRefusedInWords_andNothingRuns() {
    Scripted runner = new Scripted();
    ExperimentsViewModel vm = new ExperimentsViewModel(runner, notifier, Runnable::run);
    vm.churnProperty().set("lots");

    vm.run();

    assertThat(runner.spec).isNull();
    assertThat(notifier.errors)
        .containsExactly("Churn is a fraction such as 0.05 or 5 %, found \"lots\".");
  }

  @Test
  void aSweepOfOverAMillionPeers_orWithLossOfOne_isRefused() {
    List<String> errors = new ArrayList<>();
    for (Runnable r :
        List.<Runnable>of(
            () -> new SweepSpec(2_000_000, 1, 0, 0, 1), () -> new SweepSpec(1_000, 1, 1, 0, 1))) {
      try {
        r.run();
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    assertThat(errors)
        .containsExactly(
            "the largest network of a sweep has 100 to 1,000,000 peers, found 2,000,000",
            "loss is a probability from 0 to below 1, found 1.0");
  }
}
