package io.kadscope.gui;

/** Opens the visualiser window; called by the launcher, which touches no JavaFX type. */
public final class GuiMain {
  private GuiMain() {}

  /** Opens the window and returns when it closes. */
  public static void launch(GuiLaunch launch) {
    throw new UnsupportedOperationException("the visualiser is not built yet");
  }
}
