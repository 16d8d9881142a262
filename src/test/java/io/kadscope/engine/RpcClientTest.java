package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcRefusedException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The RPC client: one request at a time, its events, and the routing table kept in step. */
class RpcClientTest {
  private static final NodeId SELF = id(0x00);

  private final NodeParts n = new NodeParts(SELF, 20, 2);

  @Test
  void anAnswer_isPublishedAfterTheSend_andMarksTheContactAlive() {
    NodeParts.Peer p = n.peer(id(0x80), (from, r) -> new Response.PingReply(id(0x80)));

    Response r = n.await(n.client.send(p.contact(), new Request.Ping(SELF), 7));

    assertThat(r).isEqualTo(new Response.PingReply(p.id()));
    EngineEvent.RpcSent sent = n.events(EngineEvent.RpcSent.class).get(0);
    assertThat(sent.rpc()).isEqualTo("ping");
    assertThat(sent.to()).isEqualTo(p.address());
    assertThat(sent.toId()).contains(p.id());
    assertThat(sent.lookupId()).isEqualTo(7);
    EngineEvent.RpcAnswered answered = n.events(EngineEvent.RpcAnswered.class).get(0);
    assertThat(answered.rpcId()).isEqualTo(sent.rpcId());
    assertThat(answered.summary()).isEqualTo("id " + p.id().shortHex(8));
    assertThat(answered.latency()).isEqualTo(NodeParts.LATENCY.multipliedBy(2));
    assertThat(n.events.indexOf(sent)).isLessThan(n.events.indexOf(answered));
    assertThat(n.routing.find(p.id())).contains(p.contact());
  }

  @Test
  void aRefusal_failsTheRequest_butProvesThePeerAlive() {
    NodeParts.Peer p = n.peer(id(0x80), (from, r) -> new Response.Refused(202, "server error"));
    n.routing.seen(p.contact(), null);

    CompletableFuture<Response> f = n.client.send(p.contact(), new Request.Ping(SELF), 0);
    Throwable err = n.await(f.handle((r, e) -> Futures.unwrap(e)));

    assertThat(err)
        .isInstanceOf(RpcRefusedException.class)
        .hasMessage(HostPort.of(p.address()) + " refused ping: error 202 \"server error\"");
    EngineEvent.RpcFailed failed = n.events(EngineEvent.RpcFailed.class).get(0);
    assertThat(failed.timeout()).isFalse();
    assertThat(failed.reason()).isEqualTo(err.getMessage());
    for (int i = 0; i < 3; i++) {
      n.await(n.client.send(p.contact(), new Request.Ping(SELF), 0).handle((r, e) -> e));
    }
    assertThat(n.routing.find(p.id()))
        .as("refusals never count against a contact")
        .contains(p.contact());
  }

  @Test
  void ping_learnsWhoAnswersAtAnAddress() {
    NodeParts.Peer p = n.peer(id(0x80), (from, r) -> new Response.PingReply(id(0x80)));

    Optional<NodeId> who = n.await(n.client.ping(p.address(), NodeParts.TIMEOUT));

    assertThat(who).contains(p.id());
    assertThat(n.routing.contains(p.id())).isTrue();
    assertThat(n.newcomers).containsExactly(p.contact());
  }

  @Test
  void ping_ofAnAddressThatDoesNotAnswer_isEmpty_notAFailure() {
    NodeParts.Peer silent = n.peer(id(0x80), (from, r) -> null);

    assertThat(n.await(n.client.ping(silent.address(), NodeParts.TIMEOUT))).isEmpty();
  }

  @Test
  void aTimeout_isPublished_andCountsAgainstTheContact_untilMaxFailuresEvictIt() {
    NodeParts.Peer silent = n.peer(id(0x80), (from, r) -> null);
    n.routing.seen(silent.contact(), null);

    CompletableFuture<Response> first = n.client.send(silent.contact(), new Request.Ping(SELF), 0);
    n.await(first.handle((r, e) -> e));

    EngineEvent.RpcFailed failed = n.events(EngineEvent.RpcFailed.class).get(0);
    assertThat(failed.timeout()).isTrue();
    assertThat(failed.reason())
        .isEqualTo(
            "no answer from "
                + silent.contact().host()
                + ":7123 to ping within 5000 ms (3 attempts)");
    assertThat(n.routing.contains(silent.id())).as("one failure of two allowed").isTrue();

    n.await(n.client.send(silent.contact(), new Request.Ping(SELF), 0).handle((r, e) -> e));

    assertThat(n.routing.contains(silent.id())).isFalse();
    assertThat(n.events(EngineEvent.ContactEvicted.class))
        .singleElement()
        .satisfies(e -> assertThat(e.failures()).isEqualTo(2));
  }

  @Test
  void anAnswerOfTheWrongKind_isAFailure_thatSaysWhatCameBackFromWhom() {
    NodeParts.Peer odd = n.peer(id(0x80), (from, r) -> new Response.StoreReply(true));

    CompletableFuture<Response> f = n.client.send(odd.contact(), new Request.Ping(SELF), 0);
    n.await(f.handle((r, e) -> e));

    assertThatThrownBy(f::join)
        .cause()
        .isInstanceOf(RpcException.class)
        .hasMessage("unexpected StoreReply from " + odd.address() + " in answer to ping");
    assertThat(n.events(EngineEvent.RpcFailed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.timeout()).isFalse());
    assertThat(n.events(EngineEvent.RpcAnswered.class)).isEmpty();
  }

