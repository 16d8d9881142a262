package io.kadscope.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.transport.UdpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workload W1 (the benchmark workload the Python package was also measured with): N peers on
 * 127.0.0.1 in one process from one {@link NodeFactory}; peer 0 creates the network and peer i &gt;
 * 0 bootstraps from it, one after the other; M sequential sets from peer 1, M sequential gets from
 * peer N-1, then M gets from random peers with C in flight. Prints one JSON line.
 *
 * <p>Beside the Python workload's figures, the line says how latency-bound the sequential gets are:
 * their mean round trips waited one after the other ({@code get_hops_mean}, the lookups'
 * iterations), the raw UDP round trip measured just before them ({@code udp_rtt_p50_ms}, {@link
 * UdpFloor}), and the median get over that many round trips ({@code get_p50_per_floor}): 1 would be
 * a get that costs nothing but its round trips.
 *
 * <p>The sets and gets are driven from their own completions ({@link Lanes}): each lane starts its
 * next operation on the event loop that ended the last one, as the Python workload's asyncio
 * harness does in its one loop, so that the figures are the engine's and not those of a driver
 * thread woken for each operation.
 *
 * <p>And it says where the CPU went ({@link CpuAccount}): the process's, the event loops' that
 * carry the peers ({@code loop_cpu_s}), and the time the JIT compilers spent compiling ({@code
 * jit_s}); each phase's share is logged at INFO.
 */
public final class LocalBench {
  private static final Logger log = LoggerFactory.getLogger(LocalBench.class);

  /** The threads that carry every peer of the run: the UDP transport's event loops. */
  private static final String LOOP_THREADS = UdpTransport.IO_THREAD_NAME;

  /** The workload's size. */
  public record Params(int nodes, int keys, int concurrency, long seed) {
    public Params {
      if (nodes < 2) {
        throw new IllegalArgumentException("--nodes must be at least 2, found " + nodes);
      }
      if (keys < 1) {
        throw new IllegalArgumentException("--keys must be at least 1, found " + keys);
      }
      if (concurrency < 1) {
        throw new IllegalArgumentException(
            "--concurrency must be at least 1, found " + concurrency);
      }
    }
  }

  private final NodeFactory factory;
  private final Params params;

  public LocalBench(NodeFactory factory, Params params) {
    this.factory = factory;
    this.params = params;
  }

