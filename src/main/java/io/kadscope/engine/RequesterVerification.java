package io.kadscope.engine;

import io.kadscope.engine.routing.RoutingTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Decides which nodes that sent this node a request are pinged before the routing table takes them,
 * and pings them, a bounded number at a time, so that a request alone never puts its sender in the
 * table ({@link RpcClient} adds the sender when the ping is answered).
 */
final class RequesterVerification {
  /** Verification pings in flight at most, so that a flood of requests cannot make a flood. */
  static final int MAX_VERIFYING = 32;

  /** A requester whose verification ping went unanswered is not pinged again for this long. */
  static final Duration UNVERIFIED_FOR = Duration.ofMinutes(1);

  private final RoutingTable routing;
  private final Clock clock;
  private final Scheduler scheduler;
  private final BiConsumer<Contact, Duration> seen;
  private final Function<Contact, CompletableFuture<?>> ping;
  private final Set<NodeId> verifying = new HashSet<>();
  private final LinkedHashMap<NodeId, Instant> unverified = new LinkedHashMap<>();

  /**
   * @param scheduler where the verification pings are handed, after the request is answered
   * @param seen told of a requester the table holds at that address ({@code rtt} null)
   * @param ping pings a requester at its address; an answer adds it to the table
   */
  RequesterVerification(
      RoutingTable routing,
      Clock clock,
      Scheduler scheduler,
      BiConsumer<Contact, Duration> seen,
      Function<Contact, CompletableFuture<?>> ping) {
    this.routing = routing;
    this.clock = clock;
    this.scheduler = scheduler;
    this.seen = seen;
    this.ping = ping;
  }

  /**
   * A node sent this node a request. A contact the table holds at that address is seen alive; any
   * other (a new node, or a known id at a new address) is pinged first, when the table would take
   * it, and enters the table only when it answers: a request alone does not prove that the sender
   * can be reached, and the protocol lets anyone send one (a health probe, a crawler).
   */
  void heardFrom(Contact c) {
    Optional<Contact> known = routing.find(c.id());
    if (known.isPresent() && known.get().address().equals(c.address())) {
      seen.accept(c, null);
      return;
    }
    if (known.isEmpty() && !routing.wouldAdmit(c.id())) {
      return;
    }
    if (!worthVerifying(c.id(), clock.instant())) {
      return; // being verified, or did not answer lately: no hand-off to the scheduler per request
    }
    // After this request is answered: a node that joins through us learns our id from that answer
    // first, and so need not verify us in turn when our ping reaches it.
    scheduler.execute(() -> verify(c));
  }

  /**
   * Whether a ping to verify {@code id} may go: none is under way for it, it did not leave one
   * unanswered in the last {@link #UNVERIFIED_FOR}, and fewer than {@link #MAX_VERIFYING} are.
   */
  private boolean worthVerifying(NodeId id, Instant now) {
    synchronized (verifying) {
      Instant failedAt = unverified.get(id);
      if (failedAt != null && failedAt.isAfter(now.minus(UNVERIFIED_FOR))) {
        return false;
      }
      return verifying.size() < MAX_VERIFYING && !verifying.contains(id);
    }
  }

  /** Pings a requester unknown at its address; its answer adds it (the client's answer path). */
  private void verify(Contact c) {
    Instant now = clock.instant();
    synchronized (verifying) {
      if (!worthVerifying(c.id(), now) || !verifying.add(c.id())) {
        return;
      }
    }
    ping.apply(c)
        .whenComplete(
            (r, err) -> {
              synchronized (verifying) {
                verifying.remove(c.id());
                unverified.remove(c.id());
                if (err != null) {
                  unverified.put(c.id(), clock.instant());
                  RpcTiming.trim(unverified, RpcTiming.FAILING_CAPACITY);
                }
              }
            });
  }
}
