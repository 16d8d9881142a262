package io.kadscope.gui;

import io.kadscope.engine.NodeFactory;
import java.util.Objects;

/**
 * What the visualiser opens onto, as chosen on the command line: a local network of peers in this
 * process, a node that joins a real network, or a node alone.
 *
 * @param mode which of the three
 * @param host the peer to join (JOIN only)
 * @param port its port (JOIN only)
 * @param localPort the port of the window's own node (0 picks a free one)
 * @param localPeers how many peers the LOCAL network runs besides the window's node
 * @param factory makes nodes; the visualiser never reaches the transport itself
 */
public record GuiLaunch(
    Mode mode, String host, int port, int localPort, int localPeers, NodeFactory factory) {

  /**
   * Peers of the LOCAL network unless the command line says otherwise: enough that the window's
   * node has several buckets to show, few enough to start in seconds.
   */
  public static final int DEFAULT_LOCAL_PEERS = 24;

  /** What the window's node does at start. */
  public enum Mode {
    /** Start {@code localPeers} peers on 127.0.0.1 in this process, seeded with a few values. */
    LOCAL,
    /** Join the network of {@code host}:{@code port}. */
    JOIN,
    /** Start a new network alone. */
    CREATE
  }

  public GuiLaunch {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(factory, "factory");
  }
}
