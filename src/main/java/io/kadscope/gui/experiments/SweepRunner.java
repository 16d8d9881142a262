package io.kadscope.gui.experiments;

import io.kadscope.gui.session.Progress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs a sweep of simulated networks of growing size and measures their lookups; the launcher hands
 * one in with the launch, so that the visualiser never reaches the simulator itself.
 */
@FunctionalInterface
public interface SweepRunner {

  /**
   * Starts a sweep; each size's figures go to {@code onPoint} (from any thread) as soon as they are
   * measured.
   */
  Sweep start(SweepSpec spec, Consumer<SweepPoint> onPoint, Progress progress);

  /** A sweep under way. */
  interface Sweep {
    /** Completes with every point measured, or exceptionally when cancelled or failed. */
    CompletableFuture<List<SweepPoint>> done();

    /** Stops the sweep as soon as it can; the points measured so far stay measured. */
    void cancel();
  }
}
