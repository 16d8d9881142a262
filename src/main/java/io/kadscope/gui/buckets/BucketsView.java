package io.kadscope.gui.buckets;

import io.kadscope.engine.routing.ContactInfo;
import io.kadscope.gui.common.Palette;
import io.kadscope.gui.fx.Views;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The k-bucket table: chips for contacts with ticking ages, flashing on additions and evictions.
 */
public final class BucketsView {
  private static final double CHIP_WIDTH = 92;
  private static final double CHIP_HEIGHT = 21;
  private final BucketsViewModel vm;
  @FXML private TableView<BucketRow> table;
  @FXML private TableColumn<BucketRow, BucketRow> indexColumn;
  @FXML private TableColumn<BucketRow, BucketRow> rangeColumn;
  @FXML private TableColumn<BucketRow, BucketRow> fillColumn;
  @FXML private TableColumn<BucketRow, BucketRow> contactsColumn;
  @FXML private TableColumn<BucketRow, BucketRow> replacementsColumn;
  @FXML private Label summary;
  private boolean selecting;

  private BucketsView(BucketsViewModel vm) {
    this.vm = vm;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(BucketsViewModel vm) {
    return Views.load("Buckets", new BucketsView(vm));
  }

  @FXML
  private void initialize() {
    table.setItems(vm.rows());
    summary.textProperty().bind(vm.summaryProperty());
    column(indexColumn, this::indexCell);
    column(rangeColumn, r -> new Label(r.range()));
    column(fillColumn, this::fillCell);
    column(contactsColumn, this::contactsCell);
    column(replacementsColumn, this::replacementsCell);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, row) -> {
              if (!selecting && row != null) {
                vm.selectedBucketProperty().set(row.key());
              }
            });
    vm.selectedBucketProperty().addListener((o, a, key) -> selectKey(key));
    vm.rows()
        .addListener(
            (ListChangeListener<BucketRow>) c -> selectKey(vm.selectedBucketProperty().get()));
    Timeline ticker = new Timeline(new KeyFrame(Duration.millis(500), e -> table.refresh()));
    ticker.setCycleCount(Timeline.INDEFINITE);
    ticker.play();
  }

  private void selectKey(String key) {
    selecting = true;
    try {
      for (BucketRow r : vm.rows()) {
        if (Objects.equals(r.key(), key)) {
          table.getSelectionModel().select(r);
          return;
        }
      }
      table.getSelectionModel().clearSelection();
    } finally {
      selecting = false;
    }
  }

  private static void column(TableColumn<BucketRow, BucketRow> c, Function<BucketRow, Node> cell) {
    c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
    c.setCellFactory(
        col ->
            new TableCell<>() {
              @Override
              protected void updateItem(BucketRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(empty || row == null ? null : cell.apply(row));
              }
            });
  }

  private Node indexCell(BucketRow r) {
    Region swatch = new Region();
    swatch.setMinSize(12, 12);
    swatch.setMaxSize(12, 12);
    swatch.setStyle("-fx-background-color: " + Palette.css(Palette.bucket(r.position())) + ";");
    Label l = new Label(r.index() + (r.containsSelf() ? " ★ yours" : ""));
    l.getStyleClass().add("bucket-index");
    HBox box = new HBox(6, swatch, l);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private Node fillCell(BucketRow r) {
    ProgressBar bar = new ProgressBar((double) r.fill() / r.k());
    bar.setPrefWidth(70);
    Label l = new Label(r.fillText());
    HBox box = new HBox(6, bar, l);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private Node contactsCell(BucketRow r) {
    FlowPane flow = chips(r.contacts(), false);
    for (BucketsViewModel.Eviction e : vm.recentEvictions(r)) {
      Label chip = new Label(e.contact().id().shortHex(6) + " evicted");
      chip.getStyleClass().addAll("chip", "chip-evicted");
      chip.setTooltip(new Tooltip(e.contact() + "\n" + e.reason()));
      flow.getChildren().add(chip);
    }
    fitHeight(flow, contactsColumn);
    return flow;
  }

  private Node replacementsCell(BucketRow r) {
    if (r.replacements().isEmpty()) {
      Label none = new Label("—");
      none.getStyleClass().add("hint");
      return none;
    }
    FlowPane flow = chips(r.replacements(), true);
    fitHeight(flow, replacementsColumn);
    return flow;
  }

  /**
   * Sizes a flow of chips to the lines it needs in its column: left to itself a flow in a table
   * cell asks for far more height than its chips take.
   */
  private static void fitHeight(FlowPane flow, TableColumn<BucketRow, BucketRow> column) {
    double width = Math.max(120, column.getWidth() - 16);
    int perLine = Math.max(1, (int) (width / CHIP_WIDTH));
    int lines = Math.max(1, (flow.getChildren().size() + perLine - 1) / perLine);
    double h = lines * CHIP_HEIGHT;
    flow.setPrefWrapLength(width);
    flow.setMinHeight(h);
    flow.setPrefHeight(h);
    flow.setMaxHeight(h);
  }

  private FlowPane chips(List<ContactInfo> contacts, boolean cached) {
    FlowPane flow = new FlowPane(4, 4);
    TableColumn<BucketRow, BucketRow> column = cached ? replacementsColumn : contactsColumn;
    flow.setPrefWrapLength(Math.max(120, column.getWidth() - 16));
    for (ContactInfo c : contacts) {
      Label chip = new Label(c.contact().id().shortHex(6) + " · " + vm.age(c.lastSeen()));
      chip.getStyleClass().add("chip");
      if (cached) {
        chip.getStyleClass().add("chip-cached");
      }
      if (vm.justAdded(c.contact().id())) {
        chip.getStyleClass().add("chip-new");
      }
      if (c.failures() > 0) {
        chip.getStyleClass().add("chip-failing");
      }
      chip.setTooltip(
          new Tooltip(
              c.contact().id().toHex()
                  + "\n"
                  + c.contact().host()
                  + ":"
                  + c.contact().port()
                  + "\nlast seen "
                  + vm.age(c.lastSeen())
                  + " ago"
                  + c.rtt().map(d -> " · RTT " + d.toMillis() + " ms").orElse("")
                  + (c.failures() > 0 ? "\n" + c.failures() + " unanswered RPCs" : "")));
      flow.getChildren().add(chip);
    }
    return flow;
  }
}
