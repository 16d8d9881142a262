package io.kadscope.bench;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload W4, churn: P peers on 127.0.0.1 in one process from one {@link NodeFactory} (peer 0
 * creates the network, the others join it one after the other); M keys set, each from a random
 * peer; then half the peers, chosen at random, stop abruptly (their sockets close, nothing is said
 * to anyone: the protocol has no goodbye); then one surviving peer, chosen at random, gets the M
 * keys in sequence. Reports the hits, the total time of the gets and their latencies: the time the
 * survivor loses to the dead peers in its table.
 */
public final class ChurnBench {

  /** The workload's size. */
  public record Params(int peers, int keys, long seed) {
    public Params {
      if (peers < 4) {
        throw new IllegalArgumentException("--peers must be at least 4, found " + peers);
      }
      if (keys < 1) {
        throw new IllegalArgumentException("--keys must be at least 1, found " + keys);
      }
    }
  }

  private final NodeFactory factory;
  private final Params params;

  public ChurnBench(NodeFactory factory, Params params) {
    this.factory = factory;
    this.params = params;
  }

  /** Runs the workload and returns its figures, in the order of the JSON line. */
  public Map<String, Object> run() {
    int p = params.peers();
    int m = params.keys();
    Random random = new Random(params.seed());
    List<KademliaNode> nodes = new ArrayList<>(p);
    AtomicLong rpcs = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      for (int i = 0; i < p; i++) {
        KademliaNode node =
            factory.create(
                new InetSocketAddress(loopback, 0),
                b ->
                    b.listener(
                        e -> {
                          if (e instanceof EngineEvent.RpcSent) {
                            rpcs.incrementAndGet();
                          } else if (e instanceof EngineEvent.RpcFailed) {
                            failed.incrementAndGet();
                          }
                        }));
        node.start();
        if (!nodes.isEmpty()) {
          node.bootstrap(List.of(nodes.get(0).address())).join();
        }
        nodes.add(node);
      }
      for (int i = 0; i < m; i++) {
        nodes.get(random.nextInt(p)).set(LocalBench.key(i), Value.of(LocalBench.value(i))).join();
      }

      List<KademliaNode> alive = new ArrayList<>(nodes);
      for (int i = 0; i < p / 2; i++) {
        alive.remove(random.nextInt(alive.size())).stop();
      }
      KademliaNode survivor = alive.get(random.nextInt(alive.size()));
      int contacts = survivor.routingSnapshot().size();
      long rpcsBefore = rpcs.get();
      long failedBefore = failed.get();

      long[] latencies = new long[m];
      int hits = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < m; i++) {
        long s = System.nanoTime();
        Optional<Value> v = survivor.get(LocalBench.key(i)).join();
        latencies[i] = System.nanoTime() - s;
        if (v.equals(Optional.of(Value.of(LocalBench.value(i))))) {
          hits++;
        }
      }
      double totalS = (System.nanoTime() - t0) / 1e9;
      Arrays.sort(latencies);

      Map<String, Object> r = new LinkedHashMap<>();
      r.put("impl", "kadscope");
      r.put("workload", "W4");
      r.put("peers", p);
      r.put("keys", m);
      r.put("stopped", p / 2);
      r.put("survivor_contacts", contacts);
      r.put("hits", hits);
      r.put("total_s", round(totalS));
      r.put("get_p50_ms", round(LocalBench.percentile(latencies, 0.50) / 1e6));
      r.put("get_p99_ms", round(LocalBench.percentile(latencies, 0.99) / 1e6));
      r.put("get_max_ms", round(latencies[latencies.length - 1] / 1e6));
      r.put("rpcs_per_get", round((rpcs.get() - rpcsBefore) / (double) m));
      r.put("failed_rpcs", failed.get() - failedBefore);
      return r;
    } finally {
      for (KademliaNode node : nodes) {
        node.stop();
      }
    }
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
