package io.kadscope.mainline;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kadscope.engine.NodeId;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.mainline.node.Results;
import io.kadscope.transport.KrpcNetwork;
import io.kadscope.transport.UdpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KadScope's Mainline node, on real UDP on 127.0.0.1, in a private DHT of libtorrent 2.0 sessions
 * (test resource mainline/lt_swarm.py), both ways: it joins and appears in their tables; an item
 * one side puts the other gets; a peer one side announces the other finds. Skipped, saying why,
 * where {@code python3 -c "import libtorrent"} fails.
 */
@RequiresLibtorrent
class MainlineNodeInteropIT {
  private static final int SESSIONS = 8;
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private static LibtorrentSwarm swarm;
  private static KrpcNetwork network;
  private static MainlineNode node;
  private final SplittableRandom random = new SplittableRandom();

  @BeforeAll
  static void startSwarmAndJoinIt() throws Exception {
    swarm = LibtorrentSwarm.start(SESSIONS);
    swarm.waitFormed();
    // A pace well above the default: the swarm is ours, and the tests should not wait for turns.
    network = new KrpcNetwork(UdpTransport.best(), 1, 500);
    node =
        MainlineNode.builder(network)
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .rpcTimeout(Duration.ofSeconds(2))
            .build();
    node.start();
    int contacts = await(node.join(List.of(swarm.session(0).address())));
    assertThat(contacts).isPositive();
  }

  @AfterAll
  static void stopAll() {
    if (node != null) {
      node.stop();
    }
    if (network != null) {
      network.close();
    }
    if (swarm != null) {
      swarm.close();
    }
  }

  private static <T> T await(CompletableFuture<T> f) {
    return f.orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** Asks {@code attempt} again until {@code done} accepts its answer or the deadline passes. */
  private static <T> T poll(Supplier<CompletableFuture<T>> attempt, Predicate<T> done) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    T last = await(attempt.get());
    while (!done.test(last) && System.nanoTime() < deadline) {
      last = await(attempt.get());
    }
    return last;
  }

  private static NodeId id(Id160 id) {
    return NodeId.of(id.toByteArray());
  }

  private static Id160 id(NodeId id) {
    return Id160.of(id.toBytes());
  }

  @Test
  void ourNode_joinsThroughOneSession_andAppearsInTheirTables() {
    assertThat(node.engine().routingSnapshot().size()).isGreaterThanOrEqualTo(SESSIONS - 1);

    for (int i : new int[] {0, 3, 6}) {
      List<LibtorrentSwarm.TableEntry> table = swarm.awaitInTable(i, id(node.id()));
      assertThat(table).contains(new LibtorrentSwarm.TableEntry(id(node.id()), node.address()));
    }
  }

  @Test
  void anItemWePut_isGotByASession() {
    String text = "put by KadScope " + random.nextInt();

    Results.ItemPut put = await(node.putText(text));

    assertThat(put.storedOn()).isNotEmpty();
    assertThat(swarm.getImmutable(5, id(put.target()))).contains(text);
  }

  @Test
  void anItemASessionPuts_isGotByUs() {
    String text = "put by libtorrent " + random.nextInt();
    NodeId target = id(swarm.putImmutable(2, text));

    Results.ItemGot got = await(node.get(target));

    assertThat(got.text()).contains(text);
    assertThat(target).isEqualTo(MainlineNode.targetOfText(text));
  }

  @Test
  void aMutableItemWePut_isGotByASession_withItsSignatureAndSeq() {
    KeyPair keys = Ed25519.generate(new SecureRandom());
    BBytes salt = BBytes.utf8("kadscope");

    Results.ItemPut put =
        await(node.putMutable(keys, salt, Bencoded.of(BBytes.utf8("signed by KadScope"))));

    assertThat(put.storedOn()).isNotEmpty();
    JsonObject got =
        swarm.getMutable(4, Ed25519.rawPublicKey(keys.getPublic()).toHex(), "kadscope");
    assertThat(got.get("found").getAsBoolean()).isTrue();
    assertThat(got.get("value").getAsString()).isEqualTo("signed by KadScope");
    assertThat(got.get("seq").getAsLong()).isEqualTo(1);
  }

  @Test
  void aPeerWeAnnounce_isFoundByASession() {
    NodeId infoHash = NodeId.random(new java.util.Random(random.nextLong()));

    Results.Announced a = await(node.announce(infoHash, 0));

    assertThat(a.on()).isNotEmpty();
    assertThat(swarm.getPeers(7, id(infoHash), 1)).contains(node.address());
  }

  @Test
  void aPeerASessionAnnounces_isFoundByUs() {
    Id160 infoHash = Id160.random(random);
    int port = swarm.announce(1, infoHash);
    assertThat(swarm.getPeers(6, infoHash, 1)).isNotEmpty(); // the announcement has spread

    Results.PeersFound found = poll(() -> node.peers(id(infoHash)), r -> !r.peers().isEmpty());

    assertThat(found.peers()).extracting(InetSocketAddress::getPort).contains(port);
  }
}
