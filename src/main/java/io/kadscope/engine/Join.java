package io.kadscope.engine;

import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.RpcException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Joins a network (paper 2.3): pings each seed (the client retransmits) to learn its id, and looks
 * up this node's own id to fill the table; the join ends there, when the node's own neighbourhood
 * is known. Then, in the background and spread over {@link Defaults#JOIN_REFRESH_SPREAD}, it
 * refreshes every bucket farther than the closest neighbour, unless told to join as the Python
 * package's peers do.
 */
final class Join {
  private final NodeId self;
  private final RoutingTable routing;
  private final RpcClient client;
  private final Lookups lookups;
  private final Supplier<InetSocketAddress> localAddress;
  private final List<Contact> restored;
  private final boolean refreshFarther;
  private final Scheduler scheduler;
  private final Random random;

  /**
   * @param localAddress this node's own address, never pinged as a seed
   * @param restored contacts from a saved state, tried as seeds too
   * @param refreshFarther whether a join goes on to refresh the buckets farther than the closest
   *     neighbour, in the background
   * @param scheduler where those refreshes are timed
   * @param random when each of them starts
   */
  Join(
      NodeId self,
      RoutingTable routing,
      RpcClient client,
      Lookups lookups,
      Supplier<InetSocketAddress> localAddress,
      List<Contact> restored,
      boolean refreshFarther,
      Scheduler scheduler,
      Random random) {
    this.self = self;
    this.routing = routing;
    this.client = client;
    this.lookups = lookups;
    this.localAddress = localAddress;
    this.restored = List.copyOf(restored);
    this.refreshFarther = refreshFarther;
    this.scheduler = scheduler;
    this.random = random;
  }

  /**
   * Joins through {@code seeds} and the restored contacts. Completes with the number of contacts
   * known, or exceptionally with {@link RpcException} when no seed answered.
   */
  CompletableFuture<Integer> run(List<InetSocketAddress> seeds) {
    List<InetSocketAddress> all = new ArrayList<>(seeds);
    for (Contact c : restored) {
      if (!all.contains(c.address())) {
        all.add(c.address());
      }
    }
    List<CompletableFuture<Optional<NodeId>>> pings = new ArrayList<>();
    for (InetSocketAddress s : all) {
      if (!s.equals(localAddress.get())) {
        // one ping each: the client retransmits it within the timeout, so one lost datagram
        // costs a retransmission, and a dead seed one timeout in all
        pings.add(client.ping(s, client.timeout()));
      }
    }
    return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              if (routing.size() == 0) {
                return CompletableFuture.failedFuture(
                    new RpcException(
                        "no seed answered a ping within "
                            + client.timeout().toMillis()
                            + " ms: "
                            + all));
              }
              return lookups.run(LookupKind.NODE, self, LookupPurpose.JOIN);
            })
        .thenApply(
            r -> {
              if (refreshFarther) {
                refreshFartherThan(r.closest());
              }
              return routing.size();
            });
  }

  /**
   * Looks up a random id in every bucket farther than the closest neighbour (paper 2.3), each at a
   * random moment within {@link Defaults#JOIN_REFRESH_SPREAD}: the join has already ended.
   */
  private void refreshFartherThan(List<Contact> closest) {
    if (closest.isEmpty()) {
      return;
    }
    int nearest = closest.get(0).id().sharedPrefixLength(self);
    long spread = Defaults.JOIN_REFRESH_SPREAD.toMillis();
    for (BucketSnapshot b : routing.snapshot().buckets()) {
      if (!b.containsSelf() && b.index() < nearest) {
        long delay;
        synchronized (random) {
          delay = (long) (random.nextDouble() * spread);
        }
        scheduler.schedule(Duration.ofMillis(delay), () -> lookups.refresh(b));
      }
    }
  }
}
