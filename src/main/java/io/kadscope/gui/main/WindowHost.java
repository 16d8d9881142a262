package io.kadscope.gui.main;

import io.kadscope.gui.GuiLaunch;

/**
 * Shows the window and opens another in its place: onto another network (the Network panel's "open"
 * buttons), or onto the same simulated network with another peer as "you".
 */
public interface WindowHost {
  /** Opens nothing: for a window that no stage shows (tests, the screenshot tour). */
  WindowHost NONE =
      new WindowHost() {
        @Override
        public void open(GuiLaunch launch) {}

        @Override
        public void show(MainWindow window) {}
      };

  /**
   * Opens a window onto {@code launch} in place of the current one (a simulated network is built
   * first, its progress shown).
   */
  void open(GuiLaunch launch);

  /** Shows {@code window}, already built, in place of the current one, and starts it. */
  void show(MainWindow window);
}
