package io.kadscope;

import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.gui.experiments.SweepPoint;
import io.kadscope.gui.experiments.SweepRunner;
import io.kadscope.gui.experiments.SweepSpec;
import io.kadscope.gui.session.Progress;
import io.kadscope.sim.Latency;
import io.kadscope.sim.Simulation;
import io.kadscope.sim.Sweep.Listener;
import io.kadscope.sim.Sweep.Running;
import io.kadscope.sim.Workload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The Experiments view's sweeps on the engine's simulator: {@link io.kadscope.sim.Sweep}, the sweep
 * of {@code bench sim --sweep}, on a thread of its own, each size built by indexed joins and
 * measured by random node lookups (workload W3, {@link Workload}). Each point carries both counts
 * of a lookup's steps: its rounds (the round trips it waited in turn, the Python package's
 * "rounds") and its hop depth.
 */
final class SimSweeps implements SweepRunner {

  @Override
  public SweepRunner.Sweep start(SweepSpec spec, Consumer<SweepPoint> onPoint, Progress progress) {
    Workload.Params base;
    try {
      base = params(spec);
    } catch (IllegalArgumentException e) {
      return sweep(CompletableFuture.failedFuture(e), () -> {});
    }
    CompletableFuture<Running> started = new CompletableFuture<>();
    Running running =
        io.kadscope.sim.Sweep.start(
            base,
            spec.maxNodes(),
            new Listener() {
              @Override
              public void progress(double fraction, String message) {
                progress.update(fraction, message);
              }

              @Override
              public void measured(Workload.Figures f) {
                // A size measured just as the sweep was cancelled is not news any more.
                Running r = started.getNow(null);
                if (r == null || !r.done().isDone()) {
                  onPoint.accept(point(f));
                }
              }
            });
    started.complete(running);
    CompletableFuture<List<SweepPoint>> done =
        running.done().thenApply(all -> all.stream().map(SimSweeps::point).toList());
    return sweep(done, running::cancel);
  }

  private static SweepRunner.Sweep sweep(
      CompletableFuture<List<SweepPoint>> done, Runnable cancel) {
    return new SweepRunner.Sweep() {
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

  /**
   * The workload of a spec at its first size. The spec's churn is the share of the peers that leave
   * (and as many that join) while the lookups run, one started every {@link
   * Workload#LOOKUP_INTERVAL}; the workload's is a rate per virtual minute.
   *
   * @throws IllegalArgumentException when that rate is one peer in every peer a minute or more
   */
  static Workload.Params params(SweepSpec spec) {
    Duration lookupsRun = Workload.LOOKUP_INTERVAL.multipliedBy(spec.lookups());
    double perMinute = spec.churn() * Duration.ofMinutes(1).toNanos() / lookupsRun.toNanos();
    if (perMinute >= 1) {
      throw new IllegalArgumentException(
          String.format(
              "churn %s over %,d lookups (%.1f virtual s) is %.2f of the peers a minute, and the"
                  + " simulator takes less than 1: lower the churn or measure more lookups",
              spec.churn(), spec.lookups(), lookupsRun.toMillis() / 1e3, perMinute));
    }
    return new Workload.Params(
        io.kadscope.sim.Sweep.SIZES.get(0),
        spec.lookups(),
        spec.loss(),
        perMinute,
        Latency.DEFAULT,
        spec.seed(),
        Simulation.Joins.INDEXED,
        LookupMode.PIPELINED);
  }

  /** A size's figures as the view charts them. */
  static SweepPoint point(Workload.Figures f) {
    return new SweepPoint(
        f.params().nodes(),
        f.iterationsMean(),
        f.iterationsP99(),
        f.hopsMean(),
        f.hopsP99(),
        f.rpcsMean(),
        f.recall(),
        f.buildSeconds());
  }
}
