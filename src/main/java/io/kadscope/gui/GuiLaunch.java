package io.kadscope.gui;

import io.kadscope.engine.NodeFactory;
import io.kadscope.gui.experiments.SweepRunner;
import io.kadscope.gui.session.SimulatedNetworks;
import java.util.Objects;

/**
 * What the visualiser opens onto, as chosen on the command line (or in the window, which opens
 * itself again onto another): a simulated network of many peers, a local network of peers in this
 * process, a node that joins a real network, or a node alone.
 *
 * @param mode which of the four
 * @param host the peer to join (JOIN only)
 * @param port its port (JOIN only)
 * @param localPort the port of the window's own node (0 picks a free one)
 * @param localPeers how many peers the LOCAL network runs besides the window's node, or how many
 *     peers the SIM network has in all
 * @param factory makes nodes on the network; the visualiser never reaches the transport itself
 * @param simulator builds simulated networks (SIM, and the window's offer to open one); may be null
 *     when the build has none
 * @param sweeps runs the Experiments view's sweeps; may be null when the build has none
 */
public record GuiLaunch(
    Mode mode,
    String host,
    int port,
    int localPort,
    int localPeers,
    NodeFactory factory,
    SimulatedNetworks simulator,
    SweepRunner sweeps) {

  /**
   * Peers of the LOCAL network unless the command line says otherwise: enough that the window's
   * node has several buckets to show, few enough to start in seconds.
   */
  public static final int DEFAULT_LOCAL_PEERS = 24;

  /**
   * Peers of the SIM network unless the command line says otherwise: enough that a lookup takes
   * several rounds and the window's table a dozen buckets, few enough to build in seconds.
   */
  public static final int DEFAULT_SIM_PEERS = 10_000;

  /** What the window's node does at start. */
  public enum Mode {
    /**
     * Build a network of {@code localPeers} simulated peers on virtual time; the window's node is
     * the last to join.
     */
    SIM,
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
    if (mode == Mode.SIM && simulator == null) {
      throw new IllegalArgumentException("a simulated network needs a simulator");
    }
  }

  /** A launch without a simulator or sweeps (LOCAL, JOIN or CREATE). */
  public GuiLaunch(
      Mode mode, String host, int port, int localPort, int localPeers, NodeFactory factory) {
    this(mode, host, port, localPort, localPeers, factory, null, null);
  }

  /** The same tools (factory, simulator, sweeps) opening onto another network. */
  public GuiLaunch onto(Mode m, String h, int p, int peers) {
    return new GuiLaunch(m, h, p, 0, peers, factory, simulator, sweeps);
  }
}
