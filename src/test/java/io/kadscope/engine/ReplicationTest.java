package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.store.StoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replication: where values are stored, handed over, cached, expired and republished. */
class ReplicationTest {
  private static final NodeId SELF = id(0x00);

  private final NodeParts n = new NodeParts(SELF, 3);

  /** A peer that answers lookups with no contacts and stores when {@code stores} says. */
  private static RequestHandler peer(NodeId id, Boolean stores) {
    return (from, r) ->
        switch (r.kind()) {
          case PING -> new Response.PingReply(id);
          case STORE -> stores == null ? null : new Response.StoreReply(stores);
          case FIND_NODE, FIND_VALUE -> new Response.Nodes(List.of());
          case STUN, GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM -> null;
        };
  }

  private NodeParts.Peer known(NodeId id, Boolean stores) {
    NodeParts.Peer p = n.peer(id, peer(id, stores));
    n.routing.seen(p.contact(), null);
    return p;
  }

  private List<NodeId> lookupsFor(LookupPurpose purpose) {
    return n.events(EngineEvent.LookupStarted.class).stream()
        .filter(e -> e.purpose() == purpose)
        .map(EngineEvent.LookupStarted::target)
        .toList();
  }

  @Test
  void publish_withNoContacts_holdsTheValueHereOnly() {
    NodeId key = NodeId.ofKey("k");

    SetResult r = n.await(n.replication.publish(key, Value.of("v")));

    assertThat(r).isEqualTo(new SetResult(key, List.of(), List.of(), true, 0));
    assertThat(n.store.entry(key).orElseThrow().original()).isTrue();
    assertThat(n.events(EngineEvent.LookupStarted.class)).isEmpty();
  }

