package io.kadscope;

import io.kadscope.engine.NodeFactory;
import io.kadscope.headless.CliException;

/** Wires the real network into the engine: the one place the launcher names the transport. */
final class Transport {
  private Transport() {}

  /** A factory of nodes on real UDP sockets; nodes from it share one event loop and scheduler. */
  static NodeFactory udp() {
    throw new CliException(
        "this build has no UDP transport yet (branch 'wire' not merged)", CliException.FAILED);
  }
}
