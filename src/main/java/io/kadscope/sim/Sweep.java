package io.kadscope.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Workload W3 at growing sizes, 100, 1,000, 10,000, 100,000 peers (1,000,000 when asked), each
 * measured as {@code bench sim} measures one: how the rounds and RPCs of a lookup grow with the
 * network. Runs on the calling thread ({@link #run}) or on one of its own ({@link #start}), telling
 * a {@link Listener} of its progress and of each size as it is measured, and can be cancelled.
 */
public final class Sweep {
  /** The sizes a sweep steps through, up to its largest. */
  public static final List<Integer> SIZES = List.of(100, 1_000, 10_000, 100_000, 1_000_000);

  /** Told of a sweep's progress and results, on the sweep's thread. */
  public interface Listener {
    /** Ignores everything. */
    Listener NONE = new Listener() {};

    /** How far the whole sweep has come, from 0 to 1, and what is under way. */
    default void progress(double fraction, String message) {}

    /** One size was measured. */
    default void measured(Workload.Figures figures) {}
  }

  /** A sweep under way on its own thread. */
  public interface Running {
    /**
     * Completes with the figures of every size, or exceptionally (a cancel: {@link
     * CancellationException}).
     */
    CompletableFuture<List<Workload.Figures>> done();

    /**
     * Asks the sweep to stop: {@link #done()} fails with a {@link CancellationException} at once,
     * and the work stops within moments, at the next half per cent of a build or per cent of the
     * lookups.
     */
    void cancel();

    /** Completes once the sweep's thread has ended, done or cancelled, its networks released. */
    CompletableFuture<Void> stopped();
  }

  private Sweep() {}

  /**
   * The sizes of a sweep whose largest network has at most {@code maxNodes} peers.
   *
   * @throws IllegalArgumentException when {@code maxNodes} is below the smallest size
   */
  public static List<Integer> sizes(int maxNodes) {
    if (maxNodes < SIZES.get(0)) {
      throw new IllegalArgumentException(
          "the largest network of a sweep has at least "
              + SIZES.get(0)
              + " peers, found "
              + maxNodes);
    }
    List<Integer> out = new ArrayList<>();
    for (int n : SIZES) {
      if (n <= maxNodes) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * Runs the sweep on the calling thread: {@code base} at each size up to {@code maxNodes}.
   *
   * @throws CancellationException once {@code cancelled} says so
   */
  public static List<Workload.Figures> run(
      Workload.Params base, int maxNodes, Listener listener, BooleanSupplier cancelled) {
    Objects.requireNonNull(listener, "listener");
    List<Integer> sizes = sizes(maxNodes);
    double total = sizes.stream().mapToDouble(Sweep::weight).sum();
    double done = 0;
    List<Workload.Figures> out = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      int n = sizes.get(i);
      double before = done;
      double w = weight(n);
      String size = String.format("%,d peers (%d of %d)", n, i + 1, sizes.size());
      Workload.Figures f =
          Workload.run(
              base.withNodes(n),
              (fraction, message) ->
                  listener.progress((before + w * fraction) / total, size + ": " + message),
              cancelled);
      done += w;
      out.add(f);
      listener.measured(f);
    }
    listener.progress(1, "done");
    return List.copyOf(out);
  }

  /** Starts the sweep on a daemon thread of its own. */
  public static Running start(Workload.Params base, int maxNodes, Listener listener) {
    sizes(maxNodes);
    CompletableFuture<List<Workload.Figures>> done = new CompletableFuture<>();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    BooleanSupplier cancelled = done::isDone;
    Thread t =
        new Thread(
            () -> {
              try {
                done.complete(run(base, maxNodes, listener, cancelled));
              } catch (RuntimeException | OutOfMemoryError e) {
                done.completeExceptionally(e);
              } finally {
                stopped.complete(null);
              }
            },
            "sim-sweep");
    t.setDaemon(true);
    t.start();
    return new Running() {
      @Override
      public CompletableFuture<List<Workload.Figures>> done() {
        return done;
      }

      @Override
      public void cancel() {
        done.completeExceptionally(new CancellationException("the sweep was cancelled"));
      }

      @Override
      public CompletableFuture<Void> stopped() {
        return stopped;
      }
    };
  }

  /** A size's share of a sweep's time: building dominates, and grows with the peers. */
  private static double weight(int n) {
    return n + 2000.0;
  }
}
