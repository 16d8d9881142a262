package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.gui.session.Progress;
import io.kadscope.gui.session.SimulatedNetwork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The visualiser's simulated networks: built by real joins, driven on one thread. */
class SimulatedPeersTest {

  @Test
  void aNetworkOutsideTheBounds_isRefusedWithTheBounds() {
    assertThatThrownBy(() -> new SimulatedPeers().build(999, 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a simulated network has 1,000 to 100,000 peers, found 999");
  }

  @Test
  void aBuiltNetwork_reportsItsProgress_runsCallsOnItsThread_andStepsOneEvent() throws Exception {
    List<String> progress = new ArrayList<>();
    try (SimulatedNetwork sim =
        new SimulatedPeers()
            .build(1_000, 7, (f, text) -> progress.add(text))
            .get(60, TimeUnit.SECONDS)) {
      assertThat(sim.peers()).hasSize(1_000);
      assertThat(progress).last().asString().startsWith("1,000 of 1,000 peers joined");
      assertThatThrownBy(() -> sim.setSpeed(0))
          .hasMessage("a speed is a positive factor, found 0.0");

      sim.setPaused(true);
      Instant before = sim.now();
      assertThat(sim.stepOne().get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(sim.now()).isAfter(before);
      String thread =
          CompletableFuture.supplyAsync(
                  () -> {
                    CompletableFuture<String> t = new CompletableFuture<>();
                    sim.execute(() -> t.complete(Thread.currentThread().getName()));
                    return t.join();
                  })
              .get(10, TimeUnit.SECONDS);
      assertThat(thread).isEqualTo("simulation");
    }
  }
}
