package io.kadscope.gui.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.common.KeyHolders;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.fx.RecordingNotifier;
import io.kadscope.gui.map.NetworkMapViewModel;
import io.kadscope.gui.network.NetworkViewModel;
import io.kadscope.gui.store.StoreViewModel;
import io.kadscope.gui.testnet.TestNetworks;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.transport.KrpcNetwork;
import io.kadscope.transport.UdpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window on BitTorrent's DHT, without the FX thread: a session of mode MAINLINE joins a small
 * DHT of Mainline nodes on 127.0.0.1; the store form puts, gets, announces and looks peers up; the
 * Network form refuses the course's local peers; the map estimates the size by lookups.
 */
class MainlineSessionTest {
  private final KrpcNetwork others = new KrpcNetwork(UdpTransport.best(), 1, 500);
  private final NodeFactory factory = TestNetworks.factory();
  private final List<MainlineNode> dht = new ArrayList<>();
  private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final KeyHolders holders = new KeyHolders();
  private final List<NodeId> followed = new ArrayList<>();
  private NodeSession session;

  @BeforeEach
  void aSmallDht() {
    for (int i = 0; i < 12; i++) {
      MainlineNode n =
          MainlineNode.builder(others)
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .rpcTimeout(Duration.ofSeconds(1))
              .build();
      n.start();
      if (i > 0) {
        n.join(List.of(dht.get(0).address())).orTimeout(10, TimeUnit.SECONDS).join();
      }
      dht.add(n);
    }
    InetSocketAddress seed = dht.get(0).address();
    GuiLaunch launch =
        new GuiLaunch(
            GuiLaunch.Mode.MAINLINE,
            "127.0.0.1",
            seed.getPort(),
            0,
            0,
            factory,
            null,
            null,
            () -> new KrpcNetwork(UdpTransport.best(), 1, 500));
    session = new NodeSession(launch, events::add);
  }

  @AfterEach
  void stop() {
    if (session != null) {
      session.close();
    }
    dht.forEach(MainlineNode::stop);
    others.close();
    factory.close();
  }

  @Test
  void theSession_joinsTheDhtThroughTheHostGiven_withKEight() throws Exception {
    String status = session.start().get(20, TimeUnit.SECONDS);

    assertThat(status).startsWith("joined the BitTorrent DHT through 127.0.0.1:");
    assertThat(session.mainline()).isTrue();
    assertThat(session.k()).isEqualTo(MainlineNode.K);
    assertThat(session.routingSnapshot().size()).isGreaterThanOrEqualTo(MainlineNode.K);
    assertThat(events)
        .anySatisfy(e -> assertThat(e).isInstanceOf(EngineEvent.LookupFinished.class));
  }

  @Test
  void theStoreForm_putsGetsAnnouncesAndFindsPeers() throws Exception {
    session.start().get(20, TimeUnit.SECONDS);
    SnapshotCache snapshots = new SnapshotCache(session::routingSnapshot, session::storeSnapshot);
    StoreViewModel form =
        new StoreViewModel(session, snapshots, notifier, Runnable::run, followed::add, holders);
    assertThat(form.mainline()).isTrue();

    form.valueProperty().set("seen in the visualiser");
    form.put().get(20, TimeUnit.SECONDS);
    String target = MainlineNode.targetOfText("seen in the visualiser").toHex();
    assertThat(form.keyProperty().get()).isEqualTo(target);
    assertThat(form.resultProperty().get()).startsWith("Stored item " + target + " on 8 of the 8");
    form.getItem().get(20, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get()).startsWith("Received value seen in the visualiser");

    form.keyProperty().set("my torrent");
    form.valueProperty().set("51413");
    form.announce().get(20, TimeUnit.SECONDS);
    NodeId infoHash = NodeId.ofKey("my torrent");
    assertThat(form.resultProperty().get()).startsWith("Announced " + infoHash.toHex() + " on 8");
    form.peers().get(20, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get())
        .startsWith("Peers " + infoHash.toHex() + ": ")
        .contains(":51413");
    assertThat(followed).hasSize(4);
    assertThat(notifier.errors).isEmpty();

    form.keyProperty().set("not a target");
    form.getItem().get(20, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get())
        .isEqualTo(
            "Type an item's target in Key: 40 hex digits, not \"not a target\" (12 characters).");
  }

  @Test
  void theNetworkForm_refusesTheCoursesLocalPeers_andTheMapEstimatesBySomeLookups()
      throws Exception {
    session.start().get(20, TimeUnit.SECONDS);
    NetworkViewModel network = new NetworkViewModel(session, notifier, Runnable::run, l -> {});
    NetworkMapViewModel map =
        new NetworkMapViewModel(session, holders, Runnable::run, notifier, id -> {});

    network.addTen().get(5, TimeUnit.SECONDS);
    map.crawl().get(60, TimeUnit.SECONDS);

    assertThat(network.mainline()).isTrue();
    assertThat(network.resultProperty().get()).isEqualTo(NetworkViewModel.MAINLINE_NOTE);
    assertThat(session.local().running()).isZero();
    assertThat(network.kNoteProperty().get()).startsWith("k = 8: BEP 5's bucket size");
    assertThat(map.estimatesWithoutCrawl()).isTrue();
    assertThat(map.estimateProperty().get())
        .startsWith("n ≈ ")
        .contains("over " + NetworkMapViewModel.MAINLINE_TARGETS + " targets");
  }

  @Test
  void aLaunchOntoTheDht_needsAMainlineNetwork() {
    assertThatThrownBy(
            () -> new GuiLaunch(GuiLaunch.Mode.MAINLINE, null, 0, 0, 0, factory, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the BitTorrent DHT needs a Mainline network");
  }
}
