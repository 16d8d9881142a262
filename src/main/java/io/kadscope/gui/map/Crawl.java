package io.kadscope.gui.map;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.gui.session.Progress;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Finds the peers of a live network by node lookups over the whole id space. The space is cut into
 * regions by prefix (16 to start with); a lookup of a random id in a region returns the k peers
 * closest to it: when all k lie inside the region, it may hold more, and its two halves are crawled
 * in turn; otherwise the region holds fewer than k peers and the lookup has found them all. The
 * share of the id space found whole is the crawl's progress. Each lookup also feeds a {@link
 * SizeEstimate}.
 */
public final class Crawl {
  /** The regions a crawl starts from: every 4-bit prefix. */
  public static final int START_DEPTH = 4;

  /** Regions are never cut finer than this. */
  public static final int MAX_DEPTH = 40;

  /**
   * How a crawl ended.
   *
   * @param found every peer found, by id
   * @param lookups lookups made
   * @param covered the share of the id space found whole, from 0 to 1
   * @param estimate the size estimate from the k closest ids of each lookup
   * @param stoppedEarly whether it was cancelled or hit its lookup limit before covering the space
   */
  public record Result(
      Map<NodeId, Contact> found,
      int lookups,
      double covered,
      SizeEstimate estimate,
      boolean stoppedEarly) {}

  private final Function<NodeId, CompletableFuture<List<Contact>>> lookup;
  private final int k;
  private final int parallel;
  private final int maxLookups;
  private final Random random;
  private final Deque<String> regions = new ArrayDeque<>();
  private final Map<NodeId, Contact> found = new LinkedHashMap<>();
  private final SizeEstimate estimate = new SizeEstimate();
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private Progress progress = Progress.NONE;
  private int inFlight;
  private int lookups;
  private double covered;
  private boolean cancelled;

  /**
   * @param lookup a node lookup: the k closest contacts that answered for a target
   * @param k the network's bucket size (how many contacts a lookup returns)
   * @param parallel lookups in flight at once
   * @param maxLookups the most lookups the crawl makes
   */
  public Crawl(
      Function<NodeId, CompletableFuture<List<Contact>>> lookup,
      int k,
      int parallel,
      int maxLookups,
      Random random) {
    this.lookup = lookup;
    this.k = k;
    this.parallel = parallel;
    this.maxLookups = maxLookups;
    this.random = random;
  }

  /** Starts the crawl from the peers already known; completes when it ends. */
  public CompletableFuture<Result> run(Collection<Contact> known, Progress progress) {
    this.progress = progress;
    synchronized (this) {
      known.forEach(c -> found.put(c.id(), c));
      for (int p = 0; p < (1 << START_DEPTH); p++) {
        String bits = Integer.toBinaryString((1 << START_DEPTH) | p).substring(1);
        regions.add(bits);
      }
    }
    pump();
    return result;
  }

  /** Stops sending lookups; the crawl ends when those in flight have. */
  public synchronized void cancel() {
    cancelled = true;
    regions.clear();
    if (inFlight == 0) {
      finish();
    }
  }

  private void pump() {
    while (true) {
      String region;
      synchronized (this) {
        if (cancelled || inFlight >= parallel || lookups >= maxLookups || regions.isEmpty()) {
          if (inFlight == 0 && !result.isDone()) {
            finish();
          }
          return;
        }
        region = regions.poll();
        inFlight++;
        lookups++;
      }
      NodeId target = randomIn(region);
      CompletableFuture<List<Contact>> f;
      try {
        f = lookup.apply(target);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((closest, err) -> ended(region, target, closest, err));
    }
  }

  private void ended(String region, NodeId target, List<Contact> closest, Throwable err) {
    String line;
    double share;
    synchronized (this) {
      inFlight--;
      if (err == null) {
        closest.forEach(c -> found.put(c.id(), c));
        estimate.add(target, closest.stream().map(Contact::id).toList(), k);
        long inside = closest.stream().filter(c -> within(c.id(), region)).count();
        if (inside >= k && region.length() < MAX_DEPTH && !cancelled) {
          regions.addFirst(region + "1");
          regions.addFirst(region + "0");
        } else {
          covered += Math.pow(2, -region.length());
        }
      }
      share = covered;
      line =
          String.format(
              "%,d peers found · %,d lookups · %.0f %% of the id space covered",
              found.size(), lookups, 100 * covered);
    }
    progress.update(share, line);
    pump();
  }

  private void finish() {
    boolean early = covered < 1 - 1e-9;
    result.complete(new Result(Map.copyOf(found), lookups, covered, estimate, early));
  }

  private static boolean within(NodeId id, String region) {
    return id.leadingBits(region.length()).equals(region);
  }

  private NodeId randomIn(String region) {
    BigInteger prefix = region.isEmpty() ? BigInteger.ZERO : new BigInteger(region, 2);
    NodeId p = NodeId.fromBigInteger(prefix.shiftLeft(NodeId.BITS - region.length()));
    return NodeId.randomWithPrefix(p, region.length(), random);
  }
}
