package io.kadscope.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.testnet.TestNetworks;
import io.kadscope.testing.FxClick;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The lookup view at the smallest size the window is meant for, and after resizing. */
class WindowLayoutTest {
  private static WindowFixture fx;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void open() throws Exception {
    fx =
        WindowFixture.open(
            new GuiLaunch(GuiLaunch.Mode.CREATE, null, 0, 0, 0, TestNetworks.factory()));
  }

  @AfterAll
  static void close() throws Exception {
    fx.close();
  }

  private void resize(double w, double h) throws Exception {
    WaitForAsyncUtils.asyncFx(
            () -> {
              fx.stage.setWidth(w);
              fx.stage.setHeight(h);
            })
        .get(5, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void at1024By700_theLookupToolbarFits_andNoColumnIsNarrowerThanItsHeading() throws Exception {
    FxClick.on(robot, "#lookupTab");
    resize(1024, 700);

    FlowPane toolbar = robot.lookup("#lookupToolbar").queryAs(FlowPane.class);
    for (Node n : toolbar.getChildren()) {
      assertThat(n.getBoundsInParent().getMaxX())
          .as("%s inside the toolbar", n)
          .isLessThanOrEqualTo(toolbar.getWidth() + 0.5);
      assertThat(n.getBoundsInParent().getMaxY()).isLessThanOrEqualTo(toolbar.getHeight() + 0.5);
    }
    TableView<?> steps = robot.lookup("#stepsTable").queryAs(TableView.class);
    for (TableColumn<?, ?> c : steps.getColumns()) {
      assertThat(c.getWidth()).as("column %s", c.getText()).isGreaterThanOrEqualTo(c.getMinWidth());
    }
    double threeDigits = new Text("100").getLayoutBounds().getWidth();
    assertThat(steps.getColumns().get(0).getWidth()).isGreaterThan(threeDigits + 12);
  }

  @Test
  void afterShrinkingAndGrowingTheWindow_theRpcTableGetsItsWidthBack() throws Exception {
    FxClick.on(robot, "#lookupTab");
    resize(1280, 800);
    TableView<?> steps = robot.lookup("#stepsTable").queryAs(TableView.class);
    double before = steps.getWidth();

    resize(760, 600);
    resize(1280, 800);

    assertThat(steps.getWidth()).isGreaterThanOrEqualTo(before - 2);
    assertThat(steps.getWidth()).isGreaterThan(420);
  }
}
