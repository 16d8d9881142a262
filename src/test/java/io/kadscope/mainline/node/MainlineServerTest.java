package io.kadscope.mainline.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.lookup.WriteToken;
import io.kadscope.engine.rpc.ExtensionHandler;
import io.kadscope.engine.rpc.ItemData;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.mainline.Ed25519;
import io.kadscope.mainline.MutableItem;
import io.kadscope.mainline.TokenIssuer;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Mainline node's answers to get_peers, announce_peer, get and put: tokens handed out and
 * checked per IP, peers and items stored, and refusals with libtorrent's codes and words.
 */
class MainlineServerTest {
  private static final NodeId ME = NodeId.fromHex("01".repeat(20));
  private static final NodeId ASKER = NodeId.fromHex("02".repeat(20));
  private static final NodeId HASH = NodeId.fromHex("ab".repeat(20));
  private static final InetSocketAddress FROM = new InetSocketAddress("10.0.0.7", 40001);
  private static final InetSocketAddress ELSEWHERE = new InetSocketAddress("10.0.0.8", 40001);
  private static final Contact NEAR =
      new Contact(NodeId.fromHex("ac".repeat(20)), new InetSocketAddress("10.0.0.9", 6881));
  private static final ExtensionHandler.Neighbours NEIGHBOURS = target -> List.of(NEAR);

  private final VirtualScheduler time = new VirtualScheduler();
  private final PeerStore peers = new PeerStore(time.clock());
  private final ItemStore items = new ItemStore(time.clock());
  private final MainlineServer server =
      new MainlineServer(peers, items, new TokenIssuer(time.clock(), new Random(3)), new Random(4));

  private Response ask(InetSocketAddress from, Request r) {
    return server.answer(from, r, NEIGHBOURS);
  }

  private WriteToken tokenFor(InetSocketAddress from) {
    return ((Response.Peers) ask(from, new Request.GetPeers(ASKER, HASH))).token().orElseThrow();
  }

  @Test
  void getPeers_givesATokenAndTheClosest_andThePeersAnnouncedWithIt() {
    Response.Peers first = (Response.Peers) ask(FROM, new Request.GetPeers(ASKER, HASH));
    assertThat(first.peers()).isEmpty();
    assertThat(first.contacts()).containsExactly(NEAR);

    Response ok =
        ask(FROM, new Request.AnnouncePeer(ASKER, HASH, 51413, false, first.token().orElseThrow()));
    Response.Peers then = (Response.Peers) ask(ELSEWHERE, new Request.GetPeers(ASKER, HASH));

    assertThat(ok).isEqualTo(new Response.StoreReply(true));
    assertThat(then.peers()).containsExactly(new InetSocketAddress("10.0.0.7", 51413));
  }

  @Test
  void anAnnounceWithImpliedPort_usesThePortItCameFrom() {
    ask(FROM, new Request.AnnouncePeer(ASKER, HASH, 0, true, tokenFor(FROM)));

    assertThat(peers.peers(HASH, 10, new Random())).containsExactly(FROM);
  }

  @Test
  void aTokenGivenToAnotherAddress_orTooOld_isRefused203() {
    WriteToken theirs = tokenFor(ELSEWHERE);
    assertThat(ask(FROM, new Request.AnnouncePeer(ASKER, HASH, 6881, false, theirs)))
        .isEqualTo(new Response.Refused(203, "invalid token"));

    WriteToken mine = tokenFor(FROM);
    time.advance(Duration.ofMinutes(11));
    assertThat(ask(FROM, new Request.AnnouncePeer(ASKER, HASH, 6881, false, mine)))
        .isEqualTo(new Response.Refused(203, "invalid token"));
    assertThat(peers.size()).isZero();
  }

  @Test
  void writesBeyondAnAddresssBurst_areRefused202_untilItsRateRefills_andOthersStillWrite() {
    Refusals refusals = new Refusals("test", time.clock());
    MainlineServer limited =
        new MainlineServer(
            peers,
            items,
            new TokenIssuer(time.clock(), new Random(3)),
            new Random(4),
            Limits.DEFAULT.withStoreRate(1, 3),
            time.clock(),
            refusals);
    WriteToken mine =
        ((Response.Peers) limited.answer(FROM, new Request.GetPeers(ASKER, HASH), NEIGHBOURS))
            .token()
            .orElseThrow();
    WriteToken theirs =
        ((Response.Peers) limited.answer(ELSEWHERE, new Request.GetPeers(ASKER, HASH), NEIGHBOURS))
            .token()
            .orElseThrow();
    List<Response> answers = new java.util.ArrayList<>();
    for (int port = 1; port <= 4; port++) {
      answers.add(
          limited.answer(
              FROM, new Request.AnnouncePeer(ASKER, HASH, port, false, mine), NEIGHBOURS));
    }
    Response fromElsewhere =
        limited.answer(
            ELSEWHERE, new Request.AnnouncePeer(ASKER, HASH, 9, false, theirs), NEIGHBOURS);
    time.advance(Duration.ofSeconds(1));
    Response afterASecond =
        limited.answer(FROM, new Request.AnnouncePeer(ASKER, HASH, 5, false, mine), NEIGHBOURS);

    Response.Refused overRate =
        new Response.Refused(202, "too many writes from this address: try again later");
    assertThat(answers)
        .containsExactly(
            new Response.StoreReply(true),
            new Response.StoreReply(true),
            new Response.StoreReply(true),
            overRate);
    assertThat(fromElsewhere).isEqualTo(new Response.StoreReply(true));
    assertThat(afterASecond).isEqualTo(new Response.StoreReply(true));
    assertThat(refusals.count(Refusal.STORE_RATE)).isEqualTo(1);
    assertThat(peers.size()).isEqualTo(5);
  }

