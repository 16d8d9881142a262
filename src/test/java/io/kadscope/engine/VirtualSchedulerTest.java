package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  private final Instant start = Instant.parse("2024-05-01T12:00:00Z");
  private final VirtualScheduler time = new VirtualScheduler(start);
  private final List<String> ran = new ArrayList<>();

  @Test
  void tasksRunAtTheirTime_inTimeOrder_andThoseDueTogetherInTheOrderScheduled() {
    time.schedule(Duration.ofMillis(30), () -> ran.add("c@" + time.now()));
    time.schedule(Duration.ofMillis(10), () -> ran.add("a@" + time.now()));
    time.schedule(Duration.ofMillis(10), () -> ran.add("b@" + time.now()));

    assertThat(time.advance(Duration.ofMillis(29))).isEqualTo(2);
    assertThat(ran).containsExactly("a@2024-05-01T12:00:00.010Z", "b@2024-05-01T12:00:00.010Z");
    assertThat(time.now()).isEqualTo(start.plusMillis(29));
    time.advance(Duration.ofMillis(1));
    assertThat(ran).hasSize(3).last().isEqualTo("c@2024-05-01T12:00:00.030Z");
  }

  @Test
  void manyTasksInRandomOrder_runSortedByTime() {
    Random r = new Random(3);
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      long ms = r.nextInt(1000);
      time.schedule(Duration.ofMillis(ms), () -> seen.add(time.now().toEpochMilli()));
    }
    time.advance(Duration.ofSeconds(1));
    assertThat(seen).hasSize(5000).isSorted();
  }

  @Test
  void aPeriodicTaskRunsEveryPeriod_untilCancelled() {
    Scheduler.Cancellable c = time.scheduleEvery(Duration.ofSeconds(1), () -> ran.add("tick"));
    time.advance(Duration.ofMillis(3500));
    assertThat(ran).hasSize(3);
    c.cancel();
    time.advance(Duration.ofSeconds(10));
    assertThat(ran).hasSize(3);
  }

  @Test
  void aCancelledTaskNeverRuns_andIsNotCountedAsNext() {
    Scheduler.Cancellable c = time.schedule(Duration.ofMillis(5), () -> ran.add("cancelled"));
    time.schedule(Duration.ofMillis(9), () -> ran.add("kept"));
    c.cancel();

    assertThat(time.nextDue()).isEqualTo(start.plusMillis(9));
    assertThat(time.runNext()).isTrue();
    assertThat(ran).containsExactly("kept");
    assertThat(time.runNext()).isFalse();
    assertThat(time.nextDue()).isNull();
  }

  @Test
  void runOne_runsOneTaskAlone_whileRunNextRunsAllDueThen() {
    time.schedule(Duration.ofMillis(5), () -> ran.add("a"));
    time.schedule(Duration.ofMillis(5), () -> ran.add("b"));
    time.schedule(Duration.ofMillis(5), () -> ran.add("c"));

    assertThat(time.runOne()).isTrue();
    assertThat(ran).containsExactly("a");
    assertThat(time.now()).isEqualTo(start.plusMillis(5));
    assertThat(time.runNext()).isTrue();
    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(time.runOne()).isFalse();
  }

  @Test
  void aTaskScheduledForNowByARunningTask_runsInTheSameAdvance() {
    time.schedule(
        Duration.ofMillis(1),
        () -> {
          ran.add("first");
          time.execute(() -> ran.add("then"));
        });
    time.advance(Duration.ofMillis(1));
    assertThat(ran).containsExactly("first", "then");
    assertThat(time.queued()).isZero();
  }

  @Test
  void theClockReadsVirtualTime() {
    assertThat(time.clock().instant()).isEqualTo(start);
    time.advance(Duration.ofHours(2));
    assertThat(time.clock().instant()).isEqualTo(start.plus(Duration.ofHours(2)));
    time.runUntil(start.plusSeconds(60));
    assertThat(time.now()).as("never goes back").isEqualTo(start.plus(Duration.ofHours(2)));
  }

  @Test
  void aPeriodThatIsNotPositive_isRefusedWithWhatWasFound() {
    assertThatThrownBy(() -> time.scheduleEvery(Duration.ZERO, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a period must be positive, found PT0S");
  }
}
