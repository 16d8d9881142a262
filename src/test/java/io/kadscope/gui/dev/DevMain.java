package io.kadscope.gui.dev;

import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.GuiMain;
import io.kadscope.transport.UdpNodeFactory;

/**
 * Opens the window on a LOCAL network of UDP peers on 127.0.0.1, for working on the GUI without the
 * launcher. Arguments: {@code [peers]}.
 */
public final class DevMain {
  private DevMain() {}

  public static void main(String[] args) {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 24;
    try (UdpNodeFactory factory = new UdpNodeFactory()) {
      GuiMain.launch(new GuiLaunch(GuiLaunch.Mode.LOCAL, null, 0, 0, peers, factory));
    }
  }
}
