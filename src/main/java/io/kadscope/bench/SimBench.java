package io.kadscope.bench;

import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.sim.Latency;
import io.kadscope.sim.Simulation;
import io.kadscope.sim.Workload;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Workload W3 ({@link Workload}) from the command line: N engines on the in-memory network, then L
 * node lookups of random targets from random peers, with message loss and churn; its figures as the
 * JSON line's fields. Runs on virtual time, so every figure but the build's seconds and heap
 * depends only on the parameters.
 */
public final class SimBench {
  private final Params params;

  /**
   * The workload's parameters ({@link Workload.Params}) as the command line gives them: checked
   * first with errors that name the option ({@code --loss}, not the simulator's "loss").
   */
  public record Params(Workload.Params workload) {
    public Params {
      Objects.requireNonNull(workload, "workload");
    }

    /**
     * @param churn peers leaving abruptly per virtual minute, as a share of the network, and as
     *     many joining
     */
    public Params(
        int nodes,
        int lookups,
        double loss,
        double churn,
        Latency latency,
        long seed,
        Simulation.Joins joins,
        LookupMode lookupMode,
        boolean refreshOnJoin) {
      this(checked(nodes, lookups, loss, churn, latency, seed, joins, lookupMode, refreshOnJoin));
    }

    /** Joins as the paper's, refreshing the buckets farther than the closest neighbour. */
    public Params(
        int nodes,
        int lookups,
        double loss,
        double churn,
        Latency latency,
        long seed,
        Simulation.Joins joins,
        LookupMode lookupMode) {
      this(nodes, lookups, loss, churn, latency, seed, joins, lookupMode, true);
    }

    /** No churn, {@link Latency#DEFAULT}, indexed joins as the paper's, pipelined lookups. */
    public Params(int nodes, int lookups, double loss, long seed) {
      this(
          nodes,
          lookups,
          loss,
          0,
          Latency.DEFAULT,
          seed,
          Simulation.Joins.INDEXED,
          LookupMode.PIPELINED);
    }

    private static Workload.Params checked(
        int nodes,
        int lookups,
        double loss,
        double churn,
        Latency latency,
        long seed,
        Simulation.Joins joins,
        LookupMode lookupMode,
        boolean refreshOnJoin) {
      if (nodes < 2) {
        throw new IllegalArgumentException("--nodes must be at least 2, found " + nodes);
      }
      if (lookups < 1) {
        throw new IllegalArgumentException("--lookups must be at least 1, found " + lookups);
      }
      if (!(loss >= 0 && loss < 1)) {
        throw new IllegalArgumentException("--loss is a probability in [0, 1), found " + loss);
      }
      if (!(churn >= 0 && churn < 1)) {
        throw new IllegalArgumentException(
            "--churn is a share of the peers per minute in [0, 1), found " + churn);
      }
      return new Workload.Params(
          nodes, lookups, loss, churn, latency, seed, joins, lookupMode, refreshOnJoin);
    }
  }

  public SimBench(Params params) {
    this.params = params;
  }

  /**
   * Builds the network, runs the lookups, and returns the figures in the order of the JSON line.
   */
  public Map<String, Object> run() {
    return figures(Workload.run(params.workload()));
  }

  /**
   * A run's figures as the JSON line's fields: {@code rounds_*} is the hop depth (as it always
   * was), {@code iterations_*} the round trips waited in turn (the Python package's rounds).
   */
  public static Map<String, Object> figures(Workload.Figures f) {
    Workload.Params p = f.params();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nodes", p.nodes());
    out.put("build_s", round(f.buildSeconds(), 3));
    out.put("heap_mb", f.heapMb());
    out.put("lookups", p.lookups());
    out.put("rounds_mean", round(f.hopsMean(), 3));
    out.put("rounds_p99", f.hopsP99());
    out.put("iterations_mean", round(f.iterationsMean(), 3));
    out.put("iterations_p99", f.iterationsP99());
    out.put("rpcs_mean", round(f.rpcsMean(), 3));
    out.put("recall", round(f.recall(), 4));
    out.put("loss", p.loss());
    out.put("churn", p.churn());
    out.put("latency", p.latency().toString());
    out.put("joins", p.joins().name().toLowerCase(Locale.ROOT));
    out.put("lookup_mode", p.lookupMode().name().toLowerCase(Locale.ROOT));
    out.put("join_refresh", p.refreshOnJoin());
    out.put("seed", p.seed());
    out.put("left", f.left());
    out.put("joined", f.joined());
    out.put("lost_share", round(f.messagesLostShare(), 4));
    out.put("virtual_s", round(f.virtualSeconds(), 3));
    out.put("buckets_mean", round(f.shape().buckets(), 2));
    out.put("contacts_mean", round(f.shape().contacts(), 2));
    out.put("replacements_mean", round(f.shape().replacements(), 2));
    out.put("buckets_by_index", rounded(f.shape().bucketsByIndex(), 2));
    out.put("contacts_by_index", rounded(f.shape().contactsByIndex(), 2));
    return out;
  }

  private static double[] rounded(double[] v, int digits) {
    return Arrays.stream(v).map(x -> round(x, digits)).toArray();
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
