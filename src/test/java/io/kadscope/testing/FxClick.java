package io.kadscope.testing;

import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks a node found by a CSS selector, found on the FX thread: TestFX's {@code clickOn(selector)}
 * walks the scene from the test's thread while the FX thread may be changing it (a lookup view
 * adding rows as answers come), and then fails now and then with an {@code
 * IndexOutOfBoundsException} from inside the walk.
 */
public final class FxClick {
  private FxClick() {}

  /** Clicks the first node {@code selector} finds in the robot's windows. */
  public static void on(FxRobot robot, String selector) {
    WaitForAsyncUtils.waitForFxEvents();
    Node node;
    try {
      node =
          WaitForAsyncUtils.asyncFx(() -> robot.lookup(selector).<Node>query())
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no node " + selector + " to click: " + e, e);
    }
    robot.clickOn(node);
  }
}
