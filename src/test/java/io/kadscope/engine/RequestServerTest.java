package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request server: one answer per kind of request, and the sender verified as a contact. */
class RequestServerTest {
  private static final NodeId SELF = id(0x00);
  private static final NodeId SENDER = id(0x80);
  private static final InetSocketAddress FROM = new InetSocketAddress("10.9.9.9", 7123);

  private final NodeParts n = new NodeParts(SELF, 3);

  private Response handle(Request r) {
    return n.server.handle(FROM, r);
  }

  @Test
  void ping_isAnsweredWithThisNodesId_andTheSenderBecomesAContactOnceItAnswersAPingOfOurs() {
    NodeParts.Peer sender = n.peer(SENDER, (from, r) -> new Response.PingReply(SENDER));

    Response r = n.server.handle(sender.address(), new Request.Ping(SENDER));

    assertThat(r).isEqualTo(new Response.PingReply(SELF));
    assertThat(n.routing.contains(SENDER)).as("not on its word alone").isFalse();
    assertThat(n.events(EngineEvent.RpcReceived.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.rpc()).isEqualTo("ping");
              assertThat(e.from()).isEqualTo(sender.address());
              assertThat(e.fromId()).contains(SENDER);
            });
    n.time.advance(Duration.ofSeconds(1));
    assertThat(sender.received()).containsExactly(new Request.Ping(SELF));
    assertThat(n.routing.find(SENDER)).contains(sender.contact());
    assertThat(n.newcomers).as("welcomed with values once verified").contains(sender.contact());
  }

  @Test
  void aSenderThatAnswersNothing_asAHealthProbe_leavesNoTraceInTheTable() {
    assertThat(handle(new Request.Ping(SENDER))).isEqualTo(new Response.PingReply(SELF));
    n.time.advance(Duration.ofSeconds(30));
    assertThat(handle(new Request.Ping(SENDER))).isEqualTo(new Response.PingReply(SELF));
    n.time.advance(Duration.ofSeconds(30));

    assertThat(n.routing.size()).isZero();
    assertThat(n.events(EngineEvent.ContactAdded.class)).isEmpty();
    assertThat(n.events(EngineEvent.ContactCached.class)).isEmpty();
    assertThat(n.newcomers).isEmpty();
    assertThat(n.events(EngineEvent.RpcSent.class))
        .as("one verification of the probe, not one per probe within a minute")
        .singleElement()
        .satisfies(e -> assertThat(e.to()).isEqualTo(FROM));
  }

  @Test
  void aRequestFromAKnownContact_marksItAlive_withoutAPing() {
    Contact known = new Contact(SENDER, FROM);
    n.routing.seen(known, null);
    n.time.advance(Duration.ofMinutes(1));

    handle(new Request.FindNode(SENDER, id(0x40)));

    assertThat(n.routing.snapshot().contacts())
        .singleElement()
        .satisfies(c -> assertThat(c.lastSeen()).isEqualTo(n.time.now()));
    assertThat(n.events(EngineEvent.RpcSent.class)).isEmpty();
  }

  @Test
  void aKnownIdAtANewAddress_keepsItsOldAddressUntilTheNewOneAnswers() {
    Contact old = new Contact(SENDER, new InetSocketAddress("10.1.1.1", 7123));
    n.routing.seen(old, null);

    handle(new Request.Ping(SENDER)); // from FROM, where nothing answers
    n.time.advance(Duration.ofSeconds(10));

    assertThat(n.routing.find(SENDER)).contains(old);
  }

  @Test
  void aReadOnlySender_isAnswered_butNotKeptAsAContact() {
    assertThat(n.server.handleReadOnly(FROM, new Request.Ping(SENDER)))
        .isEqualTo(new Response.PingReply(SELF));

    assertThat(n.routing.find(SENDER)).isEmpty();
    assertThat(n.events(EngineEvent.RpcReceived.class))
        .singleElement()
        .satisfies(e -> assertThat(e.fromId()).contains(SENDER));
  }

  @Test
  void store_holdsTheValue_sayingWhoSentIt() {
    NodeId key = NodeId.ofKey("greeting");

    Response r = handle(new Request.Store(SENDER, key, Value.of("hello")));

    assertThat(r).isEqualTo(new Response.StoreReply(true));
    assertThat(n.store.get(key)).contains(Value.of("hello"));
    assertThat(n.store.entry(key).orElseThrow().original()).isFalse();
    assertThat(n.events(EngineEvent.ValueStored.class))
        .singleElement()
        .satisfies(e -> assertThat(e.from()).contains(new Contact(SENDER, FROM)));
  }

  @Test
  void findNode_listsTheKClosestContacts_leavingOutTheAsker() {
    List<Contact> known =
        List.of(
            new Contact(id(0x40), new InetSocketAddress("10.0.0.4", 7123)),
            new Contact(id(0x41), new InetSocketAddress("10.0.0.5", 7123)),
            new Contact(id(0x20), new InetSocketAddress("10.0.0.2", 7123)),
            new Contact(id(0xf0), new InetSocketAddress("10.0.0.6", 7123)));
    known.forEach(c -> n.routing.seen(c, null));

    Response r = handle(new Request.FindNode(SENDER, id(0x40)));

    assertThat(r).isInstanceOf(Response.Nodes.class);
    assertThat(((Response.Nodes) r).contacts())
        .extracting(Contact::id)
        .containsExactly(id(0x40), id(0x41), id(0x20));
  }

  @Test
  void findValue_ofAKeyHeld_answersTheValue_andOfAnotherKey_contacts() {
    NodeId key = NodeId.ofKey("k");
    n.store.put(key, new Value.Int(42), n.time.now(), false);
    Contact c = new Contact(id(0x40), new InetSocketAddress("10.0.0.4", 7123));
    n.routing.seen(c, null);

    assertThat(handle(new Request.FindValue(SENDER, key)))
        .isEqualTo(new Response.FoundValue(new Value.Int(42)));
    assertThat(handle(new Request.FindValue(SENDER, NodeId.ofKey("other"))))
        .isEqualTo(new Response.Nodes(List.of(c)));
  }

  @Test
  void stun_answersTheAddressTheRequestCameFrom_andRecordsNoContact() {
    assertThat(handle(new Request.Stun())).isEqualTo(new Response.StunReply("10.9.9.9", 7123));

    assertThat(n.routing.size()).isZero();
    assertThat(n.events(EngineEvent.RpcReceived.class))
        .singleElement()
        .satisfies(e -> assertThat(e.fromId()).isEqualTo(Optional.empty()));
  }

  @Test
  void aRequestCarryingThisNodesOwnId_isNotAnswered_andCounted() {
    assertThat(handle(new Request.Ping(SELF))).isNull();
    assertThat(handle(new Request.FindNode(SELF, SENDER))).isNull();

    assertThat(n.routing.size()).isZero();
    assertThat(n.refusals.count(Refusal.OWN_ID_REQUEST)).isEqualTo(2);
    assertThat(n.events(EngineEvent.RpcReceived.class)).isEmpty();
  }

  @Test
  void aNodeThatIsNotRunning_answersNothing_andSaysNothing() {
    n.running = false;

    assertThat(handle(new Request.Ping(SENDER))).isNull();

    assertThat(n.routing.size()).isZero();
    assertThat(n.events).isEmpty();
  }

  @Test
  void requestsBeyondTheirAddressRate_areNotAnswered_andCounted_whileOtherAddressesAreServed() {
    NodeParts strict = new NodeParts(SELF, 3, Limits.DEFAULT.withRequestRate(1, 10));
    int answered = 0;
    for (int i = 0; i < 100; i++) {
      if (strict.server.handle(FROM, new Request.Ping(SENDER)) != null) {
        answered++;
      }
    }

    assertThat(answered).isEqualTo(10);
    assertThat(strict.refusals.count(Refusal.REQUEST_RATE)).isEqualTo(90);
    assertThat(
            strict.server.handle(
                new InetSocketAddress("10.0.0.7", 7123), new Request.Ping(id(0x81))))
        .isEqualTo(new Response.PingReply(SELF));
    strict.time.advance(Duration.ofSeconds(1));
    assertThat(strict.server.handle(FROM, new Request.Ping(SENDER))).isNotNull();
  }

  @Test
  void storesBeyondTheirAddressRate_areAnsweredFalse_andNotHeld() {
    NodeParts strict = new NodeParts(SELF, 3, Limits.DEFAULT.withStoreRate(1, 5));
    List<Response> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(
          strict.server.handle(FROM, new Request.Store(SENDER, id(0x40, i), Value.of("v"))));
    }

    assertThat(answers)
        .containsExactly(
            new Response.StoreReply(true),
            new Response.StoreReply(true),
            new Response.StoreReply(true),
            new Response.StoreReply(true),
            new Response.StoreReply(true),
            new Response.StoreReply(false),
            new Response.StoreReply(false),
            new Response.StoreReply(false));
    assertThat(strict.store.size()).isEqualTo(5);
    assertThat(strict.refusals.count(Refusal.STORE_RATE)).isEqualTo(3);
  }

  @Test
  void aStoreTheQuotaDoesNotAdmit_isAnsweredFalse_andCounted() {
    NodeParts small = new NodeParts(SELF, 3, Limits.DEFAULT.withMaxKeys(1));
    small.server.handle(FROM, new Request.Store(SENDER, id(0x01), Value.of("near")));

    Response r = small.server.handle(FROM, new Request.Store(SENDER, id(0xf0), Value.of("far")));

    assertThat(r).isEqualTo(new Response.StoreReply(false));
    assertThat(small.store.get(id(0xf0))).isEmpty();
    assertThat(small.refusals.count(Refusal.STORE_KEYS)).isEqualTo(1);
  }

  @Test
  void theSameValueStoredAgain_isARefresh_notANewStore() {
    NodeId key = NodeId.ofKey("greeting");
    handle(new Request.Store(SENDER, key, Value.of("hello")));
    handle(new Request.Store(SENDER, key, Value.of("hello")));

    assertThat(n.events(EngineEvent.ValueStored.class)).hasSize(1);
    assertThat(n.events(EngineEvent.ValueRefreshed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.from()).contains(new Contact(SENDER, FROM)));
  }
}