  @Test
  void publish_storesOnTheKClosest_andSaysWhichRefusedAndWhichDidNotAnswer() {
    NodeId key = id(0x80);
    NodeParts.Peer stores = known(id(0x81), true);
    NodeParts.Peer refuses = known(id(0x82), false);
    NodeParts.Peer silent = known(id(0x83), null);
    NodeParts.Peer far = known(id(0xf0), true);

    SetResult r = n.await(n.replication.publish(key, Value.of("v")));

    assertThat(r.storedOn()).containsExactly(stores.contact());
    assertThat(r.refusedBy()).containsExactly(refuses.contact());
    assertThat(r.failedOn()).containsExactly(silent.contact());
    assertThat(r.acknowledged()).isEqualTo(1);
    assertThat(r.asked()).isEqualTo(3);
    assertThat(r.outcome()).isEqualTo(SetResult.Outcome.PARTLY_STORED);
    assertThat(n.events(EngineEvent.ValuePublished.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.storedOn()).containsExactly(stores.contact());
              assertThat(e.key()).isEqualTo(key);
            });
    assertThat(r.storedLocally()).as("this node is not among the 3 closest").isFalse();
    assertThat(n.store.get(key)).isEmpty();
    assertThat(far.received()).noneMatch(q -> q instanceof Request.Store);
    assertThat(stores.received()).contains(new Request.Store(SELF, key, Value.of("v")));
    assertThat(lookupsFor(LookupPurpose.SET)).containsExactly(key);
    assertThat(r.lookupId()).isEqualTo(n.events(EngineEvent.LookupStarted.class).get(0).lookupId());
  }

  @Test
  void publish_holdsTheValueHereToo_whenThisNodeIsAmongTheKClosest() {
    known(id(0x80), true);
    known(id(0x90), true);
    NodeId key = id(0x01);

    SetResult r = n.await(n.replication.publish(key, Value.of("v")));

    assertThat(r.storedLocally()).isTrue();
    assertThat(r.copies()).isEqualTo(3);
    assertThat(n.store.entry(key).orElseThrow().original()).isTrue();
  }

  @Test
  void publish_refusesAValueTooLargeForOneDatagram_sayingHowLarge() {
    assertThatThrownBy(() -> n.replication.publish(id(0x01), Value.of("x".repeat(9000))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "value too large: 9005 bytes encoded; a store datagram holds at most 8135 bytes of"
                + " value (8192-byte body limit of the wire protocol)");
  }

  @Test
  void cacheOnPath_storesAFoundValueAtTheClosestNodeThatLackedIt() {
    NodeParts.Peer holder = known(id(0x81), true);
    NodeParts.Peer lacked = known(id(0x82), true);
    NodeId key = id(0x80);
    LookupResult found =
        new LookupResult(
            9,
            LookupKind.VALUE,
            key,
            List.of(),
            List.of(new LookupResult.Found(holder.contact(), Value.of("v"))),
            Optional.of(lacked.contact()),
            2,
            1);

    n.replication.cacheOnPath(key, found);
    n.time.advance(Duration.ofSeconds(1));

    assertThat(lacked.received()).containsExactly(new Request.Store(SELF, key, Value.of("v")));
    assertThat(holder.received()).isEmpty();
    assertThat(n.events(EngineEvent.RpcSent.class))
        .singleElement()
        .satisfies(s -> assertThat(s.lookupId()).isEqualTo(9));
  }

  @Test
  void cacheOnPath_ofALookupThatFoundNothing_sendsNothing() {
    NodeParts.Peer lacked = known(id(0x82), true);
    LookupResult none =
        new LookupResult(
            9,
            LookupKind.VALUE,
            id(0x80),
            List.of(),
            List.of(),
            Optional.of(lacked.contact()),
            1,
            1);

    n.replication.cacheOnPath(id(0x80), none);

    assertThat(n.events(EngineEvent.RpcSent.class)).isEmpty();
  }

  @Test
  void aNewcomer_isHandedWhatItShouldHold_byTheHolderClosestToEachKey() {
    NodeParts.Peer farAway = known(id(0xf0), true);
    NodeId mine = id(0x01); // this node is the closest holder it knows of
    NodeId theirs = id(0xf1); // the far peer is closer to this one
    n.store.put(mine, Value.of("mine"), n.time.now(), false);
    n.store.put(theirs, Value.of("theirs"), n.time.now(), false);
    NodeParts.Peer newcomer = n.peer(id(0x02), peer(id(0x02), true));
    n.routing.seen(newcomer.contact(), null); // as the client does before it hands one on

    n.replication.newcomer(newcomer.contact());
    n.time.advance(Duration.ofSeconds(1));

    assertThat(newcomer.received())
        .containsExactly(new Request.Store(SELF, mine, Value.of("mine")));
    assertThat(farAway.received()).isEmpty();
  }

  @Test
  void aNewcomer_ofANodeHoldingNothing_costsNothing() {
    NodeParts.Peer newcomer = n.peer(id(0x02), peer(id(0x02), true));

    n.replication.newcomer(newcomer.contact());

    assertThat(n.time.runNext()).as("nothing scheduled").isFalse();
  }

  @Test
  void maintain_expiresACopyNotRepublishedForADay() {
    NodeId key = id(0x01);
    n.store.put(key, Value.of("stale"), n.time.now(), false);
    n.time.advance(Defaults.EXPIRY.plusMinutes(1));

    n.replication.maintain();

    assertThat(n.store.get(key)).isEmpty();
    assertThat(n.events(EngineEvent.ValueExpired.class))
        .extracting(EngineEvent.ValueExpired::key)
        .containsExactly(key);
  }

  @Test
  void maintain_replicatesAHeldCopyHourly_untilItExpires_andRepublishesThisNodesOwnDaily() {
    known(id(0x80), true);
    NodeId held = id(0x81);
    n.store.put(held, Value.of("held"), n.time.now(), false);
    NodeId own = id(0x82);
    n.await(n.replication.publish(own, Value.of("own")));

    n.time.advance(Defaults.REPLICATE_INTERVAL);
    n.replication.maintain();
    n.time.advance(Duration.ofSeconds(5));

    assertThat(lookupsFor(LookupPurpose.REPUBLISH)).containsExactly(held);
    n.time.advance(Defaults.REPUBLISH_INTERVAL);
    n.replication.maintain();
    n.time.advance(Duration.ofSeconds(5));

    // Nobody else stored the held copy again in a day: it expired instead.
    assertThat(lookupsFor(LookupPurpose.REPUBLISH)).containsExactly(held, own);
    assertThat(n.events(EngineEvent.ValueExpired.class))
        .extracting(EngineEvent.ValueExpired::key)
        .containsExactly(held);
    assertThat(n.events(EngineEvent.ValueRepublished.class))
        .extracting(EngineEvent.ValueRepublished::key, EngineEvent.ValueRepublished::stores)
        .containsExactly(tuple(held, 1), tuple(own, 1));
  }

  @Test
  void maintain_refreshesABucketNoLookupUsedForAnHour() {
    known(id(0x80), true);
    n.time.advance(Defaults.REFRESH_INTERVAL.plus(Defaults.MAINTENANCE_TICK));

    n.replication.maintain();

    assertThat(lookupsFor(LookupPurpose.REFRESH)).isNotEmpty();
  }

  @Test
  void restore_takesBackHeldValues_andRemembersThoseOnlyPublished() {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    StoredValue heldOwn = new StoredValue(id(0x01), Value.of("a"), t, true, t);
    StoredValue heldOther = new StoredValue(id(0x02), Value.of("b"), t, false, t);
    StoredValue elsewhere = new StoredValue(id(0x03), Value.of("c"), t, true, t);

    n.replication.restore(
        new NodeState(SELF, List.of(), List.of(heldOwn, heldOther), List.of(elsewhere)));

    assertThat(n.store.entries()).containsExactly(heldOwn, heldOther);
    assertThat(n.replication.publishedElsewhere()).containsExactly(elsewhere);
  }
}
