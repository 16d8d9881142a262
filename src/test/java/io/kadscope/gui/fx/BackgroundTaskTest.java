package io.kadscope.gui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The background task on the bridge, drained by hand as the FX thread would: no FX thread runs. */
class BackgroundTaskTest {
  private final FxEventBridge bridge = new FxEventBridge();
  private final List<String> seen = new ArrayList<>();

  private BackgroundTask<Integer> recorded(CompletableFuture<Integer> call) {
    return BackgroundTask.of(
            "count contacts",
            () -> {
              seen.add("call");
              return call;
            })
        .onRunning(() -> seen.add("running"))
        .onSuccess(n -> seen.add("success " + n))
        .onFailure(e -> seen.add("failure " + e.getClass().getSimpleName() + ": " + e.getMessage()))
        .onFinished(() -> seen.add("finished"));
  }

  @Test
  void success_reachesTheCallbacksOnlyWhenTheBridgeDrains_inOrder() throws Exception {
    CompletableFuture<Integer> call = new CompletableFuture<>();
    CompletableFuture<Void> handled = recorded(call).executeWith(bridge);
    assertThat(seen).containsExactly("running", "call");

    call.complete(14);
    assertThat(seen).containsExactly("running", "call");
    assertThat(handled).isNotDone();
    FxEventBridgeTest.drainAll(bridge);

    assertThat(seen).containsExactly("running", "call", "success 14", "finished");
    assertThat(handled).isCompleted();
  }

  @Test
  void failure_isHandedOverUnwrapped_asTheEngineRaisedIt() throws Exception {
    CompletableFuture<Integer> call = new CompletableFuture<>();
    CompletableFuture<Void> handled = recorded(call).executeWith(bridge);
    IllegalStateException cause =
        new IllegalStateException("no seed answered: tried 127.0.0.1:9 (timeout after 5 s)");

    call.completeExceptionally(new CompletionException(new ExecutionException(cause)));
    FxEventBridgeTest.drainAll(bridge);

    assertThat(seen)
        .containsExactly(
            "running",
            "call",
            "failure IllegalStateException: no seed answered: tried 127.0.0.1:9"
                + " (timeout after 5 s)",
            "finished");
    assertThat(handled).isCompleted();
  }

  @Test
  void aCallThatThrowsInsteadOfReturningAFuture_failsTheTaskOnTheFxSide() {
    List<Throwable> failures = new ArrayList<>();
    CompletableFuture<Void> handled =
        BackgroundTask.<Integer>of(
                "store a value",
                () -> {
                  throw new IllegalArgumentException("value too large: 9005 bytes encoded");
                })
            .onFailure(failures::add)
            .executeWith(bridge);
    assertThat(failures).isEmpty();

    FxEventBridgeTest.drainAll(bridge);

    assertThat(failures).hasSize(1);
    assertThat(failures.get(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value too large: 9005 bytes encoded");
    assertThat(handled).isCompleted();
  }

  @Test
  void withADirectExecutor_theOutcomeIsHandledOnTheCallingThread() throws Exception {
    CompletableFuture<Void> handled =
        recorded(CompletableFuture.completedFuture(3)).executeWith(Runnable::run);

    handled.get(1, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("running", "call", "success 3", "finished");
  }

  @Test
  void aCallbackThatThrows_stillRunsOnFinished_andFailsTheHandledFuture() {
    CompletableFuture<Void> handled =
        BackgroundTask.of("read a count", () -> CompletableFuture.completedFuture(1))
            .onSuccess(
                n -> {
                  throw new IllegalStateException("a broken form");
                })
            .onFinished(() -> seen.add("finished"))
            .executeWith(bridge);

    FxEventBridgeTest.drainAll(bridge);

    assertThat(seen).containsExactly("finished");
    assertThatThrownBy(() -> handled.get(1, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a broken form");
  }
}
