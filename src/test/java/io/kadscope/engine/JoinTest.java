package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The join: seeds pinged with retries, a lookup of the node's own id, farther buckets refreshed.
 */
class JoinTest {
  private static final NodeId SELF = id(0x00);

  private final NodeParts n = new NodeParts(SELF, 3);

  /** A seed that answers pings with its id and lookups with {@code contacts}. */
  private static RequestHandler seed(NodeId id, List<Contact> contacts) {
    return (from, r) ->
        switch (r.kind()) {
          case PING -> new Response.PingReply(id);
          case FIND_NODE, FIND_VALUE -> new Response.Nodes(contacts);
          case STORE -> new Response.StoreReply(true);
          case STUN, GET_PEERS, ANNOUNCE_PEER, GET_ITEM, PUT_ITEM -> null;
        };
  }

  private List<EngineEvent.LookupStarted> lookups(LookupPurpose purpose) {
    return n.events(EngineEvent.LookupStarted.class).stream()
        .filter(e -> e.purpose() == purpose)
        .toList();
  }

  @Test
  void join_pingsTheSeed_looksUpItsOwnId_andCountsTheContactsItKnows() {
    NodeParts.Peer other = n.peer(id(0x01), seed(id(0x01), List.of()));
    NodeParts.Peer seed = n.peer(id(0x80), seed(id(0x80), List.of(other.contact())));

    int known = n.await(n.join(List.of(), false).run(List.of(seed.address())));

    assertThat(known).isEqualTo(2);
    assertThat(seed.received()).first().isEqualTo(new Request.Ping(SELF));
    assertThat(lookups(LookupPurpose.JOIN))
        .singleElement()
        .satisfies(l -> assertThat(l.target()).isEqualTo(SELF));
    assertThat(n.routing.contains(other.id())).isTrue();
  }

  @Test
  void aSeedThatLosesTwoPings_isStillJoined_byARetransmission() {
    AtomicInteger pings = new AtomicInteger();
    RequestHandler answersThirdPing =
        (from, r) ->
            r.kind() == RpcKind.PING && pings.incrementAndGet() < 3
                ? null
                : seed(id(0x80), List.of()).handle(from, r);
    NodeParts.Peer seed = n.peer(id(0x80), answersThirdPing);

    int known = n.await(n.join(List.of(), false).run(List.of(seed.address())));

    assertThat(known).isEqualTo(1);
    assertThat(pings).as("three copies of one ping").hasValue(3);
    assertThat(n.events(EngineEvent.RpcFailed.class)).isEmpty();
    // Never measured: the first retransmission after RFC 6298's 1 s, the second 2 s later.
    assertThat(n.events(EngineEvent.RpcAnswered.class))
        .first()
        .satisfies(
            a ->
                assertThat(a.latency())
                    .isEqualTo(Duration.ofSeconds(3).plus(NodeParts.LATENCY.multipliedBy(2))));
  }

  @Test
  void aJoinNoSeedAnswers_failsNamingTheSeedsItTried() {
    NodeParts.Peer silent = n.peer(id(0x80), (from, r) -> null);
    CompletableFuture<Integer> join = n.join(List.of(), false).run(List.of(silent.address()));
    n.await(join.handle((v, e) -> e));

    assertThatThrownBy(join::join)
        .cause()
        .isInstanceOf(RpcException.class)
        .hasMessage("no seed answered a ping within 5000 ms: [" + silent.address() + "]");
    assertThat(silent.received()).as("sent at 0, 1 s and 3 s; 7 s is past the timeout").hasSize(3);
    assertThat(lookups(LookupPurpose.JOIN)).isEmpty();
  }

  @Test
  void theNodesOwnAddress_isNeverPingedAsASeed_andRestoredContactsAre() {
    NodeParts.Peer restored = n.peer(id(0x80), seed(id(0x80), List.of()));

    int known =
        n.await(n.join(List.of(restored.contact()), false).run(List.of(n.port.localAddress())));

    assertThat(known).isEqualTo(1);
    assertThat(n.events(EngineEvent.RpcSent.class))
        .extracting(EngineEvent.RpcSent::to)
        .doesNotContain(n.port.localAddress())
        .contains(restored.address());
  }

  @Test
  void aJoin_refreshesTheBucketsFartherThanTheClosestNeighbour_onlyWhenToldTo() {
    // Enough contacts for k = 3 to split the table into buckets farther than the nearest.
    NodeParts.Peer near = n.peer(id(0x00, 0x01), seed(id(0x00, 0x01), List.of()));
    NodeParts.Peer mid = n.peer(id(0x40), seed(id(0x40), List.of()));
    NodeParts.Peer other = n.peer(id(0x20), seed(id(0x20), List.of()));
    NodeParts.Peer seed =
        n.peer(id(0x80), seed(id(0x80), List.of(near.contact(), mid.contact(), other.contact())));

    n.await(n.join(List.of(), false).run(List.of(seed.address())));
    assertThat(lookups(LookupPurpose.REFRESH)).isEmpty();

    CompletableFuture<Integer> join = n.join(List.of(), true).run(List.of(seed.address()));
    n.await(join);
    assertThat(lookups(LookupPurpose.REFRESH))
        .as("the join ends when its own neighbourhood is known, before any refresh")
        .isEmpty();
    n.time.advance(Defaults.JOIN_REFRESH_SPREAD);
    int nearest = near.id().sharedPrefixLength(SELF);
    assertThat(lookups(LookupPurpose.REFRESH))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.target().sharedPrefixLength(SELF)).isLessThan(nearest));
  }
}