  @Test
  void aPingAnsweredByAnotherIdThanTheOneAsked_isRefusedAndCounted_notTaken() {
    NodeId newId = id(0x90);
    NodeParts.Peer p = n.peer(newId, (from, r) -> new Response.PingReply(newId));
    Contact old = new Contact(id(0x80), p.address());
    n.routing.seen(old, null);

    CompletableFuture<Response> f = n.client.send(old, new Request.Ping(SELF), 0);
    n.await(f.handle((r, e) -> e));

    assertThatThrownBy(f::join)
        .cause()
        .isInstanceOf(RpcException.class)
        .hasMessage(
            HostPort.of(p.address())
                + " answered ping as 90000000, not as the contact 80000000 asked");
    assertThat(n.refusals.count(Refusal.WRONG_ID_ANSWER)).isEqualTo(1);
    assertThat(n.routing.find(newId)).isEmpty();
    assertThat(n.routing.snapshot().buckets().get(0).contacts())
        .singleElement()
        .satisfies(c -> assertThat(c.failures()).isEqualTo(1));
  }

  @Test
  void anAnswerCarryingThisNodesOwnId_isRefused_evenFromAnAddressNeverAsked() {
    NodeParts.Peer echo = n.peer(id(0x70), (from, r) -> new Response.PingReply(SELF));

    Optional<NodeId> pong = n.await(n.client.ping(echo.address(), NodeParts.TIMEOUT));

    assertThat(pong).isEmpty();
    assertThat(n.refusals.count(Refusal.OWN_ID_ANSWER)).isEqualTo(1);
    assertThat(n.routing.size()).isZero();
    assertThat(n.events(EngineEvent.RpcFailed.class))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.reason())
                    .isEqualTo(
                        HostPort.of(echo.address())
                            + " answered ping with this node's own id: it echoes what it"
                            + " receives, it is no Kademlia peer"));
  }

  @Test
  void aKnownIdSeenAtAnotherAddress_staysWhereItIs() {
    Contact known = new Contact(id(0x80), new InetSocketAddress("10.0.0.8", 7123));
    n.routing.seen(known, null);

    n.client.seen(new Contact(id(0x80), new InetSocketAddress("10.6.6.6", 6666)), null);

    assertThat(n.routing.find(id(0x80))).contains(known);
    assertThat(n.refusals.count(Refusal.MOVED_ID)).isEqualTo(1);
  }

  @Test
  void aFailureAtAnAddressAPeerListed_doesNotCountAgainstTheContactKnownElsewhere() {
    Contact known = new Contact(id(0x80), new InetSocketAddress("10.0.0.8", 7123));
    n.routing.seen(known, null);
    Contact listed = new Contact(id(0x80), new InetSocketAddress("10.6.6.6", 6666));

    for (int i = 0; i < 5; i++) {
      CompletableFuture<Response> f = n.client.send(listed, new Request.Ping(SELF), 0);
      n.await(f.handle((r, e) -> e));
    }

    assertThat(n.routing.find(id(0x80))).contains(known);
    assertThat(n.routing.snapshot().buckets().get(0).contacts())
        .singleElement()
        .satisfies(c -> assertThat(c.failures()).isZero());
  }

  @Test
  void aContactThatDoesNotFitAFullBucket_makesTheClientPingTheBucketsHead() {
    NodeParts small = new NodeParts(SELF, 1);
    NodeParts.Peer head = small.peer(id(0x80), (from, r) -> new Response.PingReply(id(0x80)));
    NodeParts.Peer newcomer = small.peer(id(0x81), (from, r) -> new Response.PingReply(id(0x81)));
    small.routing.seen(head.contact(), null);

    small.client.seen(newcomer.contact(), null);

    assertThat(small.events(EngineEvent.ContactCached.class))
        .extracting(EngineEvent.ContactCached::contact)
        .containsExactly(newcomer.contact());
    assertThat(small.events(EngineEvent.RpcSent.class))
        .singleElement()
        .satisfies(s -> assertThat(s.toId()).contains(head.id()));
    small.time.advance(NodeParts.TIMEOUT);
    assertThat(head.received()).containsExactly(new Request.Ping(SELF));
    assertThat(small.newcomers).as("a contact kept in the cache is no newcomer").isEmpty();
  }

  @Test
  void onlyAContactNewToTheTable_isHandedToTheNewcomers() {
    NodeParts.Peer p = n.peer(id(0x80), (from, r) -> new Response.PingReply(id(0x80)));

    n.await(n.client.send(p.contact(), new Request.Ping(SELF), 0));
    n.await(n.client.send(p.contact(), new Request.Ping(SELF), 0));

    assertThat(n.newcomers).containsExactly(p.contact());
  }

  @Test
  void summary_saysInAFewWordsWhatCameBack() {
    assertThat(
            List.of(
                AnswerSummary.of(new Response.StoreReply(true)),
                AnswerSummary.of(new Response.StoreReply(false)),
                AnswerSummary.of(new Response.Nodes(List.of())),
                AnswerSummary.of(new Response.FoundValue(new Value.Int(1))),
                AnswerSummary.of(new Response.StunReply("10.0.0.1", 7123))))
        .containsExactly("stored", "refused", "0 contacts", "value (int)", "10.0.0.1:7123");
  }
}
