package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kadscope.engine.ExecutorScheduler;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import io.kadscope.mainline.node.MainlineNetwork;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.mainline.node.MainlinePort;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzing of the request path of a Mainline node: each input is a datagram handed to its KRPC port
 * as if it came from a peer, on the port's event loop, through the engine's server to the Mainline
 * server's stores and back out as an answer. Whatever the bytes, the path ends in an answer or a
 * drop, never in an exception, and the node keeps answering. Under {@code mvn verify} this replays
 * the checked-in corpus (the datagrams recorded from libtorrent, and a few hostile ones); with
 * {@code JAZZER_FUZZ=1} it fuzzes from there.
 */
class KrpcPortFuzzTest {
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final InetSocketAddress FROM = new InetSocketAddress("198.51.100.9", 6881);

  private static EventLoopGroup group;
  private static ExecutorNetwork network;
  private static MainlineNode node;
  private static MainlineNode other;

  /** A MainlineNetwork that keeps the last port it opened, to hand it datagrams directly. */
  private static final class ExecutorNetwork implements MainlineNetwork {
    final AtomicReference<KrpcRpcPort> last = new AtomicReference<>();
    final ExecutorScheduler scheduler = new ExecutorScheduler();

    @Override
    public MainlinePort open(InetSocketAddress bind, NodeId self) {
      KrpcRpcPort p = KrpcRpcPort.bind(group, UdpTransport.NIO, bind, self, false, 500);
      last.set(p);
      return p;
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public void close() {
      scheduler.close();
    }
  }

  /**
   * Starts a node with a neighbour, the first time a fuzz input comes: Jazzer's agent is installed
   * then, and classes loaded before it would all be instrumented again, which takes seconds.
   */
  private static synchronized void aNodeWithANeighbour() {
    if (node != null) {
      return;
    }
    group = UdpTransport.NIO.newGroup(1);
    network = new ExecutorNetwork();
    other = MainlineNode.builder(network).bind(LOOPBACK).build();
    other.start();
    node = MainlineNode.builder(network).bind(LOOPBACK).rpcTimeout(Duration.ofSeconds(1)).build();
    node.start();
    node.join(List.of(other.address())).orTimeout(10, TimeUnit.SECONDS).join();
  }

  @AfterAll
  static void stop() {
    if (node == null) {
      return;
    }
    node.stop();
    other.stop();
    network.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  @FuzzTest
  void aDatagram_isAnsweredOrDropped_andNeverFailsThePort(byte[] datagram) throws Exception {
    aNodeWithANeighbour();
    KrpcRpcPort port = network.last.get();

    port.receive(datagram, FROM);

    assertThat(node.isRunning()).isTrue();
    assertThat(port.localAddress()).isEqualTo(node.address());
  }
}
