package io.kadscope.gui;

import io.kadscope.gui.main.KadScopeApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the visualiser window; called by the launcher, which touches no JavaFX type. */
public final class GuiMain {
  private static final Logger log = LoggerFactory.getLogger(GuiMain.class);

  private GuiMain() {}

  /**
   * Opens the window and returns when it closes. The window stops its nodes on closing and then
   * closes the launch's factory, releasing its threads so that the process can end.
   */
  public static void launch(GuiLaunch launch) {
    try {
      KadScopeApp.run(launch);
    } finally {
      try {
        launch.factory().close();
      } catch (RuntimeException e) {
        log.warn("closing the node factory failed: {}", e.toString());
      }
    }
  }
}
