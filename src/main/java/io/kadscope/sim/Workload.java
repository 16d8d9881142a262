package io.kadscope.sim;

import io.kadscope.engine.Contact;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Workload W3: a simulated network of N peers, then L node lookups of random targets from random
 * peers, started one every {@link #LOOKUP_INTERVAL} of virtual time while peers leave abruptly and
 * new ones join at the churn rate. Measures each lookup's hop depth, iterations (round trips waited
 * in turn), RPCs and recall (the share of the true k closest among the peers in the network at its
 * end that it returned), and the shape of the routing tables. {@code bench sim} and the sweep run
 * exactly this.
 */
public final class Workload {
  /** Virtual time between the starts of two measured lookups. */
  public static final Duration LOOKUP_INTERVAL = Duration.ofMillis(100);

  /** Routing tables whose shape is measured: a sample, as snapshots of all cost seconds at 1M. */
  static final int SHAPE_SAMPLE = 2000;

  /** Bucket indices reported in the table shape. */
  static final int SHAPE_INDICES = 32;

  private Workload() {}

  /**
   * What to run.
   *
   * @param nodes peers in the network when the lookups start, at least 2
   * @param lookups node lookups measured, at least 1
   * @param loss the probability that a message is lost, in [0, 1)
   * @param churn peers that leave abruptly per virtual minute, as a share of {@code nodes}, and as
   *     many that join; 0 for none
   * @param latency the delay model of messages
   * @param seed the seed of every random choice
   * @param joins how the network is built
   * @param lookupMode how every node's lookups pace their requests
   * @param refreshOnJoin whether a join ends by refreshing the buckets farther than the closest
   *     neighbour, as the paper's, or not, as the Python package's
   */
  public record Params(
      int nodes,
      int lookups,
      double loss,
      double churn,
      Latency latency,
      long seed,
      Simulation.Joins joins,
      LookupMode lookupMode,
      boolean refreshOnJoin) {
    public Params {
      if (nodes < 2) {
        throw new IllegalArgumentException("a network needs at least 2 peers, found " + nodes);
      }
      if (lookups < 1) {
        throw new IllegalArgumentException("measure at least 1 lookup, found " + lookups);
      }
      if (!(loss >= 0 && loss < 1)) {
        throw new IllegalArgumentException("loss is a probability in [0, 1), found " + loss);
      }
      if (!(churn >= 0 && churn < 1)) {
        throw new IllegalArgumentException(
            "churn is a share of the peers per minute in [0, 1), found " + churn);
      }
      Objects.requireNonNull(latency, "latency");
      Objects.requireNonNull(joins, "joins");
      Objects.requireNonNull(lookupMode, "lookupMode");
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

    /** These parameters at another size. */
    public Params withNodes(int n) {
      return new Params(n, lookups, loss, churn, latency, seed, joins, lookupMode, refreshOnJoin);
    }
  }

  /**
   * What a run measured. Everything but {@code buildSeconds} and {@code heapMb} depends only on the
   * parameters: the same seed gives the same figures.
   *
   * @param buildSeconds wall-clock seconds to build the network on this machine
   * @param heapMb heap in use once the network was built, after a collection
   * @param hopsMean mean hop depth of a lookup (1 = answered by contacts the asker knew)
   * @param hopsP99 99th percentile of the hop depth
   * @param iterationsMean mean round trips a lookup waited in turn (its α-synchronous rounds)
   * @param iterationsP99 99th percentile of the iterations
   * @param rpcsMean requests a lookup sent, on average
   * @param recall the share of the true k closest a lookup returned, on average
   * @param left peers that left abruptly while the lookups ran
   * @param joined peers that joined while the lookups ran
   * @param messagesLostShare the share of all messages sent that were lost
   * @param virtualSeconds virtual time the lookups took, first start to last end
   * @param shape the routing tables once the network was built
   */
  public record Figures(
      Params params,
      double buildSeconds,
      long heapMb,
      double hopsMean,
      int hopsP99,
      double iterationsMean,
      int iterationsP99,
      double rpcsMean,
      double recall,
      int left,
      int joined,
      double messagesLostShare,
      double virtualSeconds,
      TableShape shape) {}

  /**
   * The shape of the routing tables, averaged over a sample of peers.
   *
   * @param buckets buckets per table
   * @param contacts contacts per table
   * @param replacements contacts waiting in replacement caches, per table
   * @param bucketsByIndex buckets per table by bucket index (shared prefix length with the node)
   * @param contactsByIndex contacts per table by bucket index
   */
  public record TableShape(
      double buckets,
      double contacts,
      double replacements,
      double[] bucketsByIndex,
      double[] contactsByIndex) {}

  /** Builds the network and measures it, on the calling thread. */
  public static Figures run(Params p) {
    return run(p, Progress.NONE, () -> false);
  }

  /**
   * Builds the network and measures it, on the calling thread, telling {@code progress} how far it
   * has come and giving up (with a {@link CancellationException}) once {@code cancelled} says so.
   */
  public static Figures run(Params p, Progress progress, BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    Simulation sim =
        Simulation.builder()
            .peers(p.nodes())
            .seed(p.seed())
            .latency(p.latency())
            .loss(p.loss())
            .joins(p.joins())
            .lookupMode(p.lookupMode())
            .refreshOnJoin(p.refreshOnJoin())
            .progress((f, m) -> progress.update(0.8 * f, m))
            .cancelled(cancelled)
            .build();
    try {
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      long heapMb = usedHeapMb();
      TableShape shape = shape(sim, p.seed());
      progress.update(0.8, String.format("%,d lookups…", p.lookups()));
      return new Measurement(sim, p, progress, cancelled).run(buildSeconds, heapMb, shape);
    } finally {
      sim.close();
    }
  }

  /** The measured lookups, and the churn around them. */
  private static final class Measurement {
    private final Simulation sim;
    private final Params p;
    private final Progress progress;
    private final BooleanSupplier cancelled;
    private final VirtualScheduler time;
    private final Random random;
    private final Set<NodeId> asking = new HashSet<>();
    private final int[] hops;
    private final int[] iterations;
    private long rpcs;
    private double recall;
    private int finished;

    Measurement(Simulation sim, Params p, Progress progress, BooleanSupplier cancelled) {
      this.sim = sim;
      this.p = p;
      this.progress = progress;
      this.cancelled = cancelled;
      this.time = sim.time();
      this.random = sim.random();
      this.hops = new int[p.lookups()];
      this.iterations = new int[p.lookups()];
    }

    Figures run(double buildSeconds, long heapMb, TableShape shape) {
      long sent0 = sim.network().sent();
      long lost0 = sim.network().lost();
      int left0 = sim.left();
      int joined0 = sim.joinedSinceBuilt();
      var start = time.now();
      for (int i = 0; i < p.lookups(); i++) {
        int n = i;
        time.schedule(LOOKUP_INTERVAL.multipliedBy(i), () -> start(n));
      }
      if (p.churn() > 0) {
        scheduleLeave();
        scheduleJoin();
      }
      int step = Math.max(1, p.lookups() / 100);
      int reported = 0;
      while (finished < p.lookups()) {
        if (!time.runNext()) {
          throw new IllegalStateException("the simulation ran out of events with lookups pending");
        }
        if (finished >= reported + step) {
          reported = finished;
          if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled after " + finished + " lookups");
          }
          progress.update(
              0.8 + 0.2 * finished / p.lookups(),
              String.format("%,d of %,d lookups done", finished, p.lookups()));
        }
      }
      double virtualSeconds = Duration.between(start, time.now()).toNanos() / 1e9;
      int[] h = hops.clone();
      int[] it = iterations.clone();
      Arrays.sort(h);
      Arrays.sort(it);
      long sent = sim.network().sent() - sent0;
      long lost = sim.network().lost() - lost0;
      return new Figures(
          p,
          buildSeconds,
          heapMb,
          Arrays.stream(h).average().orElse(0),
          percentile(h, 0.99),
          Arrays.stream(it).average().orElse(0),
          percentile(it, 0.99),
          rpcs / (double) p.lookups(),
          recall / p.lookups(),
          sim.left() - left0,
          sim.joinedSinceBuilt() - joined0,
          sent == 0 ? 0 : lost / (double) sent,
          virtualSeconds,
          shape);
    }

    private void start(int i) {
      KademliaNode asker = sim.randomPeer();
      NodeId target = NodeId.random(random);
      asking.add(asker.id());
      asker
          .findNode(target)
          .whenComplete(
              (r, err) -> {
                asking.remove(asker.id());
                if (err != null) {
                  throw new IllegalStateException("a node lookup failed, which it never does", err);
                }
                record(i, r, sim.closest(target, sim.k(), asker.id()));
              });
    }

    private void record(int i, LookupResult r, List<NodeId> truth) {
      hops[i] = r.rounds();
      iterations[i] = r.iterations();
      rpcs += r.rpcs();
      Set<NodeId> t = new HashSet<>(truth);
      int found = 0;
      for (Contact c : r.closest()) {
        if (t.contains(c.id())) {
          found++;
        }
      }
      recall += truth.isEmpty() ? 1 : found / (double) truth.size();
      finished++;
    }

    /** The virtual time to the next event of a Poisson process of {@code perMinute} events. */
    private Duration nextGap(double perMinute) {
      double minutes = -Math.log(1 - random.nextDouble()) / perMinute;
      return Duration.ofNanos((long) (minutes * 60e9));
    }

    private double perMinute() {
      return p.churn() * p.nodes();
    }

    private void scheduleLeave() {
      time.schedule(
          nextGap(perMinute()),
          () -> {
            if (finished >= p.lookups()) {
              return;
            }
            // Never the asker of a lookup under way: its figures would measure the leave.
            for (int tries = 0; tries < 10 && sim.size() > 2; tries++) {
              KademliaNode victim = sim.randomPeer();
              if (!asking.contains(victim.id())) {
                sim.leave(victim);
                break;
              }
            }
            scheduleLeave();
          });
    }

    private void scheduleJoin() {
      time.schedule(
          nextGap(perMinute()),
          () -> {
            if (finished >= p.lookups()) {
              return;
            }
            sim.join();
            scheduleJoin();
          });
    }
  }

