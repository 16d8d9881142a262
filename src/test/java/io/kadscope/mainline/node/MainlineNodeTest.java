package io.kadscope.mainline.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.mainline.Ed25519;
import io.kadscope.mainline.MutableItem;
import io.kadscope.mainline.SecureNodeId;
import io.kadscope.sim.SimNetwork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Mainline nodes made of the engine's parts, on a simulated network on virtual time: they join, put
 * and get items, announce and find peers, keep what they published alive, and take a BEP 42 id once
 * their peers agree on a public address.
 */
class MainlineNodeTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final Random random = new Random(44);
  private final SimNetwork sim = new SimNetwork(time, Duration.ofMillis(10), 0, random);
  private final SimMainlineNetwork network = new SimMainlineNetwork(sim, time);
  private final List<EngineEvent> events = new ArrayList<>();
  private int hosts;

  private MainlineNode node() {
    hosts++;
    MainlineNode n =
        MainlineNode.builder(network)
            .bind(new InetSocketAddress("10.9.0." + hosts, 6881))
            .clock(time.clock())
            .random(random)
            .listener(events::add)
            .build();
    n.start();
    return n;
  }

  /** {@code count} started nodes, each joined through the first. */
  private List<MainlineNode> dht(int count) {
    List<MainlineNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      MainlineNode n = node();
      if (i > 0) {
        await(n.join(List.of(nodes.get(0).address())));
      }
      nodes.add(n);
    }
    return nodes;
  }

  private <T> T await(CompletableFuture<T> f) {
    for (int i = 0; i < 200_000 && !f.isDone(); i++) {
      time.advance(Duration.ofMillis(1));
    }
    assertThat(f).as("done within 200 virtual seconds").isDone();
    return f.join();
  }

  @Test
  void anItemOneNodePuts_anotherGets_andItsValueIsTheText() {
    List<MainlineNode> dht = dht(24);

    Results.ItemPut put = await(dht.get(3).putText("hello, Mainline"));
    Results.ItemGot got = await(dht.get(17).get(put.target()));

    assertThat(put.target()).isEqualTo(MainlineNode.targetOfText("hello, Mainline"));
    assertThat(put.target().toHex()).isEqualTo(Id160.sha1("15:hello, Mainline".getBytes()).toHex());
    assertThat(put.storedOn()).hasSize(MainlineNode.K);
    assertThat(got.text()).contains("hello, Mainline");
    assertThat(got.from()).isPresent();
  }

  @Test
  void aGetOfATargetNobodyHolds_findsNothing() {
    List<MainlineNode> dht = dht(10);

    Results.ItemGot got = await(dht.get(5).get(MainlineNode.targetOfText("never put")));

    assertThat(got.item()).isEmpty();
    assertThat(got.text()).isEmpty();
  }

  @Test
  void aPeerOneNodeAnnounces_anotherFinds_onThePortAnnounced_orTheImpliedOne() {
    List<MainlineNode> dht = dht(24);
    NodeId infoHash = NodeId.random(random);

    Results.Announced a = await(dht.get(2).announce(infoHash, 51413));
    Results.Announced b = await(dht.get(9).announce(infoHash, 0));
    Results.PeersFound found = await(dht.get(20).peers(infoHash));

    assertThat(a.on()).hasSize(MainlineNode.K);
    assertThat(b.on()).hasSize(MainlineNode.K);
    assertThat(found.peers())
        .containsExactlyInAnyOrder(
            new InetSocketAddress(dht.get(2).address().getAddress(), 51413), dht.get(9).address());
    assertThat(found.answered()).isEqualTo(MainlineNode.K);
  }

  @Test
  void aMutableItem_isPutWithTheNextSequenceNumber_andTheLatestIsGot() throws Exception {
    List<MainlineNode> dht = dht(20);
    KeyPair keys = Ed25519.generate(new SecureRandom());
    BBytes salt = BBytes.utf8("notes");
    NodeId target =
        NodeId.of(MutableItem.targetOf(Ed25519.rawPublicKey(keys.getPublic()), salt).toByteArray());

    await(dht.get(1).putMutable(keys, salt, Bencoded.of(BBytes.utf8("first"))));
    await(dht.get(4).putMutable(keys, salt, Bencoded.of(BBytes.utf8("second"))));
    Results.ItemGot got = await(dht.get(12).getMutable(target, salt));

    assertThat(got.text()).contains("second");
    assertThat(((MutableItem) got.item().orElseThrow()).seq()).isEqualTo(2);
  }

  @Test
  void announcements_areMadeAgainBeforeTheyExpire_andOthersExpire() {
    List<MainlineNode> dht = dht(12);
    NodeId kept = NodeId.random(random);
    NodeId once = NodeId.random(random);
    await(dht.get(1).announce(kept, 6881));
    // an announce whose node stops, so that nobody announces it again
    await(dht.get(2).announce(once, 6881));
    dht.get(2).stop();

    time.advance(Duration.ofMinutes(45));

    assertThat(await(dht.get(7).peers(kept)).peers()).hasSize(1);
    assertThat(await(dht.get(7).peers(once)).peers()).as("expired after 30 min").isEmpty();
  }

  @Test
  void peersThatAgreeOnAPublicAddress_giveTheNodeAnIdThatFitsIt_onTheSamePort() {
    List<MainlineNode> dht = dht(12);
    InetAddress external = address("203.0.113.77");
    network.seenAs(a -> new InetSocketAddress(external, 40000));
    MainlineNode newcomer = node();
    NodeId before = newcomer.id();
    InetSocketAddress at = newcomer.address();

    await(newcomer.join(List.of(dht.get(0).address())));

    assertThat(newcomer.externalAddress()).contains(external);
    assertThat(newcomer.id()).isNotEqualTo(before);
    assertThat(SecureNodeId.conforms(Id160.of(newcomer.id().toBytes()), external)).isTrue();
    assertThat(newcomer.address()).isEqualTo(at);
    assertThat(newcomer.engine().routingSnapshot().size()).isPositive();
    assertThat(events)
        .filteredOn(e -> e instanceof EngineEvent.NodeStarted s && s.node().equals(newcomer.id()))
        .hasSize(1);
    Results.ItemPut put = await(newcomer.putText("from a node with a BEP 42 id"));
    assertThat(await(dht.get(5).get(put.target())).text()).contains("from a node with a BEP 42 id");
  }

  @Test
  void aPrivateExternalAddress_keepsTheId() {
    List<MainlineNode> dht = dht(12);
    MainlineNode newcomer = node();
    NodeId before = newcomer.id();

    await(newcomer.join(List.of(dht.get(0).address())));

    assertThat(newcomer.externalAddress()).contains(newcomer.address().getAddress());
    assertThat(newcomer.id()).isEqualTo(before);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
