package io.kadscope.mainline.node;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import java.net.InetSocketAddress;

/**
 * Opens the ports Mainline nodes run on, and the scheduler they share: the visualiser and the
 * headless peer receive one at launch and never reach the transport themselves. Implemented over
 * UDP by {@code io.kadscope.transport.KrpcNetwork}, in memory by tests.
 */
public interface MainlineNetwork extends AutoCloseable {

  /**
   * A port on {@code bind} (port 0 picks a free one) for the node {@code self}, whose id every
   * answer it sends names.
   *
   * @throws java.io.UncheckedIOException when the address cannot be bound (the message names it)
   */
  MainlinePort open(InetSocketAddress bind, NodeId self);

  /** Where the timers of this network's nodes run. */
  Scheduler scheduler();

  /** Releases the shared threads; stop the nodes first. */
  @Override
  void close();
}
