package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.Lookup;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.LookupReply;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.lookup.LookupSpec;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs this node's lookups over rpcudp: each starts from the k closest contacts the routing table
 * knows (and marks the target's bucket as used), queries with {@code find_node} or {@code
 * find_value} through the {@link RpcClient}, and reads the answers as protocol-neutral {@link
 * LookupReply}s. A value lookup stops as the caller says: at the first value, as rpcudp's does, or
 * once the k closest have answered, to see every value they hold. The client tells the lookup which
 * contacts are slow (past their retransmission timeout) and which failed recently.
 */
final class Lookups {
  private final NodeId self;
  private final int k;
  private final int alpha;
  private final LookupMode mode;
  private final RoutingTable routing;
  private final RpcClient client;
  private final Clock clock;
  private final Consumer<EngineEvent> events;
  private final Random random;
  private final AtomicLong lookupSeq = new AtomicLong();

  Lookups(
      NodeId self,
      int k,
      int alpha,
      RoutingTable routing,
      RpcClient client,
      Clock clock,
      Consumer<EngineEvent> events,
      Random random) {
    this(self, k, alpha, LookupMode.PIPELINED, routing, client, clock, events, random);
  }

  /**
   * @param mode how each lookup paces its requests
   */
  Lookups(
      NodeId self,
      int k,
      int alpha,
      LookupMode mode,
      RoutingTable routing,
      RpcClient client,
      Clock clock,
      Consumer<EngineEvent> events,
      Random random) {
    this.self = self;
    this.k = k;
    this.alpha = alpha;
    this.mode = mode;
    this.routing = routing;
    this.client = client;
    this.clock = clock;
    this.events = events;
    this.random = random;
  }

  /**
   * Looks up {@code target}; a value lookup stops at the first value, as rpcudp's does. The lookup
   * publishes its own events. Never fails.
   */
  CompletableFuture<LookupResult> run(LookupKind kind, NodeId target, LookupPurpose purpose) {
    Request request =
        switch (kind) {
          case NODE -> new Request.FindNode(self, target);
          case VALUE -> new Request.FindValue(self, target);
        };
    return run(kind, target, purpose, StopPolicy.AT_FIRST_VALUE, request, (c, r) -> reply(r));
  }

  /** Looks up {@code target}; a value lookup ends as {@code stop} says. Never fails. */
  CompletableFuture<LookupResult> run(
      LookupKind kind, NodeId target, LookupPurpose purpose, StopPolicy stop) {
    Request request =
        switch (kind) {
          case NODE -> new Request.FindNode(self, target);
          case VALUE -> new Request.FindValue(self, target);
        };
    return run(kind, target, purpose, stop, request, (c, r) -> reply(r));
  }

  /**
   * Looks up {@code target} by sending {@code request} to each contact and reading the answers with
   * {@code reader}; the lookup publishes its own events. Never fails.
   */
  CompletableFuture<LookupResult> run(
      LookupKind kind,
      NodeId target,
      LookupPurpose purpose,
      StopPolicy stop,
      Request request,
      LookupReader reader) {
    long lookupId = lookupSeq.incrementAndGet();
    List<Contact> initial = routing.closest(target, k, null);
    routing.touch(target);
    LookupSpec spec = new LookupSpec(lookupId, self, kind, purpose, target, stop, k, alpha, mode);
    Lookup.Querier querier =
        new Lookup.Querier() {
          @Override
          public CompletableFuture<LookupReply> query(Contact to) {
            return query(to, null);
          }

          @Override
          public CompletableFuture<LookupReply> query(Contact to, Runnable slow) {
            return client.send(to, request, lookupId, slow).thenApply(r -> reader.read(to, r));
          }

          @Override
          public boolean failingRecently(Contact c) {
            return client.failingRecently(c.id());
          }
        };
    return new Lookup(spec, initial, querier, events, clock).run();
  }

  /** Refreshes a bucket: a node lookup of a random id in its range (paper 2.3). */
  CompletableFuture<LookupResult> refresh(BucketSnapshot bucket) {
    NodeId target = NodeId.randomWithPrefix(bucket.prefix(), bucket.depth(), random);
    return run(LookupKind.NODE, target, LookupPurpose.REFRESH);
  }

  /** An rpcudp answer to {@code find_node} or {@code find_value}, as a lookup reads it. */
  static LookupReply reply(Response r) {
    return switch (r.kind()) {
      case NODES -> LookupReply.ofContacts(((Response.Nodes) r).contacts());
      case FOUND_VALUE -> LookupReply.ofValue(((Response.FoundValue) r).value());
      case PING_REPLY, STORE_REPLY, STUN_REPLY, PEERS, ITEM, REFUSED ->
          throw new RpcException("a " + r.kind().label() + " does not answer a lookup");
    };
  }
}
