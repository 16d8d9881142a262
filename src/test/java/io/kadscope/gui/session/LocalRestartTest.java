package io.kadscope.gui.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.testing.InMemoryNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Local peers started again after "Stop local peers" never ask the peers that were stopped: each
 * such request waits out a timeout, and 24 newcomers joining in turn through a table of dead peers
 * took minutes where the first start takes seconds.
 */
class LocalRestartTest {
  private final InMemoryNetwork network = new InMemoryNetwork();
  private final Set<InetSocketAddress> askedByLocalPeers = ConcurrentHashMap.newKeySet();
  private volatile InetSocketAddress windowNode;

  /** Records where every node but the window's sends requests. */
  private final NodeFactory recording =
      new NodeFactory() {
        private final NodeFactory inner = network.factory(Duration.ofMillis(300));

        @Override
        public KademliaNode create(InetSocketAddress bind, Consumer<KademliaNode.Builder> c) {
          return inner.create(
              bind,
              c.andThen(
                  b ->
                      b.listener(
                          e -> {
                            if (e instanceof EngineEvent.RpcSent s
                                && windowNode != null
                                && !s.node().equals(windowId)) {
                              askedByLocalPeers.add(s.to());
                            }
                          })));
        }

        @Override
        public void close() {}
      };

  private volatile io.kadscope.engine.NodeId windowId;
  private final NodeSession session =
      new NodeSession(new GuiLaunch(GuiLaunch.Mode.CREATE, null, 0, 0, 0, recording), e -> {});

  @AfterEach
  void stop() {
    session.close();
    network.shutdown();
  }

  @Test
  void peersStartedAgainAfterAStop_neverAskTheStoppedOnes() throws Exception {
    windowId = session.id();
    windowNode = session.address();
    session.start().get(10, TimeUnit.SECONDS);
    session.addLocalPeers(8).get(30, TimeUnit.SECONDS);
    List<InetSocketAddress> stopped =
        session.local().peers().stream().map(KademliaNode::address).toList();
    session.findNode(session.id()).get(10, TimeUnit.SECONDS);
    session.local().stopAll();
    askedByLocalPeers.clear();

    assertThat(session.addLocalPeers(8).get(30, TimeUnit.SECONDS)).isEqualTo(8);

    assertThat(askedByLocalPeers).isNotEmpty().doesNotContainAnyElementsOf(stopped);
  }
}
