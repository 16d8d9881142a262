package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pace of a port's queries, on a clock the test moves. */
class QueryPacerTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aBurst_goesAtOnce_thenEachQueryWaitsItsTurn() {
    QueryPacer pacer = new QueryPacer(10, 3, Duration.ofSeconds(10), 0);

    assertThat(pacer.reserve(0)).isZero();
    assertThat(pacer.reserve(0)).isZero();
    assertThat(pacer.reserve(0)).isZero();
    assertThat(pacer.reserve(0)).isEqualTo(SECOND / 10);
    assertThat(pacer.reserve(0)).isEqualTo(2 * SECOND / 10);
  }

  @Test
  void turnsComeBack_atThePace_upToTheBurst() {
    QueryPacer pacer = new QueryPacer(10, 2, Duration.ofSeconds(10), 0);
    pacer.reserve(0);
    pacer.reserve(0);

    assertThat(pacer.reserve(SECOND / 10)).isZero();
    assertThat(pacer.reserve(10 * SECOND)).isZero();
    assertThat(pacer.reserve(10 * SECOND)).isZero();
    assertThat(pacer.reserve(10 * SECOND)).as("the burst is full, not ten").isPositive();
  }

  @Test
  void aQueryThatWouldWaitTooLong_isRefused_andTakesNoTurn() {
    QueryPacer pacer = new QueryPacer(1, 1, Duration.ofSeconds(2), 0);
    pacer.reserve(0);
    assertThat(pacer.reserve(0)).isEqualTo(SECOND);
    assertThat(pacer.reserve(0)).isEqualTo(2 * SECOND);

    assertThat(pacer.reserve(0)).isEqualTo(-1);
    assertThat(pacer.reserve(0)).as("still refused: the refusal took no turn").isEqualTo(-1);
    assertThat(pacer.reserve(SECOND)).isEqualTo(2 * SECOND);
  }

  @Test
  void aPaceBelowOne_isRefused() {
    assertThatThrownBy(() -> new QueryPacer(0, 1, Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a pace is at least 1 query a second and a burst of 1, found 0 a second and a burst of 1");
  }
}
