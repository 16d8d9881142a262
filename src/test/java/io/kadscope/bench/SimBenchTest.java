package io.kadscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SimBenchTest {

  @Test
  void lookupsInASimulatedNetworkFindTheTrueClosest_inFewRounds() {
    Map<String, Object> r = new SimBench(new SimBench.Params(300, 40, 0, 7)).run();

    assertThat(r)
        .containsOnlyKeys(
            "nodes",
            "build_s",
            "heap_mb",
            "lookups",
            "rounds_mean",
            "rounds_p99",
            "rpcs_mean",
            "recall",
            "loss",
            "seed");
    assertThat((double) r.get("recall")).isGreaterThanOrEqualTo(0.95);
    assertThat((double) r.get("rounds_mean")).isBetween(1.0, 5.0);
    assertThat((double) r.get("rpcs_mean")).isGreaterThanOrEqualTo(20.0);
  }

  @Test
  void theSameSeedGivesTheSameFigures() {
    Map<String, Object> a = new SimBench(new SimBench.Params(100, 20, 0.02, 3)).run();
    Map<String, Object> b = new SimBench(new SimBench.Params(100, 20, 0.02, 3)).run();

    for (String k : new String[] {"rounds_mean", "rounds_p99", "rpcs_mean", "recall"}) {
      assertThat(a.get(k)).as(k).isEqualTo(b.get(k));
    }
  }

  @Test
  void badParametersAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new SimBench.Params(100, 10, 1.5, 1))
        .hasMessage("--loss is a probability in [0, 1), found 1.5");
  }
}
