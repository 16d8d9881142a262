package io.kadscope;

import io.kadscope.cli.CliException;
import io.kadscope.engine.NodeFactory;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.GuiMain;

/**
 * Opens the visualiser's window: the only class of the launcher that calls into the GUI. The JVM
 * loads it, and through it any GUI or JavaFX class, only when a window is asked for; with {@code
 * --headless} it is never loaded. Each method returns when the window closes; the factory stays the
 * caller's to close.
 */
final class Visualiser {
  private Visualiser() {}

  /** A window onto a simulated network of {@code peers} peers, its node the last to join. */
  static int simulated(int peers, NodeFactory factory) {
    return open(launch(GuiLaunch.Mode.SIM, null, 0, 0, peers, factory));
  }

  /** A window onto a local network of {@code peers} peers on 127.0.0.1 besides its own node. */
  static int local(int peers, NodeFactory factory) {
    return open(launch(GuiLaunch.Mode.LOCAL, null, 0, 0, peers, factory));
  }

  /** A window whose node, on {@code localPort}, joins the network of {@code host}:{@code port}. */
  static int join(String host, int port, int localPort, NodeFactory factory) {
    return open(launch(GuiLaunch.Mode.JOIN, host, port, localPort, 0, factory));
  }

  /** A window whose node, on {@code localPort}, starts a new network alone. */
  static int create(int localPort, NodeFactory factory) {
    return open(launch(GuiLaunch.Mode.CREATE, null, 0, localPort, 0, factory));
  }

  /** Every launch carries the simulator and the sweeps, so that any window can open them. */
  private static GuiLaunch launch(
      GuiLaunch.Mode mode, String host, int port, int localPort, int peers, NodeFactory factory) {
    return new GuiLaunch(
        mode, host, port, localPort, peers, factory, new SimulatedPeers(), new SimSweeps());
  }

  private static int open(GuiLaunch launch) {
    try {
      GuiMain.launch(launch);
      return 0;
    } catch (UnsupportedOperationException e) {
      throw new CliException(
          "the visualiser is not available in this build ("
              + e.getMessage()
              + "); run a peer with --headless create or --headless join",
          CliException.FAILED,
          e);
    }
  }
}
