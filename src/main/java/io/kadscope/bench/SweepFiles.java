package io.kadscope.bench;

import io.kadscope.sim.Workload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a sweep's figures as CSV: a header line, then one line per size, smallest first. */
public final class SweepFiles {
  /** The CSV's columns, in order. */
  public static final String HEADER =
      "nodes,log2_n,rounds_mean,rounds_p99,iterations_mean,iterations_p99,rpcs_mean,recall,"
          + "build_s,heap_mb,buckets_mean,contacts_mean,loss,churn,latency,joins,lookup_mode,"
          + "join_refresh,lookups,seed";

  private SweepFiles() {}

  /** The CSV text of {@code figures}. */
  public static String csv(List<Workload.Figures> figures) {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (Workload.Figures f : figures) {
      Workload.Params p = f.params();
      lines.add(
          String.join(
              ",",
              Integer.toString(p.nodes()),
              num(Math.log(p.nodes()) / Math.log(2)),
              num(f.hopsMean()),
              Integer.toString(f.hopsP99()),
              num(f.iterationsMean()),
              Integer.toString(f.iterationsP99()),
              num(f.rpcsMean()),
              num(f.recall()),
              num(f.buildSeconds()),
              Long.toString(f.heapMb()),
              num(f.shape().buckets()),
              num(f.shape().contacts()),
              num(p.loss()),
              num(p.churn()),
              p.latency().toString(),
              p.joins().name().toLowerCase(Locale.ROOT),
              p.lookupMode().name().toLowerCase(Locale.ROOT),
              Boolean.toString(p.refreshOnJoin()),
              Integer.toString(p.lookups()),
              Long.toString(p.seed())));
    }
    return String.join("\n", lines) + "\n";
  }

  /** Writes the CSV of {@code figures} to {@code file}. */
  public static void writeCsv(List<Workload.Figures> figures, Path file) throws IOException {
    Files.writeString(file, csv(figures), StandardCharsets.UTF_8);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
