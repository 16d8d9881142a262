package io.kadscope.bench;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.sim.SimNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Workload W3: N engines on the in-memory network, each joined by a real join through a random peer
 * already in, then L node lookups of random targets from random peers. Reports the rounds and RPCs
 * a lookup took and its recall: the fraction of the true k closest (by brute force) that it
 * returned. Runs on virtual time, so the figures do not depend on the machine's load.
 */
public final class SimBench {
  /** One-way delay of every simulated message. */
  static final Duration LATENCY = Duration.ofMillis(10);

  /** Seeds a newcomer tries before the build gives up. */
  static final int JOIN_ATTEMPTS = 5;

  private final Params params;

  /** The workload's parameters, checked. */
  public record Params(int nodes, int lookups, double loss, long seed) {
    public Params {
      if (nodes < 2) {
        throw new IllegalArgumentException("--nodes must be at least 2, found " + nodes);
      }
      if (lookups < 1) {
        throw new IllegalArgumentException("--lookups must be at least 1, found " + lookups);
      }
      if (loss < 0 || loss >= 1) {
        throw new IllegalArgumentException("--loss is a probability in [0, 1), found " + loss);
      }
    }
  }

  public SimBench(Params params) {
    this.params = params;
  }

  /**
   * Builds the network, runs the lookups, and returns the figures in the order of the JSON line.
   */
  public Map<String, Object> run() {
    Random random = new Random(params.seed());
    VirtualScheduler time = new VirtualScheduler();
    SimNetwork net = new SimNetwork(time, LATENCY, params.loss(), random);
    List<KademliaNode> nodes = new ArrayList<>(params.nodes());

    long t0 = System.nanoTime();
    for (int i = 0; i < params.nodes(); i++) {
      KademliaNode node =
          KademliaNode.builder()
              .rpcPort(net.newPort())
              .scheduler(time)
              .clock(time.clock())
              .random(random)
              .build();
      node.start();
      if (!nodes.isEmpty()) {
        join(time, node, nodes, random);
      }
      nodes.add(node);
    }
    double buildS = (System.nanoTime() - t0) / 1e9;
    long heapMb = usedHeapMb();

    NodeId[] ids = nodes.stream().map(KademliaNode::id).toArray(NodeId[]::new);
    int[] rounds = new int[params.lookups()];
    long rpcs = 0;
    double recall = 0;
    for (int i = 0; i < params.lookups(); i++) {
      KademliaNode from = nodes.get(random.nextInt(nodes.size()));
      NodeId target = NodeId.random(random);
      LookupResult r = await(time, from.findNode(target));
      rounds[i] = r.rounds();
      rpcs += r.rpcs();
      recall += recall(r, truth(ids, from.id(), target, Defaults.K));
    }
    Arrays.sort(rounds);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("nodes", params.nodes());
    out.put("build_s", round(buildS, 3));
    out.put("heap_mb", heapMb);
    out.put("lookups", params.lookups());
    out.put("rounds_mean", round(Arrays.stream(rounds).average().orElse(0), 3));
    out.put(
        "rounds_p99",
        rounds[Math.min(rounds.length - 1, (int) Math.ceil(rounds.length * 0.99) - 1)]);
    out.put("rpcs_mean", round(rpcs / (double) params.lookups(), 3));
    out.put("recall", round(recall / params.lookups(), 4));
    out.put("loss", params.loss());
    out.put("seed", params.seed());
    return out;
  }

  /**
   * Joins {@code node} through a random peer already in; with message loss a join can fail (every
   * ping to the seed lost), and the newcomer then tries another peer, as a real one would.
   */
  private static void join(
      VirtualScheduler time, KademliaNode node, List<KademliaNode> in, Random random) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) {
      KademliaNode via = in.get(random.nextInt(in.size()));
      try {
        await(time, node.bootstrap(List.of(via.address())));
        return;
      } catch (CompletionException e) {
        last = e;
      }
    }
    throw new IllegalStateException(
        "a node could not join in " + JOIN_ATTEMPTS + " attempts: " + last.getMessage(), last);
  }

  /** Runs virtual time, task by task, until {@code f} completes. */
  private static <T> T await(VirtualScheduler time, CompletableFuture<T> f) {
    while (!f.isDone()) {
      if (!time.runNext()) {
        throw new IllegalStateException(
            "the simulation ran out of tasks before the operation ended");
      }
    }
    return f.join();
  }

  /**
   * The {@code k} ids closest to {@code target}, leaving out the asker (a lookup never returns it).
   */
  static List<NodeId> truth(NodeId[] ids, NodeId asker, NodeId target, int k) {
    NodeId[] sorted = ids.clone();
    Arrays.sort(sorted, target::compareDistance);
    List<NodeId> out = new ArrayList<>(k);
    for (NodeId id : sorted) {
      if (!id.equals(asker)) {
        out.add(id);
        if (out.size() == k) {
          break;
        }
      }
    }
    return out;
  }

  private static double recall(LookupResult r, List<NodeId> truth) {
    long found = r.closest().stream().filter(c -> truth.contains(c.id())).count();
    return truth.isEmpty() ? 1 : found / (double) truth.size();
  }

  private static long usedHeapMb() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
