package io.kadscope.mainline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcResponse;
import io.kadscope.krpc.NodeInfo;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import io.kadscope.krpc.Want;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our KRPC codec and BEP 44 items against libtorrent 2.0, on 127.0.0.1: a plain UDP socket speaks
 * to a private DHT of libtorrent sessions (test resource mainline/lt_swarm.py), both ways. Skipped,
 * saying why, where {@code python3 -c "import libtorrent"} fails.
 */
@RequiresLibtorrent
class LibtorrentInteropIT {
  private static final int SESSIONS = 4;

  private static LibtorrentSwarm swarm;
  private static RawKrpcNode us;
  private final SplittableRandom random = new SplittableRandom();

  @BeforeAll
  static void startSwarm() throws Exception {
    swarm = LibtorrentSwarm.start(SESSIONS);
    swarm.waitFormed();
    us = new RawKrpcNode(Id160.random(new SplittableRandom()));
  }

  @AfterAll
  static void stopSwarm() {
    if (us != null) {
      us.close();
    }
    if (swarm != null) {
      swarm.close();
    }
  }

  private static InetSocketAddress session(int i) {
    return swarm.session(i).address();
  }

  @Test
  void ping_isAnsweredWithTheSessionsId_andOurAddress() {
    KrpcResponse r = us.ask(session(0), new Query.Ping());

    assertThat(r.reply()).isEqualTo(new Reply.Ping());
    assertThat(r.responder()).isEqualTo(swarm.session(0).nodeId());
    assertThat(r.requesterAddress()).contains(us.address()); // BEP 42's ip
    assertThat(r.clientVersion().orElseThrow().toUtf8()).startsWith("LT");
  }

  @Test
  void findNode_listsTheOtherSessions() {
    LibtorrentSwarm.Session target = swarm.session(1);

    KrpcResponse r = us.ask(session(0), new Query.FindNode(target.nodeId(), Set.of(Want.N4)));

    List<NodeInfo> nodes = ((Reply.FindNode) r.reply()).nodes();
    assertThat(nodes).contains(new NodeInfo(target.nodeId(), target.address()));
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(SESSIONS - 1);
  }

  @Test
  void anUnknownMethod_isRefusedWithAnError() {
    KrpcError e = us.askForError(session(0), new Query.Unknown(BBytes.utf8("kadscope_hello")));

    assertThat(e.errorCode()).contains(ErrorCode.PROTOCOL); // libtorrent says 203, not 204
    assertThat(e.message()).isEqualTo("unknown message");
  }

  @Test
  void ourAnnouncement_isFoundByAnotherSession() {
    Id160 infoHash = Id160.random(random);
    for (int i = 0; i < SESSIONS; i++) {
      KrpcResponse peers = us.ask(session(i), new Query.GetPeers(infoHash));
      BBytes token = ((Reply.GetPeers) peers.reply()).token().orElseThrow();
      KrpcResponse ok = us.ask(session(i), new Query.AnnouncePeer(infoHash, 0, token, true));
      assertThat(ok.reply()).isEqualTo(new Reply.AnnouncePeer());
    }

    List<InetSocketAddress> found = swarm.getPeers(2, infoHash, 1);

    assertThat(found).contains(us.address()); // implied_port: our UDP port
  }

  @Test
  void aSessionsAnnouncement_isFoundByOurGetPeers() {
    Id160 infoHash = Id160.random(random);
    int port = swarm.announce(1, infoHash);
    assertThat(swarm.getPeers(3, infoHash, 1)).isNotEmpty(); // the announcement has spread

    List<InetSocketAddress> values = List.of();
    for (int i = 0; i < SESSIONS && values.isEmpty(); i++) {
      values = ((Reply.GetPeers) us.ask(session(i), new Query.GetPeers(infoHash)).reply()).values();
    }

    assertThat(values).extracting(InetSocketAddress::getPort).contains(port);
  }

