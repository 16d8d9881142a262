package io.kadscope.gui.buckets;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.common.Snapshots;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The k-bucket table shows every contact of a bucket, each with a tooltip. */
@ExtendWith(ApplicationExtension.class)
class BucketsViewTest {
  private final RoutingSnapshot snapshot = Snapshots.of(NodeId.random(new Random(3)), 15, 0, 20, 2);
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    SnapshotCache snapshots =
        new SnapshotCache(() -> snapshot, () -> new StoreSnapshot(Snapshots.NOW, List.of()));
    BucketsViewModel vm =
        new BucketsViewModel(
            snapshots, new BucketSelection(), Clock.fixed(Snapshots.NOW, ZoneOffset.UTC));
    Parent view = BucketsView.create(vm);
    stage.setScene(new Scene(view, 1024, 500));
    stage.show();
  }

  @Test
  void aBucketWithFifteenContacts_showsAllFifteen_insideItsRow() throws Exception {
    for (double width : new double[] {1024, 760, 1280}) {
      WaitForAsyncUtils.asyncFx(() -> stage.setWidth(width)).get(5, TimeUnit.SECONDS);
      WaitForAsyncUtils.waitForFxEvents();
      Set<Node> chips = new FxRobot().lookup(".chip").queryAll();

      assertThat(chips).as("chips at width %s", width).hasSize(15);
      for (Node chip : chips) {
        TableRow<?> row = rowOf(chip);
        Bounds c = chip.localToScene(chip.getBoundsInLocal());
        Bounds r = row.localToScene(row.getBoundsInLocal());
        assertThat(c.getMaxY())
            .as("chip bottom within its row at width %s", width)
            .isLessThanOrEqualTo(r.getMaxY() + 0.5);
        assertThat(c.getMaxX()).as("chip right edge within the window").isLessThanOrEqualTo(width);
        assertThat(((Label) chip).getTooltip().getText()).contains(":", "last seen");
      }
    }
  }

  private static TableRow<?> rowOf(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (p instanceof TableRow<?> row) {
        return row;
      }
    }
    throw new AssertionError("a chip outside any row: " + n);
  }
}
