package io.kadscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's driver: every operation runs once, no more than the lanes' width are in flight, a
 * lane goes on from its operation's completion, and the first failure ends the run.
 */
class LanesTest {

  /** Operations whose futures the test completes by hand, in the order it chooses. */
  private static final class Pending {
    final List<Integer> started = new ArrayList<>();
    final List<CompletableFuture<Void>> futures = new ArrayList<>();
    int inFlight;
    int maxInFlight;

    CompletableFuture<Void> start(int i) {
      started.add(i);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      CompletableFuture<Void> f = new CompletableFuture<>();
      futures.add(f);
      return f.whenComplete((v, e) -> inFlight--);
    }

    void complete(int i) {
      futures.get(started.indexOf(i)).complete(null);
    }
  }

  @Test
  void aSequenceStartsEachOperationOnlyWhenTheLastHasEnded() {
    Pending ops = new Pending();
    CompletableFuture<Void> done = Lanes.sequence(3, ops::start);

    assertThat(ops.started).containsExactly(0);
    ops.complete(0);
    assertThat(ops.started).containsExactly(0, 1);
    ops.complete(1);
    ops.complete(2);

    assertThat(ops.started).containsExactly(0, 1, 2);
    assertThat(ops.maxInFlight).isEqualTo(1);
    assertThat(done).isCompleted();
  }

  @Test
  void lanesKeepTheirWidthInFlightAndTakeTheNextIndexAsOneEnds() {
    Pending ops = new Pending();
    CompletableFuture<Void> done = Lanes.inLanes(6, 2, ops::start);

    assertThat(ops.started).containsExactly(0, 1);
    ops.complete(1);
    assertThat(ops.started).containsExactly(0, 1, 2);
    ops.complete(0);
    assertThat(ops.started).containsExactly(0, 1, 2, 3);
    assertThat(done).isNotDone();
    for (int i = 2; i < 6; i++) {
      ops.complete(i);
    }

    assertThat(ops.started).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(ops.maxInFlight).isEqualTo(2);
    assertThat(done).isCompleted();
  }

  @Test
  void aLongRunOfOperationsThatEndAtOnceDoesNotOverflowTheStack() {
    AtomicInteger ran = new AtomicInteger();

    CompletableFuture<Void> done =
        Lanes.sequence(
            200_000,
            i -> {
              ran.incrementAndGet();
              return CompletableFuture.completedFuture(null);
            });

    assertThat(done).isCompleted();
    assertThat(ran).hasValue(200_000);
  }

  @Test
  void theFirstFailureFailsTheRunAndNoLaneStartsAnotherOperation() {
    Pending ops = new Pending();
    CompletableFuture<Void> done = Lanes.inLanes(10, 2, ops::start);

    ops.futures.get(0).completeExceptionally(new IllegalStateException("peer gone"));
    ops.complete(1);

    assertThatThrownBy(done::join)
        .isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("peer gone");
    assertThat(ops.started).containsExactly(0, 1);
  }

  @Test
  void anOperationThatThrowsFailsTheRun() {
    CompletableFuture<Void> done =
        Lanes.sequence(
            3,
            i -> {
              throw new IllegalArgumentException("bad key " + i);
            });

    assertThatThrownBy(done::join).hasRootCauseMessage("bad key 0");
  }

  @Test
  void noOperationsEndAtOnceAndABadWidthIsRefused() {
    assertThat(Lanes.inLanes(0, 4, i -> new CompletableFuture<Void>())).isCompleted();
    assertThatThrownBy(() -> Lanes.inLanes(3, 0, i -> CompletableFuture.completedFuture(null)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
