package io.kadscope.gui.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The id line under a crowd of steps: numbers never overlap, every dot has its story. */
@ExtendWith(ApplicationExtension.class)
class IdLineCanvasTest {
  private IdLineCanvas canvas;

  @Start
  void start(Stage stage) {
    canvas = new IdLineCanvas();
    stage.setScene(new Scene(canvas, 800, 230));
    stage.show();
  }

  /** 40 steps to ids a hair apart, all near the target: a crowd at one spot of the line. */
  private static LookupTrace crowded() {
    NodeId target = NodeId.fromBigInteger(BigInteger.ONE.shiftLeft(159));
    List<TraceStep> steps = new ArrayList<>();
    List<TraceContact> initial = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      NodeId id =
          NodeId.fromBigInteger(target.toBigInteger().add(BigInteger.ONE.shiftLeft(150 - i)));
      TraceContact c = new TraceContact(id.toHex(), "127.0.0.1", 40000 + i);
      initial.add(c);
      steps.add(new TraceStep(i, 1 + i / 10, 1, c, List.of(), null, null, false, 3, i));
    }
    NodeId self = NodeId.fromBigInteger(BigInteger.ONE);
    return new LookupTrace(
        1,
        "NODE",
        "find_node",
        self.toHex(),
        target.toHex(),
        null,
        "",
        initial,
        steps,
        true,
        List.of(),
        null,
        40,
        5,
        1,
        30);
  }

  @Test
  void manyStepsAtOneSpot_drawOnlyTheNumbersThatFit_andEveryDotTellsItsStep() throws Exception {
    LookupTrace t = crowded();
    WaitForAsyncUtils.asyncFx(() -> canvas.show(t, 40, false, List.of())).get(5, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitForFxEvents();

    int drawn = WaitForAsyncUtils.asyncFx(canvas::labelsDrawn).get(5, TimeUnit.SECONDS);
    assertThat(drawn).isPositive().isLessThan(40);
    List<double[]> dots = WaitForAsyncUtils.asyncFx(canvas::dotPositions).get(5, TimeUnit.SECONDS);
    assertThat(dots).hasSize(40);
    String tip =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  canvas.hoverAt(dots.get(0)[0], dots.get(0)[1]);
                  return canvas.tooltipText();
                })
            .get(5, TimeUnit.SECONDS);
    assertThat(tip).startsWith("Round ").contains("asked ", "bits with the target", "127.0.0.1:");
  }
}
