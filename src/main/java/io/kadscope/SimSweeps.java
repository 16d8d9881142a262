package io.kadscope;

import io.kadscope.bench.SimBench;
import io.kadscope.gui.experiments.SweepPoint;
import io.kadscope.gui.experiments.SweepRunner;
import io.kadscope.gui.experiments.SweepSpec;
import io.kadscope.gui.session.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Experiments view's sweeps on this build's simulator: workload W3 ({@link SimBench}) at each
 * size in turn, on a thread of its own. It measures the hop depth of lookups (not their rounds) and
 * has no churn model, so a sweep with churn is refused in words; a cancel takes effect once the
 * size under way is measured.
 */
final class SimSweeps implements SweepRunner {

  @Override
  public Sweep start(SweepSpec spec, Consumer<SweepPoint> onPoint, Progress progress) {
    CompletableFuture<List<SweepPoint>> done = new CompletableFuture<>();
    if (spec.churn() > 0) {
      done.completeExceptionally(
          new IllegalArgumentException(
              "this simulator has no churn model: run the sweep with churn 0"));
      return sweep(done, () -> {});
    }
    Thread t =
        new Thread(
            () -> {
              List<SweepPoint> points = new ArrayList<>();
              List<Integer> sizes = spec.sizes();
              try {
                for (int i = 0; i < sizes.size(); i++) {
                  if (done.isDone()) {
                    return;
                  }
                  int n = sizes.get(i);
                  progress.update(
                      i / (double) sizes.size(),
                      String.format(
                          "building and measuring %,d peers (%d of %d)…", n, i + 1, sizes.size()));
                  Map<String, Object> r =
                      new SimBench(new SimBench.Params(n, spec.lookups(), spec.loss(), spec.seed()))
                          .run();
                  SweepPoint p =
                      new SweepPoint(
                          n,
                          Double.NaN,
                          Double.NaN,
                          number(r, "rounds_mean"),
                          number(r, "rounds_p99"),
                          number(r, "rpcs_mean"),
                          number(r, "recall"),
                          number(r, "build_s"));
                  if (done.isDone()) {
                    return;
                  }
                  points.add(p);
                  onPoint.accept(p);
                }
                progress.update(1, "done");
                done.complete(List.copyOf(points));
              } catch (RuntimeException | OutOfMemoryError e) {
                done.completeExceptionally(e);
              }
            },
            "sweep");
    t.setDaemon(true);
    t.start();
    return sweep(
        done,
        () -> done.completeExceptionally(new CancellationException("the sweep was cancelled")));
  }

  private static double number(Map<String, Object> r, String key) {
    return ((Number) r.get(key)).doubleValue();
  }

  private static Sweep sweep(CompletableFuture<List<SweepPoint>> done, Runnable cancel) {
    return new Sweep() {
      @Override
      public CompletableFuture<List<SweepPoint>> done() {
        return done;
      }

      @Override
      public void cancel() {
        cancel.run();
      }
    };
  }
}
