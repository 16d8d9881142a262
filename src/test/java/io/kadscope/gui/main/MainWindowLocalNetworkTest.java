package io.kadscope.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.buckets.BucketRow;
import io.kadscope.gui.lookup.LookupTrace;
import io.kadscope.gui.lookup.TraceStep;
import io.kadscope.gui.main.MainViewModel.Page;
import io.kadscope.gui.ring.RingCanvas;
import io.kadscope.gui.testnet.TestNetworks;
import io.kadscope.testing.FxClick;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The window on its embedded LOCAL network, driven through its forms as a student would. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainWindowLocalNetworkTest {
  private static WindowFixture fx;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void open() throws Exception {
    fx =
        WindowFixture.open(
            new GuiLaunch(GuiLaunch.Mode.LOCAL, null, 0, 0, 24, TestNetworks.factory()));
  }

  @AfterAll
  static void close() throws Exception {
    fx.close();
  }

  private static <T> T onFx(Callable<T> c) throws Exception {
    return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void startsOnTheEmbeddedNetwork_andTheRingShowsEveryContactOfTheSnapshot() throws Exception {
    assertThat(fx.window.session().local().running()).isEqualTo(24);
    FxClick.on(robot, "#ringTab");
    int[] counts =
        onFx(
            () -> {
              fx.window.snapshots().refreshNow();
              RoutingSnapshot s = fx.window.snapshots().routingProperty().get();
              return new int[] {s.size(), fx.window.ring().dotsProperty().get().size()};
            });
    WaitForAsyncUtils.waitForFxEvents();
    RingCanvas canvas = robot.lookup("#ringCanvas").queryAs(RingCanvas.class);

    assertThat(counts[0]).isGreaterThan(0);
    assertThat(counts[1]).isEqualTo(counts[0]);
    assertThat(onFx(canvas::drawnDots)).isEqualTo(counts[0]);
    assertThat(robot.lookup("#statusContacts").queryAs(Label.class).getText())
        .startsWith(counts[0] + " contacts");
    assertThat(robot.lookup("#statusAddress").queryAs(Label.class).getText())
        .contains("127.0.0.1:" + fx.window.session().address().getPort());
  }

  @Test
  @Order(2)
  void hoveringADot_showsItsIdAddressAndBucket() throws Exception {
    FxClick.on(robot, "#ringTab");
    RingCanvas canvas = robot.lookup("#ringCanvas").queryAs(RingCanvas.class);
    String tip =
        onFx(
            () -> {
              double[] p = canvas.positionOf(0);
              canvas.hoverAt(p[0], p[1]);
              return canvas.tooltipText();
            });

    assertThat(tip).contains("id ", "bits ", "address   127.0.0.1:", "bucket ", "last seen");
  }

  @Test
  @Order(3)
  void setThroughTheForm_thenGetFromAClearedStore_showsTheValueAndALookupEndingAtTheClosest()
      throws Exception {
    String key = "lecture-notes";
    type("#keyField", key);
    type("#valueField", "read chapter 2");
    FxClick.on(robot, "#setButton");
    awaitResult("Stored \"" + key + "\"");

    FxClick.on(robot, "#clearLocalButton");
    assertThat(onFx(() -> fx.window.session().storeSnapshot().size())).isZero();
    FxClick.on(robot, "#ringTab");
    assertThat(onFx(() -> fx.window.main().pageProperty().get())).isEqualTo(Page.RING);
    FxClick.on(robot, "#getButton");
    awaitResult("Found \"" + key + "\" = read chapter 2");

    assertThat(onFx(() -> fx.window.view().tabs().getSelectionModel().getSelectedItem().getId()))
        .isEqualTo("lookupTab");

    LookupTrace trace = onFx(() -> fx.window.lookups().selectedProperty().get());
    assertThat(trace.targetName()).isEqualTo(key);
    assertThat(trace.kind()).isEqualTo("VALUE");
    assertThat(trace.steps()).isNotEmpty();
    TraceStep last =
        trace.steps().stream().filter(st -> !st.late()).reduce((a, b) -> b).orElseThrow();
    assertThat(last.value()).isEqualTo("read chapter 2");
    // near the key: among its k closest, or just past them when one of those answered late (a
    // late contact leaves the lookup's k closest, and the set's before it)
    assertThat(closestInTheNetwork(NodeId.ofKey(key), 2 * fx.window.session().k()))
        .contains(last.queried().nodeId());
    TableView<?> steps = robot.lookup("#stepsTable").queryAs(TableView.class);
    assertThat(steps.getItems()).hasSameSizeAs(trace.steps());
  }

  @Test
  @Order(4)
  void theBucketsView_hasOneRowPerNonEmptyBucketWithTheSnapshotsCounts() throws Exception {
    FxClick.on(robot, "#bucketsTab");
    List<Object[]> compared =
        onFx(
            () -> {
              fx.window.snapshots().refreshNow();
              RoutingSnapshot s = fx.window.snapshots().routingProperty().get();
              List<Object[]> out = new ArrayList<>();
              TableView<?> table = robot.lookup("#bucketsTable").queryAs(TableView.class);
              out.add(new Object[] {s.nonEmptyBuckets().size(), table.getItems().size()});
              for (int i = 0; i < s.nonEmptyBuckets().size(); i++) {
                BucketSnapshot b = s.nonEmptyBuckets().get(i);
                BucketRow r = (BucketRow) table.getItems().get(i);
                out.add(new Object[] {b.contacts().size(), r.fill()});
                out.add(new Object[] {b.replacements().size(), r.replacements().size()});
                out.add(new Object[] {b.index(), r.index()});
              }
              return out;
            });

    assertThat((int) compared.get(0)[0]).isPositive();
    for (Object[] pair : compared) {
      assertThat(pair[1]).isEqualTo(pair[0]);
    }
  }

  @Test
  @Order(5)
  void crawlingTheNetworkMap_findsEveryLocalPeer_withItsProgressAndASizeEstimate()
      throws Exception {
    FxClick.on(robot, "#mapTab");
    FxClick.on(robot, "#crawlButton");
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> !onFx(() -> fx.window.map().crawlingProperty().get()));
    List<NodeId> drawn = onFx(() -> fx.window.map().peersProperty().get());

    assertThat(drawn).containsAll(fx.window.session().local().ids());
    assertThat(onFx(() -> fx.window.map().progressProperty().get())).isEqualTo(1.0);
    assertThat(onFx(() -> fx.window.map().estimateProperty().get()))
        .startsWith("n ≈ ")
        .contains("(k − 1) · 2¹⁶⁰ / d_k", "every region of the id space crawled");
    assertThat(onFx(() -> fx.window.lookups().lookups().size()))
        .as("the crawl's lookups stay out of the lookup list")
        .isLessThan(40);
  }

  private List<NodeId> closestInTheNetwork(NodeId key, int count) {
    List<NodeId> all = new ArrayList<>(fx.window.session().local().ids());
    all.add(fx.window.session().id());
    all.sort(key::compareDistance);
    return all.subList(0, Math.min(count, all.size()));
  }

  private void type(String query, String text) throws Exception {
    TextField f = robot.lookup(query).queryAs(TextField.class);
    onFx(
        () -> {
          f.setText(text);
          return null;
        });
  }

  private void awaitResult(String expected) throws Exception {
    Label result = robot.lookup("#storeResult").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> result.getText().startsWith(expected));
  }
}
