package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The driver on a fake wall clock (one turn of its loop per tick), and on its own thread. */
class SimDriverTest {
  private final AtomicLong wall = new AtomicLong(1_000_000_000L);
  private final Simulation sim = Simulation.builder().peers(30).seed(3).build();
  private final SimDriver driver = SimDriver.manual(sim, wall::get);
  private final List<String> ran = new ArrayList<>();
  private final Instant start = sim.time().now();

  private void at(long virtualMillis, String what) {
    Duration d = Duration.between(sim.time().now(), start.plusMillis(virtualMillis));
    sim.time()
        .schedule(
            d,
            () -> ran.add(what + "@" + (sim.time().now().toEpochMilli() - start.toEpochMilli())));
  }

  private void wallPasses(long millis) {
    wall.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    driver.tick();
  }

  @Test
  void atRealTime_virtualTimeFollowsTheWallClock() {
    driver.tick();
    at(100, "a");
    wallPasses(99);
    assertThat(ran).isEmpty();
    assertThat(driver.now()).isEqualTo(start.plusMillis(99));
    wallPasses(1);
    assertThat(ran).containsExactly("a@100");
  }

  @Test
  void inSlowMotion_aVirtualMillisecondLastsLonger() {
    driver.setSpeed(0.01);
    driver.tick();
    at(2, "a");
    wallPasses(150);
    assertThat(ran).isEmpty();
    assertThat(driver.now()).isEqualTo(start.plusNanos(1_500_000));
    wallPasses(50);
    assertThat(ran).containsExactly("a@2");
  }

  @Test
  void faster_runsAheadOfTheWallClock_andAsFastAsPossibleIgnoresIt() {
    driver.setSpeed(10);
    driver.tick();
    at(1000, "a");
    at(60_000, "b");
    wallPasses(100);
    assertThat(ran).containsExactly("a@1000");
    driver.setSpeed(SimDriver.AS_FAST_AS_POSSIBLE);
    driver.tick();
    assertThat(ran).containsExactly("a@1000", "b@60000");
  }

  @Test
  void paused_virtualTimeStandsStill_andResumesWhereItStood() {
    driver.tick();
    at(50, "a");
    driver.setPaused(true);
    wallPasses(1000);
    assertThat(ran).isEmpty();
    assertThat(driver.now()).isEqualTo(start);
    driver.setPaused(false);
    wallPasses(49);
    assertThat(ran).isEmpty();
    wallPasses(1);
    assertThat(ran).containsExactly("a@50");
  }

  @Test
  void step_runsExactlyOneEvent_evenWhenPaused() {
    driver.setPaused(true);
    driver.tick();
    at(10, "a");
    at(10, "b");
    at(20, "c");
    CompletableFuture<Boolean> one = driver.step();
    driver.tick();
    assertThat(one).isCompletedWithValue(true);
    assertThat(ran).containsExactly("a@10");
    assertThat(driver.now()).isEqualTo(start.plusMillis(10));
    driver.step();
    driver.step();
    driver.tick();
    assertThat(ran).containsExactly("a@10", "b@10", "c@20");
    wallPasses(5000);
    assertThat(ran).as("still paused").hasSize(3);
  }

  @Test
  void aSpeedOutOfRange_isRefused_sayingWhatIsAllowed() {
    assertThatThrownBy(() -> driver.setSpeed(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a speed is a factor from 1.0E-4 to 1000000.0, or as fast as possible (infinity),"
                + " found 0.0");
    assertThatThrownBy(() -> driver.setSpeed(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLookupSubmittedFromAnotherThread_unfoldsOnVirtualTime_andItsEventsComeOnTheDriversThread()
      throws Exception {
    ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
    KademliaNode you = sim.peers().get(sim.size() - 1);
    NodeId target = sim.peers().get(0).id();
    try (SimDriver real = SimDriver.start(sim)) {
      real.setSpeed(SimDriver.AS_FAST_AS_POSSIBLE);
      real.execute(
          () ->
              you.addListener(
                  e -> {
                    if (e instanceof EngineEvent.LookupStep) {
                      threads.add(Thread.currentThread().getName());
                    }
                  }));
      LookupResult r =
          real.submit(() -> you.findNode(target)).thenCompose(f -> f).get(30, TimeUnit.SECONDS);
      assertThat(r.closest().get(0).id()).isEqualTo(target);
      assertThat(threads).isNotEmpty().containsOnly("simulation");
      assertThat(real.submit(real::eventsRun).get(30, TimeUnit.SECONDS)).isPositive();
    }
    assertThat(you.isRunning()).as("closing the driver stops the nodes").isFalse();
  }
}
