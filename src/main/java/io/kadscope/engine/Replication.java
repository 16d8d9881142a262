package io.kadscope.engine;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EventSink;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingTable;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.store.StoredValue;
import io.kadscope.engine.store.ValueStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where values live (paper 2.5): publishes this node's values on the k closest nodes of their keys
 * and keeps them there. It stores what others send here, caches a found value on the lookup's path,
 * hands a newcomer the values it should now hold, and runs the maintenance tick: expire stale
 * copies, replicate held values hourly, republish this node's own daily, refresh idle buckets.
 */
final class Replication {
  private static final Logger log = LoggerFactory.getLogger(KademliaNode.class);

  private final NodeId self;
  private final int k;
  private final RoutingTable routing;
  private final ValueStore store;
  private final RpcClient client;
  private final Lookups lookups;
  private final Scheduler scheduler;
  private final Clock clock;
  private final EventSink events;
  private final Refusals refusals;
  private final ConcurrentHashMap<NodeId, Publication> publications = new ConcurrentHashMap<>();

  /** A value this node published (it called {@code set}), and when it last published it. */
  private record Publication(Value value, Instant publishedAt) {}

  Replication(
      NodeId self,
      int k,
      RoutingTable routing,
      ValueStore store,
      RpcClient client,
      Lookups lookups,
      Scheduler scheduler,
      Clock clock,
      Consumer<EngineEvent> events,
      Refusals refusals) {
    this.self = self;
    this.k = k;
    this.routing = routing;
    this.store = store;
    this.client = client;
    this.lookups = lookups;
    this.scheduler = scheduler;
    this.clock = clock;
    this.events = EventSink.of(events);
    this.refusals = refusals;
  }

  /** Takes back the values of a saved state: those held, and those published but held elsewhere. */
  void restore(NodeState state) {
    state.values().forEach(store::restore);
    for (StoredValue v : state.values()) {
      if (v.original()) {
        publications.put(v.key(), new Publication(v.value(), v.republishedAt()));
      }
    }
    for (StoredValue v : state.published()) {
      publications.put(v.key(), new Publication(v.value(), v.republishedAt()));
    }
  }

  /** The values this node published but does not hold, for saving; it still republishes them. */
  List<StoredValue> publishedElsewhere() {
    List<StoredValue> out = new ArrayList<>();
    for (Map.Entry<NodeId, Publication> e : publications.entrySet()) {
      if (store.entry(e.getKey()).isEmpty()) {
        Publication p = e.getValue();
        out.add(new StoredValue(e.getKey(), p.value(), p.publishedAt(), true, p.publishedAt()));
      }
    }
    return out;
  }

  /**
   * Publishes {@code value} under {@code key}: this node republishes it daily from now on.
   *
   * @throws IllegalArgumentException when the value cannot fit in one datagram
   */
  CompletableFuture<SetResult> publish(NodeId key, Value value) {
    checkSize(value);
    publications.put(key, new Publication(value, clock.instant()));
    return storeOnClosest(key, value, LookupPurpose.SET, true)
        .thenApply(
            r -> {
              List<Contact> notAcknowledged = new ArrayList<>(r.failedOn());
              notAcknowledged.addAll(r.refusedBy());
              events.accept(
                  new EngineEvent.ValuePublished(
                      clock.instant(),
                      self,
                      key,
                      r.storedOn(),
                      notAcknowledged,
                      r.storedLocally()));
              return r;
            });
  }

