package io.kadscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.transport.UdpNodeFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * W1 on 40 real UDP peers: every set value is read back, sequentially and with several in flight.
 */
class LocalBenchTest {

  @Test
  void everyKeySetIsReadBack_oneAfterAnotherAndConcurrently() throws InterruptedException {
    Map<String, Object> r;
    try (UdpNodeFactory factory = new UdpNodeFactory()) {
      r = new LocalBench(factory, new LocalBench.Params(40, 40, 8, 3)).run();
    }

    assertThat(r.keySet())
        .containsExactly(
            "impl",
            "nodes",
            "keys",
            "boot_s",
            "set_per_s",
            "get_per_s",
            "get_hits",
            "get_p50_ms",
            "get_p99_ms",
            "conc_get_per_s",
            "conc",
            "conc_hits",
            "get_hops_mean",
            "udp_rtt_p50_ms",
            "get_p50_per_floor",
            "cpu_s",
            "loop_cpu_s",
            "jit_s");
    assertThat(r.get("get_hits")).isEqualTo(40);
    assertThat(r.get("conc_hits")).isEqualTo(40);
    assertThat((double) r.get("get_p50_ms")).isPositive();
    assertThat((double) r.get("get_p99_ms")).isGreaterThanOrEqualTo((double) r.get("get_p50_ms"));
    // 40 peers, k = 20: the getter holds about half the keys itself; the others take a round trip
    // or more, and a lookup among 40 peers needs few.
    assertThat((double) r.get("get_hops_mean")).isBetween(0.1, 4.0);
    assertThat((double) r.get("udp_rtt_p50_ms")).isPositive();
    assertThat((double) r.get("get_p50_per_floor")).isPositive();
    // The event loops carried every datagram of the run, and they are part of the process.
    assertThat((double) r.get("loop_cpu_s")).isPositive();
    assertThat((double) r.get("cpu_s")).isGreaterThanOrEqualTo((double) r.get("loop_cpu_s"));
    assertThat((double) r.get("jit_s")).isNotNegative();
  }

  @Test
  void badParametersAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new LocalBench.Params(1, 10, 1, 1))
        .hasMessage("--nodes must be at least 2, found 1");
    assertThatThrownBy(() -> new LocalBench.Params(8, 10, 0, 1))
        .hasMessage("--concurrency must be at least 1, found 0");
  }
}
