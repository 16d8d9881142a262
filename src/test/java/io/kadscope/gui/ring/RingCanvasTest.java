package io.kadscope.gui.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.common.Snapshots;
import io.kadscope.gui.session.KeyNames;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The ring drawn with 10,000 contacts: every one placed, and hover finds one. The time a drawing
 * takes is logged, not asserted: on a shared machine it measures the load as much as the code.
 */
@ExtendWith(ApplicationExtension.class)
class RingCanvasTest {
  private static final Logger log = LoggerFactory.getLogger(RingCanvasTest.class);
  private final RoutingSnapshot snapshot =
      Snapshots.of(NodeId.random(new Random(17)), 10_000, 14, 20, 1);
  private RingViewModel vm;
  private RingCanvas canvas;

  @Start
  void start(Stage stage) {
    SnapshotCache snapshots =
        new SnapshotCache(() -> snapshot, () -> new StoreSnapshot(Snapshots.NOW, List.of()));
    vm =
        new RingViewModel(
            snapshots,
            new BucketSelection(),
            new KeyNames(),
            Clock.fixed(Snapshots.NOW, ZoneOffset.UTC));
    canvas = new RingCanvas();
    canvas.setInteraction(vm::describe, vm::select);
    stage.setScene(new Scene(canvas, 900, 700));
    stage.show();
  }

  @Test
  void tenThousandContacts_areAllDrawn_andHoverFindsOne() throws Exception {
    long worst = 0;
    for (int i = 0; i < 5; i++) {
      boolean distance = i % 2 == 1;
      WaitForAsyncUtils.asyncFx(
              () -> {
                canvas.setContent(
                    vm.dotsProperty().get(), List.of(), snapshot.self(), distance, null, 20);
                canvas.layout();
              })
          .get(10, TimeUnit.SECONDS);
      worst = Math.max(worst, canvas.lastDrawNanos());
    }
    log.warn("drawing 10,000 contacts took {} ms at worst", worst / 1_000_000);

    assertThat(canvas.drawnDots()).isEqualTo(10_000);
    String tip =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  double[] p = canvas.positionOf(1234);
                  canvas.hoverAt(p[0], p[1]);
                  return canvas.tooltipText();
                })
            .get(5, TimeUnit.SECONDS);
    assertThat(tip).startsWith("id   ");
  }
}