  private static void checkSize(Value value) {
    int size = value.encodedSizeBound();
    if (size > Defaults.MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "value too large: "
              + size
              + " bytes encoded; a store datagram holds at most "
              + Defaults.MAX_VALUE_BYTES
              + " bytes of value ("
              + Defaults.MAX_BODY_BYTES
              + "-byte body limit of the wire protocol)");
    }
  }

  /**
   * Stores {@code value} on the k nodes closest to {@code key}, and here too when this node is
   * among them; with no contacts at all, here only.
   *
   * @param original whether this node is the value's publisher
   */
  CompletableFuture<SetResult> storeOnClosest(
      NodeId key, Value value, LookupPurpose purpose, boolean original) {
    if (routing.size() == 0) {
      storeLocally(key, value, original);
      return CompletableFuture.completedFuture(new SetResult(key, List.of(), List.of(), true, 0));
    }
    return lookups
        .run(LookupKind.NODE, key, purpose)
        .thenCompose(r -> storeOn(r.closest(), key, value, original, r.lookupId()));
  }

  private CompletableFuture<SetResult> storeOn(
      List<Contact> closest, NodeId key, Value value, boolean original, long lookupId) {
    boolean here =
        closest.size() < k || key.compareDistance(self, closest.get(closest.size() - 1).id()) < 0;
    if (here) {
      storeLocally(key, value, original);
    }
    // Each store's answer: true stored, false refused, null no answer.
    List<CompletableFuture<Boolean>> stores = new ArrayList<>();
    for (Contact c : closest) {
      stores.add(
          client
              .send(c, new Request.Store(self, key, value), lookupId)
              .handle(
                  (resp, err) ->
                      err != null ? null : resp instanceof Response.StoreReply s && s.stored()));
    }
    return CompletableFuture.allOf(stores.toArray(CompletableFuture[]::new))
        .thenApply(
            v -> {
              List<Contact> ok = new ArrayList<>();
              List<Contact> failed = new ArrayList<>();
              List<Contact> refused = new ArrayList<>();
              for (int i = 0; i < closest.size(); i++) {
                Boolean stored = stores.get(i).join();
                (stored == null ? failed : stored ? ok : refused).add(closest.get(i));
              }
              return new SetResult(key, ok, failed, refused, here, lookupId);
            });
  }

  /** Holds {@code value} here, whatever the quotas, and says so: this node's own store. */
  void storeLocally(NodeId key, Value value, boolean original) {
    store.put(key, value, clock.instant(), original);
    if (events.listening()) {
      events.accept(
          new EngineEvent.ValueStored(clock.instant(), self, key, value, Optional.empty()));
    }
  }

  /**
   * Holds a value a peer stored here, if the store's quotas admit it, and says what happened: a new
   * or changed value is {@link EngineEvent.ValueStored}, the same value again only {@link
   * EngineEvent.ValueRefreshed}, and a value dropped to make room {@link EngineEvent.ValueDropped};
   * a refusal is counted.
   *
   * @param from the sender as a contact, when it gave its id
   * @param address where the store came from
   * @return whether the value is held now
   */
  boolean storeFrom(NodeId key, Value value, Optional<Contact> from, InetSocketAddress address) {
    Instant now = clock.instant();
    ValueStore.Offer offer = store.offer(key, value, now);
    for (StoredValue d : offer.dropped()) {
      log.debug("value {} dropped to make room for {}", d.key(), key);
      events.accept(new EngineEvent.ValueDropped(now, self, d.key(), key));
    }
    switch (offer.admission()) {
      case STORED, CHANGED ->
          events.accept(new EngineEvent.ValueStored(now, self, key, value, from));
      case REFRESHED -> events.accept(new EngineEvent.ValueRefreshed(now, self, key, from));
      case REFUSED_KEYS ->
          refusals.refuse(
              Refusal.STORE_KEYS,
              address,
              "key "
                  + key.shortHex(8)
                  + " not stored: "
                  + store.size()
                  + " keys held, at most "
                  + store.maxKeys()
                  + ", all nearer this node");
      case REFUSED_BYTES ->
          refusals.refuse(
              Refusal.STORE_BYTES,
              address,
              "key "
                  + key.shortHex(8)
                  + " not stored: "
                  + store.bytes()
                  + " bytes held, at most "
                  + store.maxBytes()
                  + ", all nearer this node");
    }
    return offer.admission().held();
  }

  /**
   * Caches the value a lookup settled on at the closest node on its path that did not have it
   * (paper 2.3).
   */
  void cacheOnPath(NodeId key, LookupResult r) {
    r.value()
        .ifPresent(
            v ->
                r.closestWithoutValue()
                    .ifPresent(c -> client.send(c, new Request.Store(self, key, v), r.lookupId())));
  }

  /** A contact new to the routing table: hands it, off the I/O thread, what it should hold. */
  void newcomer(Contact c) {
    if (store.size() > 0) {
      // Deciding which values a newcomer gets walks the whole store.
      scheduler.execute(() -> welcome(c));
    }
  }

  /**
   * Hands a new contact the values it should now hold (paper 2.5): a key goes to the newcomer when
   * this node is the closest to it of all it knows (so that one holder, not k, sends it) and the
   * newcomer falls among the k closest. The first test needs one bucket of the table, so a node
   * holding many values pays little per newcomer.
   */
  void welcome(Contact newcomer) {
    if (store.size() == 0) {
      return;
    }
    for (StoredValue v : store.values()) {
      NodeId key = v.key();
      List<Contact> nearest = routing.closest(key, 1, newcomer.id());
      if (!nearest.isEmpty() && key.compareDistance(self, nearest.get(0).id()) >= 0) {
        continue;
      }
      List<Contact> neighbours = routing.closest(key, k, newcomer.id());
      boolean newcomerClose =
          neighbours.size() < k
              || key.compareDistance(newcomer.id(), neighbours.get(neighbours.size() - 1).id()) < 0;
      if (newcomerClose) {
        client.send(newcomer, new Request.Store(self, key, v.value()), 0);
      }
    }
  }

  /**
   * The maintenance tick, every {@link Defaults#MAINTENANCE_TICK}: expires copies not republished
   * for a day, replicates held values not seen republished for an hour, republishes this node's own
   * values daily, and refreshes buckets no lookup used for an hour.
   */
  void maintain() {
    Instant now = clock.instant();
    for (StoredValue v : store.expire(now, Defaults.EXPIRY)) {
      log.debug("value {} expired", v.key());
      if (events.listening()) {
        events.accept(new EngineEvent.ValueExpired(now, self, v.key()));
      }
    }
    for (StoredValue v : store.dueForReplicate(now, Defaults.REPLICATE_INTERVAL)) {
      republish(v.key(), v.value(), false);
    }
    for (Map.Entry<NodeId, Publication> e : publications.entrySet()) {
      Publication p = e.getValue();
      if (!p.publishedAt().isAfter(now.minus(Defaults.REPUBLISH_INTERVAL))
          && publications.replace(e.getKey(), p, new Publication(p.value(), now))) {
        republish(e.getKey(), p.value(), true);
      }
    }
    for (BucketSnapshot b : routing.staleBuckets(now.minus(Defaults.REFRESH_INTERVAL))) {
      lookups.refresh(b);
    }
  }

  private void republish(NodeId key, Value value, boolean original) {
    storeOnClosest(key, value, LookupPurpose.REPUBLISH, original)
        .thenAccept(
            r ->
                events.accept(
                    new EngineEvent.ValueRepublished(
                        clock.instant(), self, key, r.storedOn().size())));
  }
}
