package io.kadscope.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs operations 0 … count-1 in {@code width} lanes: each lane starts its next operation from the
 * completion of its last one, on whichever thread completed it (the peers' event loop), as an
 * asyncio program's {@code await} in a loop does. A driver thread that blocked on each future
 * instead would add two hand-overs between threads to every operation (a wake-up of the driver,
 * then a wake-up of the event loop for its next request), which is the cost of the benchmark's
 * harness, not of the engine it measures.
 *
 * <p>An operation that completes at once (a get answered from the local store) is followed in the
 * same loop, not by recursion, so a long run of them cannot overflow the stack. The first failure
 * fails the whole run and no lane starts another operation after it.
 */
final class Lanes {
  private final int count;
  private final IntFunction<? extends CompletionStage<?>> step;
  private final AtomicInteger next = new AtomicInteger();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final AtomicInteger lanesLeft;

  private Lanes(int count, int width, IntFunction<? extends CompletionStage<?>> step) {
    this.count = count;
    this.step = step;
    this.lanesLeft = new AtomicInteger(width);
  }

  /** Operations 0 … count-1 one after the other. */
  static CompletableFuture<Void> sequence(
      int count, IntFunction<? extends CompletionStage<?>> step) {
    return inLanes(count, 1, step);
  }

  /**
   * Operations 0 … count-1 with up to {@code width} in flight: each lane takes the next index not
   * yet taken when its operation ends. Completes when every operation has ended.
   */
  static CompletableFuture<Void> inLanes(
      int count, int width, IntFunction<? extends CompletionStage<?>> step) {
    if (count < 0 || width < 1) {
      throw new IllegalArgumentException("count " + count + ", width " + width);
    }
    Lanes lanes = new Lanes(count, Math.min(width, Math.max(count, 1)), step);
    int w = lanes.lanesLeft.get();
    for (int l = 0; l < w; l++) {
      lanes.run();
    }
    return lanes.done;
  }

  /** Runs this lane until its operation is pending, the indices are used up, or a failure. */
  private void run() {
    while (!done.isDone()) {
      int i = next.getAndIncrement();
      if (i >= count) {
        if (lanesLeft.decrementAndGet() == 0) {
          done.complete(null);
        }
        return;
      }
      CompletableFuture<?> f;
      try {
        f = step.apply(i).toCompletableFuture();
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
        return;
      }
      if (f.isDone()) {
        if (f.isCompletedExceptionally()) {
          f.whenComplete((v, err) -> done.completeExceptionally(err));
          return;
        }
        continue;
      }
      f.whenComplete(
          (v, err) -> {
            if (err != null) {
              done.completeExceptionally(err);
            } else {
              run();
            }
          });
      return;
    }
  }
}
