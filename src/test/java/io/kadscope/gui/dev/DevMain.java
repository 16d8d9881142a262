package io.kadscope.gui.dev;

import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.GuiMain;
import io.kadscope.gui.testnet.MemoryNetwork;

/**
 * Opens the window on a LOCAL network of in-memory peers, for working on the GUI before the real
 * launcher and transport are in place. Arguments: {@code [peers]}.
 */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    GuiMain.launch(new GuiLaunch(GuiLaunch.Mode.LOCAL, null, 0, 0, peers, new MemoryNetwork()));
  }
}
