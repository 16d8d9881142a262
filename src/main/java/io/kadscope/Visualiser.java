package io.kadscope;

import io.kadscope.cli.CliException;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.GuiMain;

/**
 * Opens the visualiser's window: the only class of the launcher that names the GUI. The JVM loads
 * it, and through it any JavaFX class, only when a window is asked for; with {@code --headless} it
 * is never loaded.
 */
final class Visualiser {
  private Visualiser() {}

  /** Opens the window and returns when it closes. */
  static int open(GuiLaunch launch) {
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
