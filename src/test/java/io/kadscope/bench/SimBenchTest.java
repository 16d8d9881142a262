package io.kadscope.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.sim.Latency;
import io.kadscope.sim.Simulation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimBenchTest {

  @Test
  void lookupsInASimulatedNetworkFindTheTrueClosest_inFewRounds() {
    Map<String, Object> r = new SimBench(new SimBench.Params(300, 40, 0, 7)).run();

    assertThat(r.keySet())
        .startsWith(
            "nodes",
            "build_s",
            "heap_mb",
            "lookups",
            "rounds_mean",
            "rounds_p99",
            "iterations_mean",
            "iterations_p99",
            "rpcs_mean",
            "recall",
            "loss",
            "churn",
            "latency",
            "joins",
            "lookup_mode",
            "join_refresh",
            "seed");
    assertThat((double) r.get("recall")).isGreaterThanOrEqualTo(0.95);
    assertThat((double) r.get("rounds_mean")).isBetween(1.0, 5.0);
    assertThat((double) r.get("iterations_mean"))
        .as("the round trips waited in turn are at least the hops")
        .isGreaterThanOrEqualTo((double) r.get("rounds_mean"));
    assertThat((double) r.get("rpcs_mean")).isGreaterThanOrEqualTo(20.0);
  }

  @Test
  void theSameSeedGivesTheSameFigures_withLossChurnAndJitter() {
    SimBench.Params p =
        new SimBench.Params(
            150,
            30,
            0.02,
            0.5,
            Latency.parse("plane:5ms..80ms+3ms"),
            3,
            Simulation.Joins.DIRECT,
            LookupMode.PIPELINED);
    Map<String, Object> a = withoutMachine(new SimBench(p).run());
    Map<String, Object> b = withoutMachine(new SimBench(p).run());

    assertThat(a).isEqualTo(b);
    assertThat((int) a.get("left")).as("peers left while the lookups ran").isPositive();
    assertThat((double) a.get("lost_share")).isPositive();
  }

  /** The figures that measure the machine rather than the simulation left out. */
  private static Map<String, Object> withoutMachine(Map<String, Object> r) {
    Map<String, Object> out = new LinkedHashMap<>(r);
    out.remove("build_s");
    out.remove("heap_mb");
    out.replaceAll((k, v) -> v instanceof double[] d ? Arrays.toString(d) : v);
    return out;
  }

  @Test
  void pipelinedLookups_takeNoMoreRoundTripsThanLookupsInRounds_andBothFindTheClosest() {
    SimBench.Params rounds =
        new SimBench.Params(
            500, 40, 0, 0, Latency.DEFAULT, 5, Simulation.Joins.DIRECT, LookupMode.ROUNDS);
    SimBench.Params pipelined =
        new SimBench.Params(
            500, 40, 0, 0, Latency.DEFAULT, 5, Simulation.Joins.DIRECT, LookupMode.PIPELINED);

    Map<String, Object> r = new SimBench(rounds).run();
    Map<String, Object> p = new SimBench(pipelined).run();

    // A pipelined lookup sends as soon as a slot frees, and asks the rest of the k closest at once
    // when answers stop bringing closer contacts: no α-synchronous round waits for its slowest.
    assertThat((double) p.get("iterations_mean"))
        .isLessThanOrEqualTo((double) r.get("iterations_mean"));
    assertThat((double) r.get("recall")).isGreaterThanOrEqualTo(0.95);
    assertThat((double) p.get("recall")).isGreaterThanOrEqualTo(0.95);
    assertThat(r.get("lookup_mode")).isEqualTo("rounds");
  }

  @Test
  void badParametersAreRefusedWithTheirName() {
    assertThatThrownBy(() -> new SimBench.Params(100, 10, 1.5, 1))
        .hasMessage("--loss is a probability in [0, 1), found 1.5");
    assertThatThrownBy(
            () ->
                new SimBench.Params(
                    100,
                    10,
                    0,
                    2,
                    Latency.DEFAULT,
                    1,
                    Simulation.Joins.DIRECT,
                    LookupMode.PIPELINED))
        .hasMessage("--churn is a share of the peers per minute in [0, 1), found 2.0");
  }
}