  /** Runs the workload and returns its figures, in the order of the JSON line. */
  public Map<String, Object> run() throws InterruptedException {
    int n = params.nodes();
    int m = params.keys();
    List<KademliaNode> nodes = new ArrayList<>(n);
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      // RPCs sent, counted only when asked for (--log-level INFO): the count costs a little.
      AtomicLong rpcs = new AtomicLong();
      Consumer<KademliaNode.Builder> counting =
          log.isInfoEnabled()
              ? b ->
                  b.listener(
                      e -> {
                        if (e instanceof EngineEvent.RpcSent) {
                          rpcs.incrementAndGet();
                        }
                      })
              : b -> {};
      CpuAccount cpu0 = CpuAccount.now(LOOP_THREADS);
      long t0 = System.nanoTime();
      KademliaNode first = factory.create(new InetSocketAddress(loopback, 0), counting);
      first.start();
      nodes.add(first);
      List<InetSocketAddress> seed = List.of(first.address());
      for (int i = 1; i < n; i++) {
        KademliaNode node = factory.create(new InetSocketAddress(loopback, 0), counting);
        node.start();
        nodes.add(node);
        node.bootstrap(seed).join();
      }
      double bootS = seconds(System.nanoTime() - t0);
      log.info("{} peers joined in {} s, {} RPCs", n, bootS, rpcs.getAndSet(0));
      CpuAccount mark = logCpu("boot", CpuAccount.now(LOOP_THREADS), cpu0);

      KademliaNode setter = nodes.get(1);
      settle();
      long t1 = System.nanoTime();
      Lanes.sequence(m, i -> setter.set(key(i), Value.of(value(i)))).join();
      double setS = seconds(System.nanoTime() - t1);
      log.info("{} sets in {} s, {} RPCs per set", m, setS, rpcs.getAndSet(0) / (double) m);
      mark = logCpu("sets", CpuAccount.now(LOOP_THREADS), mark);

      // The floor of a sequential get, measured now, beside it: the raw UDP round trip.
      long floorNanos = UdpFloor.medianRoundTripNanos();
      mark = logCpu("the raw UDP round trips", CpuAccount.now(LOOP_THREADS), mark);
      KademliaNode getter = nodes.get(n - 1);
      long[] latencies = new long[m];
      AtomicInteger getHits = new AtomicInteger();
      AtomicLong getHops = new AtomicLong();
      settle();
      long t2 = System.nanoTime();
      Lanes.sequence(
              m,
              i -> {
                long s = System.nanoTime();
                return getter
                    .lookupValue(key(i))
                    .thenAccept(
                        g -> {
                          latencies[i] = System.nanoTime() - s;
                          if (g.value().equals(Optional.of(Value.of(value(i))))) {
                            getHits.incrementAndGet();
                          }
                          getHops.addAndGet(g.lookup().map(LookupResult::iterations).orElse(0));
                        });
              })
          .join();
      double getS = seconds(System.nanoTime() - t2);
      int hits = getHits.get();
      long hops = getHops.get();
      Arrays.sort(latencies);
      double hopsMean = hops / (double) m;
      log.info(
          "{} gets in {} s, {} hits, {} RPCs per get, {} round trips one after the other per get",
          m,
          getS,
          hits,
          rpcs.getAndSet(0) / (double) m,
          hopsMean);
      mark = logCpu("gets", CpuAccount.now(LOOP_THREADS), mark);

      Random random = new Random(params.seed());
      int[] askers = new int[m];
      Arrays.setAll(askers, i -> random.nextInt(n));
      AtomicInteger concHits = new AtomicInteger();
      settle();
      long t3 = System.nanoTime();
      // A get that fails counts as a miss, as one that finds nothing does.
      Lanes.inLanes(
              m,
              params.concurrency(),
              i ->
                  nodes
                      .get(askers[i])
                      .get(key(i))
                      .handle(
                          (v, err) -> {
                            if (err == null && v.equals(Optional.of(Value.of(value(i))))) {
                              concHits.incrementAndGet();
                            }
                            return null;
                          }))
          .join();
      double concS = seconds(System.nanoTime() - t3);
      log.info(
          "{} concurrent gets in {} s, {} hits, {} RPCs per get",
          m,
          concS,
          concHits.get(),
          rpcs.getAndSet(0) / (double) m);
      CpuAccount end = CpuAccount.now(LOOP_THREADS);
      logCpu("concurrent gets", end, mark);
      CpuAccount spent = end.since(cpu0);

      Map<String, Object> r = new LinkedHashMap<>();
      r.put("impl", "kadscope");
      r.put("nodes", n);
      r.put("keys", m);
      r.put("boot_s", round(bootS));
      r.put("set_per_s", round(m / setS));
      r.put("get_per_s", round(m / getS));
      r.put("get_hits", hits);
      r.put("get_p50_ms", round(percentile(latencies, 0.50) / 1e6));
      r.put("get_p99_ms", round(percentile(latencies, 0.99) / 1e6));
      r.put("conc_get_per_s", round(m / concS));
      r.put("conc", params.concurrency());
      r.put("conc_hits", concHits.get());
      // Added after the Python workload's figures, so that scripts reading those keep working.
      r.put("get_hops_mean", round(hopsMean));
      r.put("udp_rtt_p50_ms", round(floorNanos / 1e6));
      long p50 = percentile(latencies, 0.50);
      r.put("get_p50_per_floor", hopsMean > 0 ? round(p50 / (hopsMean * floorNanos)) : 0.0);
      r.put("cpu_s", round(spent.processCpuSeconds()));
      r.put("loop_cpu_s", round(spent.threadsCpuSeconds()));
      r.put("jit_s", round(spent.jitSeconds()));
      return r;
    } finally {
      for (KademliaNode node : nodes) {
        node.stop();
      }
    }
  }

  /** Logs the CPU a phase took, from {@code earlier} to {@code now}; returns {@code now}. */
  private static CpuAccount logCpu(String phase, CpuAccount now, CpuAccount earlier) {
    CpuAccount d = now.since(earlier);
    log.info(
        "{}: CPU {} s in all, {} s on the event loops; JIT compilations {} s",
        phase,
        round(d.processCpuSeconds()),
        round(d.threadsCpuSeconds()),
        round(d.jitSeconds()));
    return now;
  }

  /** The figures as the workload's one JSON line. */
  public static String toJson(Map<String, Object> figures) {
    Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    return gson.toJson(figures);
  }

  /**
   * Starts each timed phase on a collected heap, as JMH does between iterations: a phase of 500
   * gets lasts under 100 ms, where one young-generation pause left over from the previous phase
   * would weigh more than the work measured.
   */
  private static void settle() {
    System.gc();
  }

  static String key(int i) {
    return "key-" + i;
  }

  static String value(int i) {
    return "v-key-" + i;
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }
}
