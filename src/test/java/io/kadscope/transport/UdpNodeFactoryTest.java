package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Nodes made by the factory talk to each other over real UDP on 127.0.0.1. */
class UdpNodeFactoryTest {
  private static final InetSocketAddress ANY_LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final UdpNodeFactory factory = new UdpNodeFactory();

  @AfterEach
  void close() {
    factory.close();
  }

  @Test
  void create_makesNodesThatAnswerEachOthersPing() throws Exception {
    try (KademliaNode a = started(NodeId.fromHex("aa".repeat(20)));
        KademliaNode b = started(NodeId.fromHex("bb".repeat(20)))) {

      Optional<NodeId> answer = b.ping(a.address()).get(5, TimeUnit.SECONDS);

      assertThat(answer).contains(a.id());
      assertThat(a.address().getPort()).isPositive();
    }
  }

  @Test
  void create_nodesFindAValueStoredOnAnother() throws Exception {
    try (KademliaNode a = started(NodeId.fromHex("aa".repeat(20)));
        KademliaNode b = started(NodeId.fromHex("bb".repeat(20)))) {
      a.set("greeting", Value.of("hello world")).get(5, TimeUnit.SECONDS);

      b.bootstrap(List.of(a.address())).get(5, TimeUnit.SECONDS);

      assertThat(b.get("greeting").get(5, TimeUnit.SECONDS)).contains(Value.of("hello world"));
    }
  }

  @Test
  void aNodeNeverStarted_releasesItsAddressWhenStopped() throws Exception {
    KademliaNode probe = factory.create(ANY_LOOPBACK);
    InetSocketAddress address = probe.address();

    probe.stop();

    try (KademliaNode again = factory.create(address)) {
      assertThat(again.address()).isEqualTo(address);
    }
  }

  @Test
  void create_onATakenAddress_failsNamingIt() {
    try (KademliaNode a = started(NodeId.fromHex("aa".repeat(20)))) {
      InetSocketAddress taken = a.address();

      assertThatThrownBy(() -> factory.create(taken))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessage(
              "cannot listen on UDP 127.0.0.1:" + taken.getPort() + ": Address already in use");
    }
  }

  @Test
  void nodes_shareOneEventLoop() {
    try (UdpRpcPort p = factory.openPort(ANY_LOOPBACK);
        UdpRpcPort q = factory.openPort(ANY_LOOPBACK)) {
      assertThat(p.channel().eventLoop()).isSameAs(q.channel().eventLoop());
      assertThat(p.localAddress()).isNotEqualTo(q.localAddress());
    }
  }

  private KademliaNode started(NodeId id) {
    KademliaNode n = factory.create(ANY_LOOPBACK, b -> b.id(id).rpcTimeout(Duration.ofSeconds(2)));
    n.start();
    return n;
  }
}
