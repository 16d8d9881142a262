package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcCodec;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcMessage;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcRawResponse;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import io.kadscope.mainline.node.MainlineNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-address bounds of a Mainline node, on real UDP through its KRPC port: requests beyond an
 * address's rate go unanswered, announces and puts beyond its write rate are refused 202, each is
 * counted, and another address is served as before. Loopback is made subject to the bounds here,
 * and the node's clock stands still, so that exactly the burst passes.
 */
class KrpcRatesAndQuotasTest {
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final Clock STILL =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final Random random = new Random(11);
  private KrpcNetwork network;
  private MainlineNode victim;
  private RawKrpcPeer flooder;
  private RawKrpcPeer other;

  @BeforeEach
  void aNodeSubjectToItsLimits() throws UnknownHostException {
    network = new KrpcNetwork(UdpTransport.best(), 1, 10_000);
    victim =
        MainlineNode.builder(network)
            .bind(LOOPBACK)
            .clock(STILL)
            .limits(MainlineNode.LIMITS.withLoopbackExempt(false))
            .build();
    victim.start();
    flooder = new RawKrpcPeer(NodeId.random(random));
    other = new RawKrpcPeer(NodeId.random(random), InetAddress.getByName("127.0.0.2"));
  }

  @AfterEach
  void stop() {
    flooder.close();
    other.close();
    victim.stop();
    network.close();
  }

  @Test
  void requestsBeyondAnAddresssBurst_goUnanswered_andCounted_whileAnotherAddressIsAnswered() {
    int burst = MainlineNode.LIMITS.requestBurst();
    for (int i = 0; i < burst; i++) {
      assertThat(ask(flooder, new Query.Ping())).isInstanceOf(KrpcRawResponse.class);
    }
    for (int i = 0; i < 100; i++) {
      flooder.send(query(flooder, new Query.Ping()), victim.address());
    }

    // datagrams are handled in order: once the other address is answered, the 100 were handled
    assertThat(ask(other, new Query.Ping())).isInstanceOf(KrpcRawResponse.class);
    assertThat(victim.engine().refusals().of(Refusal.REQUEST_RATE)).isEqualTo(100);
  }

  @Test
  void announcesBeyondAnAddresssWriteBurst_areRefused202_andWhatAnotherAnnouncedStays() {
    Id160 honest = Id160.random(new SplittableRandom(1));
    announce(other, honest, 6881);
    int burst = MainlineNode.LIMITS.storeBurst();

    int refused = 0;
    for (int i = 0; i < burst + 20; i++) {
      Object answer = announce(flooder, Id160.random(new SplittableRandom(100 + i)), 7000);
      if (answer instanceof KrpcError e) {
        assertThat(e.code()).isEqualTo(ErrorCode.SERVER.code());
        assertThat(e.message()).isEqualTo("too many writes from this address: try again later");
        refused++;
      }
    }
    Object put =
        ask(
            flooder,
            new Query.Put(
                token(flooder, honest), Bencoded.of(BBytes.utf8("flood")), Optional.empty()));

    assertThat(refused).isEqualTo(20);
    assertThat(put).as("a put shares the announces' rate").isInstanceOf(KrpcError.class);
    assertThat(victim.writesRefused()).isEqualTo(21);
    assertThat(victim.peersHeld()).isEqualTo(1 + burst);
    Reply.GetPeers found =
        (Reply.GetPeers)
            new KrpcCodec()
                .decodeResponse(
                    new Query.GetPeers(honest, Set.of()),
                    (KrpcRawResponse) ask(other, new Query.GetPeers(honest, Set.of())))
                .reply();
    assertThat(found.values())
        .containsExactly(new InetSocketAddress(other.address().getAddress(), 6881));
  }

  private Object announce(RawKrpcPeer from, Id160 infoHash, int port) {
    return ask(from, new Query.AnnouncePeer(infoHash, port, token(from, infoHash), false));
  }

  private BBytes token(RawKrpcPeer from, Id160 infoHash) {
    KrpcRawResponse r = (KrpcRawResponse) ask(from, new Query.GetPeers(infoHash, Set.of()));
    Reply.GetPeers g =
        (Reply.GetPeers)
            new KrpcCodec().decodeResponse(new Query.GetPeers(infoHash, Set.of()), r).reply();
    return g.token().orElseThrow();
  }

  /** A read-only query (BEP 43), so that the node neither keeps nor pings back the asker. */
  private static KrpcQuery query(RawKrpcPeer from, Query q) {
    return KrpcQuery.of(from.randomTransaction(), from.id(), q).asReadOnly();
  }

  private Object ask(RawKrpcPeer from, Query q) {
    KrpcQuery sent = query(from, q);
    from.send(sent, victim.address());
    Object m = from.receive();
    assertThat(((KrpcMessage) m).transaction())
        .as("the next datagram answers the query")
        .isEqualTo(sent.transaction());
    return m;
  }
}
