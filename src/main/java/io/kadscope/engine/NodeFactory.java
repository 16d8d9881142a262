package io.kadscope.engine;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Makes nodes bound to a network: the visualiser and the headless peer receive one at launch and
 * never reach the transport themselves. Nodes from one factory share its threads and scheduler.
 */
public interface NodeFactory extends AutoCloseable {

  /**
   * A new node listening on {@code bind} (port 0 picks a free port), not yet started. {@code
   * customizer} may set the id, listeners, k, … on the builder before the node is built.
   *
   * @throws java.io.UncheckedIOException when the address cannot be bound (the message names it)
   */
  KademliaNode create(InetSocketAddress bind, Consumer<KademliaNode.Builder> customizer);

  /** A new node on {@code bind} with the defaults. */
  default KademliaNode create(InetSocketAddress bind) {
    return create(bind, b -> {});
  }

  /** Releases the shared threads; stop the nodes first. */
  @Override
  void close();
}
