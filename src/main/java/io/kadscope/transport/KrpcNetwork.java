package io.kadscope.transport;

import io.kadscope.engine.ExecutorScheduler;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import io.kadscope.mainline.node.MainlineNetwork;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Opens {@link KrpcRpcPort}s for Mainline nodes on real UDP: every port shares one Netty event loop
 * group and every node one {@link ExecutorScheduler}, as {@link UdpNodeFactory}'s do.
 *
 * <pre>{@code
 * try (KrpcNetwork network = new KrpcNetwork()) {
 *   MainlineNode node = MainlineNode.builder(network).bind(new InetSocketAddress(6881)).build();
 *   ...
 * }
 * }</pre>
 */
public final class KrpcNetwork implements MainlineNetwork {
  private final UdpTransport transport;
  private final EventLoopGroup group;
  private final ExecutorScheduler scheduler = new ExecutorScheduler();
  private final int queriesPerSecond;

  /** A network over the best transport here, one I/O thread, and the default pace of queries. */
  public KrpcNetwork() {
    this(UdpTransport.best(), UdpNodeFactory.DEFAULT_IO_THREADS, KrpcRpcPort.QUERIES_PER_SECOND);
  }

  /**
   * A network over {@code transport} with {@code ioThreads} event loop threads, whose ports send at
   * most {@code queriesPerSecond} queries a second each (after a burst of as many).
   */
  public KrpcNetwork(UdpTransport transport, int ioThreads, int queriesPerSecond) {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be at least 1, found " + ioThreads);
    }
    if (queriesPerSecond < 1) {
      throw new IllegalArgumentException(
          "queriesPerSecond must be at least 1, found " + queriesPerSecond);
    }
    this.transport = Objects.requireNonNull(transport, "transport");
    this.group = transport.newGroup(ioThreads);
    this.queriesPerSecond = queriesPerSecond;
  }

  @Override
  public KrpcRpcPort open(InetSocketAddress bind, NodeId self) {
    return KrpcRpcPort.bind(group, transport, bind, self, false, queriesPerSecond);
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Stops the scheduler and the event loop; stop the nodes first. */
  @Override
  public void close() {
    scheduler.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
