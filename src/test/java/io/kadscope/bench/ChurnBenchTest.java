package io.kadscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.transport.UdpNodeFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** W4 on real UDP, small: every key is read back by a survivor after half the peers stopped. */
class ChurnBenchTest {

  @Test
  void aSurvivorReadsEveryKeyBack_afterHalfThePeersStopWithoutAWord() {
    Map<String, Object> r;
    try (UdpNodeFactory factory = new UdpNodeFactory()) {
      r = new ChurnBench(factory, new ChurnBench.Params(16, 30, 4)).run();
    }

    assertThat(r)
        .containsKeys("hits", "total_s", "get_p50_ms", "get_p99_ms", "stopped", "rpcs_per_get");
    assertThat(r.get("stopped")).isEqualTo(8);
    assertThat(r.get("hits")).isEqualTo(30);
  }

  @Test
  void badParametersAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new ChurnBench.Params(2, 10, 1))
        .hasMessage("--peers must be at least 4, found 2");
    assertThatThrownBy(() -> new ChurnBench.Params(10, 0, 1))
        .hasMessage("--keys must be at least 1, found 0");
  }
}
