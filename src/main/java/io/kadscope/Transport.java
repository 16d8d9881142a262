package io.kadscope;

import io.kadscope.engine.NodeFactory;
import io.kadscope.transport.UdpNodeFactory;

/** Wires the real network into the engine: the one place the launcher names the transport. */
final class Transport {
  private Transport() {}

  /** A factory of nodes on real UDP sockets; nodes from it share one event loop and scheduler. */
  static NodeFactory udp() {
    return new UdpNodeFactory();
  }
}
