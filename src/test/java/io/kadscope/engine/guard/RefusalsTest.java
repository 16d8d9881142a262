package io.kadscope.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.VirtualScheduler;
import io.kadscope.testing.LogCapture;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalsTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final Refusals refusals = new Refusals("node 0a0b0c0d", time.clock());
  private final InetSocketAddress from = new InetSocketAddress("10.6.6.6", 6666);

  @Test
  void aFlood_isCountedWhole_butLoggedOnceAMinutePerKind_sayingHowManyMore() {
    try (LogCapture logs = LogCapture.of(Refusals.class)) {
      for (int minute = 0; minute < 3; minute++) {
        for (int i = 0; i < 10_000; i++) {
          refusals.refuse(Refusal.STORE_KEYS, from, "key " + i);
          refusals.refuse(Refusal.REQUEST_RATE, from, "ping not answered");
        }
        time.advance(Duration.ofMinutes(1));
      }
      refusals.refuse(Refusal.STORE_KEYS, from, "key last");

      assertThat(refusals.count(Refusal.STORE_KEYS)).isEqualTo(30_001);
      assertThat(refusals.snapshot().total()).isEqualTo(60_001);
      assertThat(logs.lines()).hasSize(7);
      assertThat(logs.lines().get(0))
          .isEqualTo(
              "WARN node 0a0b0c0d refused a store over the key quota from 10.6.6.6:6666: key 0");
      assertThat(logs.lines())
          .contains(
              "WARN node 0a0b0c0d refused a store over the key quota from 10.6.6.6:6666: key last"
                  + " (and 9999 more since the last such line)");
    }
  }
}