  @Test
  void anAnnounceOfPortZero_withoutImpliedPort_isRefused() {
    assertThat(ask(FROM, new Request.AnnouncePeer(ASKER, HASH, 0, false, tokenFor(FROM))))
        .isEqualTo(new Response.Refused(203, "invalid port"));
  }

  private WriteToken itemToken(InetSocketAddress from, NodeId target) {
    return ((Response.ItemReply)
            ask(from, new Request.GetItem(ASKER, target, OptionalLong.empty())))
        .token()
        .orElseThrow();
  }

  @Test
  void anImmutableItemPut_isGotByAnyone_underTheHashOfItsValue() {
    byte[] v = "5:hello".getBytes();
    NodeId target = NodeId.sha1(v);

    Response put =
        ask(
            FROM,
            new Request.PutItem(
                ASKER, itemToken(FROM, target), ItemData.immutable(v), OptionalLong.empty()));
    Response.ItemReply got =
        (Response.ItemReply)
            ask(ELSEWHERE, new Request.GetItem(ASKER, target, OptionalLong.empty()));

    assertThat(put).isEqualTo(new Response.StoreReply(true));
    assertThat(got.item()).contains(ItemData.immutable(v));
    assertThat(got.seq()).isEmpty();
    assertThat(got.contacts()).containsExactly(NEAR);
  }

  @Test
  void aPutWhoseValueIsNotBencoded_isRefused203() {
    assertThat(
            ask(
                FROM,
                new Request.PutItem(
                    ASKER,
                    itemToken(FROM, HASH),
                    ItemData.immutable("5:hell".getBytes()),
                    OptionalLong.empty())))
        .isEqualTo(new Response.Refused(203, "invalid value for 'v'"));
  }

  @Test
  void mutableItems_followTheirSequenceNumbers_casAndSignatures() {
    KeyPair keys = Ed25519.generate(new SecureRandom());
    BBytes salt = BBytes.utf8("s");
    MutableItem v2 = MutableItem.sign(keys, salt, 2, Bencoded.of(BBytes.utf8("two")));
    MutableItem v1 = MutableItem.sign(keys, salt, 1, Bencoded.of(BBytes.utf8("one")));
    NodeId target = NodeId.of(v2.target().toByteArray());
    WriteToken token = itemToken(FROM, target);

    assertThat(ask(FROM, put(token, v2, OptionalLong.empty())))
        .isEqualTo(new Response.StoreReply(true));
    assertThat(ask(FROM, put(token, v1, OptionalLong.empty())))
        .isEqualTo(new Response.Refused(302, "old sequence number"));
    assertThat(
            ask(
                FROM,
                put(
                    token,
                    MutableItem.sign(keys, salt, 3, Bencoded.of(BBytes.utf8("three"))),
                    OptionalLong.of(1))))
        .isEqualTo(new Response.Refused(301, "CAS mismatch"));
    byte[] sig = v2.signature().toByteArray();
    sig[0] ^= 1;
    MutableItem forged = new MutableItem(v2.publicKey(), salt, 5, v2.value(), BBytes.of(sig));
    assertThat(ask(FROM, put(token, forged, OptionalLong.empty())))
        .isEqualTo(new Response.Refused(206, "invalid signature"));

    Response.ItemReply newer =
        (Response.ItemReply) ask(FROM, new Request.GetItem(ASKER, target, OptionalLong.of(2)));
    Response.ItemReply older =
        (Response.ItemReply) ask(FROM, new Request.GetItem(ASKER, target, OptionalLong.of(1)));
    assertThat(newer.item()).as("the asker has seq 2 already").isEmpty();
    assertThat(newer.seq()).hasValue(2);
    assertThat(older.item()).contains(Items.data(v2));
  }

  private static Request.PutItem put(WriteToken token, MutableItem item, OptionalLong cas) {
    return new Request.PutItem(ASKER, token, Items.data(item), cas);
  }

  @Test
  void theKindsOfTheEnginesOwnServer_areNotAnsweredHere() {
    assertThat(ask(FROM, new Request.Ping(ASKER))).isNull();
    assertThat(Optional.ofNullable(ask(FROM, new Request.FindNode(ASKER, HASH)))).isEmpty();
  }
}
