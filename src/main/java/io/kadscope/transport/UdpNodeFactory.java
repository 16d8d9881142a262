package io.kadscope.transport;

import io.kadscope.engine.ExecutorScheduler;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.Scheduler;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes {@link KademliaNode}s on real UDP. Every node it makes shares one Netty event loop group
 * and one {@link ExecutorScheduler}, so a node costs a socket and its tables, not threads. A node's
 * per-RPC timers run on the event loop of its socket ({@link UdpRpcPort#timers()}, which the node
 * takes from its port), its periodic work (refreshes, republishing, handing values to newcomers) on
 * the scheduler's thread.
 *
 * <pre>{@code
 * try (UdpNodeFactory factory = new UdpNodeFactory()) {
 *   KademliaNode node = factory.create(new InetSocketAddress("0.0.0.0", 7123));
 *   node.start();
 *   ...
 *   node.stop();
 * }
 * }</pre>
 */
public final class UdpNodeFactory implements NodeFactory {
  /**
   * Event loop threads by default: one carries many nodes (the work per datagram is microseconds)
   * and leaves the second core of a small machine to the scheduler and the GUI.
   */
  public static final int DEFAULT_IO_THREADS = 1;

  private final UdpTransport transport;
  private final EventLoopGroup group;
  private final ExecutorScheduler scheduler = new ExecutorScheduler();
  private volatile double inboundLoss;
  private long lossSeed;
  private long ports;

  /** A factory over the best transport here ({@link UdpTransport#best()}) with one I/O thread. */
  public UdpNodeFactory() {
    this(UdpTransport.best(), DEFAULT_IO_THREADS);
  }

  /** A factory over {@code transport} with {@code ioThreads} event loop threads. */
  public UdpNodeFactory(UdpTransport transport, int ioThreads) {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be at least 1, found " + ioThreads);
    }
    this.transport = Objects.requireNonNull(transport, "transport");
    this.group = transport.newGroup(ioThreads);
  }

  /**
   * A node listening on {@code bind} (port 0 picks a free one), using this factory's port and
   * scheduler; {@code customizer} sets the rest. Call from any thread but an event loop's.
   *
   * @throws java.io.UncheckedIOException when the address cannot be bound, e.g. {@code cannot
   *     listen on UDP 0.0.0.0:7123: Address already in use}
   */
  @Override
  public KademliaNode create(InetSocketAddress bind, Consumer<KademliaNode.Builder> customizer) {
    UdpRpcPort port = openPort(bind);
    try {
      KademliaNode.Builder b = KademliaNode.builder().rpcPort(port).scheduler(scheduler);
      customizer.accept(b);
      return b.build();
    } catch (RuntimeException e) {
      port.close();
      throw e;
    }
  }

  /** A bare port on the shared event loop, for tools and tests; the caller closes it. */
  public UdpRpcPort openPort(InetSocketAddress bind) {
    UdpRpcPort port = UdpRpcPort.bind(group, transport, bind, false);
    if (inboundLoss > 0) {
      port.loseInbound(inboundLoss, new Random(lossSeed + ports++));
    }
    return port;
  }

  /**
   * Makes every later port drop each datagram it receives with {@code probability} (see {@link
   * UdpRpcPort#loseInbound}): a lossy network on loopback, for tests only.
   */
  UdpNodeFactory loseInbound(double probability, long seed) {
    this.inboundLoss = probability;
    this.lossSeed = seed;
    return this;
  }

  /** The scheduler every node of this factory runs its timers on. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** The transport the sockets use. */
  public UdpTransport transport() {
    return transport;
  }

  /** Stops the scheduler and the event loop; stop the nodes first. */
  @Override
  public void close() {
    scheduler.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
