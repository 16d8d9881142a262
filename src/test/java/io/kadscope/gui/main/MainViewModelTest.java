package io.kadscope.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.main.MainViewModel.Page;
import io.kadscope.gui.session.NodeSession;
import io.kadscope.gui.testnet.TestNetworks;
import io.kadscope.gui.traffic.TrafficViewModel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The frame's view-model on a session that was never started, with no FX thread. */
class MainViewModelTest {
  private final NodeFactory factory = TestNetworks.factory();
  private final NodeSession session =
      new NodeSession(new GuiLaunch(GuiLaunch.Mode.CREATE, null, 0, 0, 0, factory), e -> {});
  private final MainViewModel vm =
      new MainViewModel(
          session,
          new SnapshotCache(session::routingSnapshot, session::storeSnapshot),
          new TrafficViewModel(Clock.systemUTC()));

  @AfterEach
  void stop() {
    session.close();
    factory.close();
  }

  @Test
  void anEviction_isTheNewsWithWhoWhereAndAfterHowManyFailures() {
    Contact gone =
        new Contact(NodeId.random(new Random(8)), new InetSocketAddress("10.0.0.7", 7123));

    vm.onEvents(
        List.of(
            new EngineEvent.ContactEvicted(Instant.now(), session.id(), gone, 4, 3, "no answer")));

    assertThat(vm.statusProperty().get())
        .isEqualTo("evicted " + gone + " from bucket 4 after 3 unanswered RPCs");
  }

  @Test
  void aLookupStarting_bringsTheLookupPageToTheFront() {
    vm.pageProperty().set(Page.TRAFFIC);

    vm.lookupStarting(NodeId.ofKey("greeting"));

    assertThat(vm.pageProperty().get()).isEqualTo(Page.LOOKUPS);
  }

  @Test
  void theTitle_namesTheNodesAddressAndIdPrefix() {
    assertThat(vm.title())
        .startsWith("KadScope — node ")
        .contains(":" + session.address().getPort())
        .endsWith("id " + session.id().shortHex(10) + "…");
  }
}
