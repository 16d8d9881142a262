package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.gui.session.Progress;
import io.kadscope.gui.session.SimulatedNetwork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The visualiser's simulated networks: built on the engine's simulator, the window's node last by a
 * real join, driven on one thread.
 */
class SimulatedPeersTest {

  @Test
  void aNetworkOutsideTheBounds_isRefusedWithTheBounds() {
    assertThatThrownBy(() -> new SimulatedPeers().build(999, 1, Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a simulated network has 1,000 to 100,000 peers, found 999");
    assertThatThrownBy(() -> new SimulatedPeers().build(100_001, 1, Progress.NONE))
        .hasMessage("a simulated network has 1,000 to 100,000 peers, found 100,001");
  }

  @Test
  void aBuiltNetwork_reportsItsProgress_runsCallsOnItsThread_andStepsOneEvent() throws Exception {
    List<String> progress = new CopyOnWriteArrayList<>();
    try (SimulatedNetwork sim =
        new SimulatedPeers()
            .build(1_000, 7, (f, text) -> progress.add(text))
            .get(120, TimeUnit.SECONDS)) {
      assertThat(sim.peers()).hasSize(1_000);
      assertThat(progress)
          .anyMatch(t -> t.contains(" of 1,000 peers joined") && t.endsWith("(real joins)"));
      assertThat(progress).last().asString().startsWith("1,000 peers joined");
      assertThat(sim.latencyMillis()).isEqualTo(10);
      assertThatThrownBy(() -> sim.setSpeed(0)).hasMessageStartingWith("a speed is a factor from");

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

  @Test
  void aBigNetwork_isBuiltByIndexedJoins_andTheWindowsNodeJoinedLastWithATableOfManyBuckets()
      throws Exception {
    List<String> progress = new CopyOnWriteArrayList<>();
    try (SimulatedNetwork sim =
        new SimulatedPeers()
            .build(5_000, 3, (f, text) -> progress.add(text))
            .get(120, TimeUnit.SECONDS)) {
      assertThat(sim.peers()).hasSize(5_000);
      assertThat(progress)
          .anyMatch(t -> t.contains(" of 5,000 peers joined") && t.endsWith("(indexed joins)"));
      assertThat(progress).contains("the window's node joins 4,999 peers…");
      KademliaNode you = sim.peers().get(4_999);
      assertThat(sim.newestPeer()).isEqualTo(you.id());
      CompletableFuture<RoutingSnapshot> table = new CompletableFuture<>();
      sim.execute(() -> table.complete(you.routingSnapshot()));
      RoutingSnapshot s = table.get(10, TimeUnit.SECONDS);
      assertThat(s.nonEmptyBuckets()).hasSizeGreaterThanOrEqualTo(6);
      assertThat(s.size()).as("contacts of the window's node").isGreaterThan(100);
    }
  }

  @Test
  void cancellingTheBuild_stopsItsThread() throws Exception {
    CompletableFuture<SimulatedNetwork> f = new SimulatedPeers().build(100_000, 1, Progress.NONE);
    f.cancel(false);
    Optional<Thread> builder =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("simulation-build"))
            .findFirst();
    if (builder.isPresent()) {
      builder.get().join(TimeUnit.SECONDS.toMillis(60));
      assertThat(builder.get().isAlive())
          .as("the build's thread, a minute after the cancel")
          .isFalse();
    }
    assertThat(f).isCancelled();
  }
}
