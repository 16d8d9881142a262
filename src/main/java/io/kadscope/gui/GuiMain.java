package io.kadscope.gui;

import io.kadscope.gui.main.KadScopeApp;

/** Opens the visualiser window; called by the launcher, which touches no JavaFX type. */
public final class GuiMain {
  private GuiMain() {}

  /**
   * Opens the window and returns when it closes. On closing, the window stops its own node and the
   * local peers it started; the factory stays the caller's to close.
   */
  public static void launch(GuiLaunch launch) {
    KadScopeApp.run(launch);
  }
}