  @Test
  void anImmutableItemWePut_isGotByASession() {
    Bencoded value = Bencoded.of(BBytes.utf8("Hello from KadScope " + random.nextInt()));
    ImmutableItem item = new ImmutableItem(value);
    for (int i = 0; i < SESSIONS; i++) {
      Reply.Get got = (Reply.Get) us.ask(session(i), new Query.Get(item.target())).reply();
      KrpcResponse stored = us.ask(session(i), item.toPut(got.token().orElseThrow()));
      assertThat(stored.reply()).isEqualTo(new Reply.Put());
    }

    Optional<String> got = swarm.getImmutable(3, item.target());

    assertThat(got).contains(((BBytes) value.value()).toUtf8());
  }

  @Test
  void anImmutableItemASessionPuts_isGotAndVerifiedByUs() {
    String text = "Hello from libtorrent " + random.nextInt();
    Id160 target = swarm.putImmutable(1, text);

    Reply.Get reply = (Reply.Get) us.ask(session(0), new Query.Get(target)).reply();

    Optional<Item> item = ItemRules.verifiedItem(target, BBytes.EMPTY, reply);
    assertThat(item).contains(new ImmutableItem(Bencoded.of(BBytes.utf8(text))));
  }

  @Test
  void aMutableItemSignedByTheJdk_isAcceptedAndServedByLibtorrent() {
    KeyPair keys = Ed25519.generate(new SecureRandom());
    BBytes salt = BBytes.utf8("kadscope");
    MutableItem item = MutableItem.sign(keys, salt, 1, Bencoded.of(BBytes.utf8("signed by Java")));
    for (int i = 0; i < SESSIONS; i++) {
      Reply.Get got = (Reply.Get) us.ask(session(i), new Query.Get(item.target())).reply();
      KrpcResponse stored =
          us.ask(session(i), item.toPut(got.token().orElseThrow(), OptionalLong.empty()));
      assertThat(stored.reply()).isEqualTo(new Reply.Put()); // libtorrent verified our signature
    }

    JsonObject got = swarm.getMutable(2, item.publicKey().toHex(), "kadscope");

    assertThat(got.get("found").getAsBoolean()).isTrue();
    assertThat(got.get("value").getAsString()).isEqualTo("signed by Java");
    assertThat(got.get("seq").getAsLong()).isEqualTo(1);
    assertThat(got.get("signature").getAsString()).isEqualTo(item.signature().toHex());
  }

  @Test
  void aMutableItemWithABadSignature_isRefusedWith206() {
    KeyPair keys = Ed25519.generate(new SecureRandom());
    MutableItem good = MutableItem.sign(keys, BBytes.EMPTY, 3, Bencoded.of(BBytes.utf8("x")));
    byte[] sig = good.signature().toByteArray();
    sig[10] ^= 0x40;
    MutableItem bad =
        new MutableItem(good.publicKey(), good.salt(), good.seq(), good.value(), BBytes.of(sig));
    Reply.Get got = (Reply.Get) us.ask(session(0), new Query.Get(bad.target())).reply();

    KrpcError e =
        us.askForError(session(0), bad.toPut(got.token().orElseThrow(), OptionalLong.empty()));

    assertThat(e.errorCode()).contains(ErrorCode.INVALID_SIGNATURE);
    assertThat(e.message()).isEqualTo("invalid signature");
  }

  @Test
  void ourNode_appearsInTheirRoutingTables_afterAnsweringTheirQueries() {
    swarm.addNode(us.address());

    List<LibtorrentSwarm.TableEntry> table = swarm.awaitInTable(0, us.id());

    assertThat(table).contains(new LibtorrentSwarm.TableEntry(us.id(), us.address()));
    assertThat(us.received()).isNotEmpty(); // libtorrent's queries, decoded by our codec
    assertThat(us.received()).allSatisfy(q -> assertThat(q.clientVersion()).isPresent());
  }
}
