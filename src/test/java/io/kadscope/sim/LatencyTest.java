package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyTest {

  @Test
  void aBareDurationIsAFixedDelay_andEverySpecReadsBackAsWritten() {
    assertThat(Latency.parse("10ms")).isEqualTo(Latency.fixed(Duration.ofMillis(10)));
    assertThat(Latency.parse("fixed:1.5s").min()).isEqualTo(Duration.ofMillis(1500));
    for (String spec :
        new String[] {"10ms", "250us", "2s", "uniform:5ms..150ms", "plane:5ms..150ms+2ms"}) {
      assertThat(Latency.parse(spec)).hasToString(spec);
      assertThat(Latency.parse(Latency.parse(spec).toString())).isEqualTo(Latency.parse(spec));
    }
  }

  @Test
  void aLinksDelayIsTheSameBothWaysAndEveryTime_andStaysInItsRange() {
    for (String spec : new String[] {"uniform:5ms..150ms", "plane:5ms..150ms"}) {
      Latency l = Latency.parse(spec);
      for (int a = 1; a < 200; a++) {
        int b = 1000 - a;
        long d = l.linkNanos(42, a, b);
        assertThat(l.linkNanos(42, b, a)).as(spec).isEqualTo(d);
        assertThat(l.linkNanos(42, a, b)).isEqualTo(d);
        assertThat(d).isBetween(5_000_000L, 150_000_000L);
      }
    }
  }

  @Test
  void linksDifferFromSeedToSeed_andSpreadOverTheRange() {
    Latency l = Latency.parse("uniform:0ms..100ms");
    assertThat(l.linkNanos(1, 3, 4)).isNotEqualTo(l.linkNanos(2, 3, 4));
    double sum = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      sum += l.linkNanos(7, i, i + 1);
    }
    assertThat(sum / n / 1e6).as("mean in ms").isBetween(48.0, 52.0);
  }

  @Test
  void onThePlane_aHostIsNearItself_andDelaysKeepTheTriangleInequality() {
    Latency l = Latency.parse("plane:0ms..100ms");
    assertThat(l.linkNanos(9, 5, 5)).isZero();
    Random r = new Random(1);
    for (int i = 0; i < 2000; i++) {
      int a = r.nextInt(10_000);
      int b = r.nextInt(10_000);
      int c = r.nextInt(10_000);
      // rounding to whole nanoseconds may cost one per leg
      assertThat(l.linkNanos(9, a, c))
          .isLessThanOrEqualTo(l.linkNanos(9, a, b) + l.linkNanos(9, b, c) + 2);
    }
  }

  @Test
  void jitterAddsUpToItsBound_toEachMessage() {
    Latency l = Latency.parse("10ms+2ms");
    Random r = new Random(3);
    long least = Long.MAX_VALUE;
    long most = 0;
    for (int i = 0; i < 5000; i++) {
      long d = l.messageNanos(0, 1, 2, r);
      least = Math.min(least, d);
      most = Math.max(most, d);
    }
    assertThat(least).isGreaterThanOrEqualTo(10_000_000L).isLessThan(10_100_000L);
    assertThat(most).isLessThan(12_000_000L).isGreaterThan(11_900_000L);
  }

  @Test
  void aBadSpecIsRefused_sayingWhatWasExpectedAndWhatWasFound() {
    assertThatThrownBy(() -> Latency.parse("gauss:10ms"))
        .hasMessage("a latency is fixed, uniform or plane, found 'gauss' in 'gauss:10ms'");
    assertThatThrownBy(() -> Latency.parse("uniform:10ms"))
        .hasMessage("a uniform latency is MIN..MAX (as in 5ms..150ms), found 'uniform:10ms'");
    assertThatThrownBy(() -> Latency.parse("10"))
        .hasMessage(
            "the delay is a number and a unit (us, ms or s, as in 10ms), found '10' in '10'");
    assertThatThrownBy(() -> Latency.parse("plane:50ms..5ms"))
        .hasMessage("the most delay is below the least in 'plane:50ms..5ms': write MIN..MAX");
    assertThatThrownBy(() -> Latency.parse("10ms+x"))
        .hasMessageStartingWith("the jitter after '+' is a number and a unit");
  }
}