  /** The table shape over a sample of the peers, drawn by a random of its own. */
  static TableShape shape(Simulation sim, long seed) {
    List<KademliaNode> peers = sim.peers();
    int n = Math.min(SHAPE_SAMPLE, peers.size());
    Random pick = new Random(seed ^ 0x5eed_7ab1eL);
    double buckets = 0;
    double contacts = 0;
    double replacements = 0;
    double[] bucketsByIndex = new double[SHAPE_INDICES];
    double[] contactsByIndex = new double[SHAPE_INDICES];
    int highest = 0;
    for (int i = 0; i < n; i++) {
      KademliaNode node = n == peers.size() ? peers.get(i) : peers.get(pick.nextInt(peers.size()));
      RoutingSnapshot s = node.routingSnapshot();
      buckets += s.buckets().size();
      for (BucketSnapshot b : s.buckets()) {
        contacts += b.contacts().size();
        replacements += b.replacements().size();
        int index = Math.min(b.index(), SHAPE_INDICES - 1);
        bucketsByIndex[index]++;
        contactsByIndex[index] += b.contacts().size();
        highest = Math.max(highest, index);
      }
    }
    double[] bi = new double[highest + 1];
    double[] ci = new double[highest + 1];
    for (int i = 0; i <= highest; i++) {
      bi[i] = bucketsByIndex[i] / n;
      ci[i] = contactsByIndex[i] / n;
    }
    return new TableShape(buckets / n, contacts / n, replacements / n, bi, ci);
  }

  /** The nearest-rank percentile of sorted values. */
  static int percentile(int[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Heap in use after a collection, in MiB. */
  static long usedHeapMb() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }
}
