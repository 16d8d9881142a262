package io.kadscope.gui.buckets;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.ContactInfo;
import io.kadscope.gui.common.IdText;
import io.kadscope.gui.common.Palette;
import io.kadscope.gui.fx.Views;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
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
 * Chips have one size, so a cell knows how many lines its chips take ({@link ChipGrid}); a chip
 * stays the same node while its contact stays in the bucket, so its tooltip stays up while the ages
 * tick and snapshots come.
 */
public final class BucketsView {
  private final BucketsViewModel vm;
  @FXML private TableView<BucketRow> table;
  @FXML private TableColumn<BucketRow, BucketRow> indexColumn;
  @FXML private TableColumn<BucketRow, BucketRow> rangeColumn;
  @FXML private TableColumn<BucketRow, BucketRow> fillColumn;
  @FXML private TableColumn<BucketRow, BucketRow> contactsColumn;
  @FXML private TableColumn<BucketRow, BucketRow> replacementsColumn;
  @FXML private Label summary;
  private final IntegerProperty tick = new SimpleIntegerProperty();
  private boolean selecting;
  private boolean flashing;

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
    column(rangeColumn, r -> rangeCell(r));
    column(fillColumn, this::fillCell);
    contactsColumn.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
    contactsColumn.setCellFactory(c -> new ChipCell(false));
    replacementsColumn.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
    replacementsColumn.setCellFactory(c -> new ChipCell(true));
    contactsColumn.widthProperty().addListener((o, a, b) -> table.refresh());
    replacementsColumn.widthProperty().addListener((o, a, b) -> table.refresh());
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
    Timeline ticker = new Timeline(new KeyFrame(Duration.millis(500), e -> onTick()));
    ticker.setCycleCount(Timeline.INDEFINITE);
    ticker.play();
  }

  /** Ages tick in place; cells are laid out again only while a flash is on or has just ended. */
  private void onTick() {
    tick.set(tick.get() + 1);
    boolean now = vm.flashing();
    if (now || flashing) {
      table.refresh();
    }
    flashing = now;
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
    l.setTooltip(
        new Tooltip(
            "bucket "
                + r.index()
                + ": its ids share "
                + r.index()
                + " leading bits with yours"
                + (r.containsSelf() ? " (your own id falls in it)" : "")));
    HBox box = new HBox(6, swatch, l);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static Node rangeCell(BucketRow r) {
    Label l = new Label(r.range());
    l.setTooltip(new Tooltip(r.range()));
    return l;
  }

  private Node fillCell(BucketRow r) {
    ProgressBar bar = new ProgressBar((double) r.fill() / r.k());
    bar.setPrefWidth(56);
    bar.setMinWidth(40);
    Label l = new Label(r.fillText());
    HBox box = new HBox(6, bar, l);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  /** A cell of chips, one per contact (or cached contact), reused while the contact stays. */
  private final class ChipCell extends TableCell<BucketRow, BucketRow> {
    private final boolean cached;
    private final FlowPane flow = new FlowPane(ChipGrid.GAP, ChipGrid.GAP);
    private final Map<NodeId, ContactChip> chips = new HashMap<>();
    private final Label none = new Label("—");

    ChipCell(boolean cached) {
      this.cached = cached;
      none.getStyleClass().add("hint");
    }

    @Override
    protected void updateItem(BucketRow row, boolean empty) {
      super.updateItem(row, empty);
      setText(null);
      if (empty || row == null) {
        setGraphic(null);
        chips.clear();
        return;
      }
      List<ContactInfo> contacts = cached ? row.replacements() : row.contacts();
      List<Node> children = new ArrayList<>();
      Map<NodeId, ContactChip> keep = new HashMap<>();
      for (ContactInfo c : contacts) {
        ContactChip chip = chips.get(c.contact().id());
        if (chip == null) {
          chip = new ContactChip(cached);
        }
        chip.show(c, !cached && vm.justAdded(c.contact().id()));
        keep.put(c.contact().id(), chip);
        children.add(chip);
      }
      chips.clear();
      chips.putAll(keep);
      if (!cached) {
        for (BucketsViewModel.Eviction e : vm.recentEvictions(row)) {
          Label chip = new Label(e.contact().id().shortHex(6) + " evicted");
          chip.getStyleClass().addAll("chip", "chip-evicted");
          ChipGrid.size(chip);
          chip.setTooltip(new Tooltip(e.contact() + "\n" + e.reason()));
          children.add(chip);
        }
      }
      if (children.isEmpty()) {
        setGraphic(none);
        return;
      }
      if (!flow.getChildren().equals(children)) {
        flow.getChildren().setAll(children);
      }
      double width = Math.max(ChipGrid.CHIP_WIDTH, getTableColumn().getWidth() - 12);
      double h = ChipGrid.height(children.size(), width);
      flow.setPrefWrapLength(width);
      flow.setMinHeight(h);
      flow.setPrefHeight(h);
      flow.setMaxHeight(h);
      setGraphic(flow);
    }
  }

  /** One contact: its id and age, its details in a tooltip; the age ticks in place. */
  private final class ContactChip extends Label {
    private ContactInfo info;
    private final Tooltip tooltip = new Tooltip();
    private final InvalidationListener onTick = o -> refresh();

    ContactChip(boolean cached) {
      getStyleClass().add("chip");
      if (cached) {
        getStyleClass().add("chip-cached");
      }
      ChipGrid.size(this);
      setTooltip(tooltip);
      tick.addListener(new WeakInvalidationListener(onTick));
    }

    void show(ContactInfo c, boolean justAdded) {
      this.info = c;
      getStyleClass().removeAll("chip-new", "chip-failing");
      if (justAdded) {
        getStyleClass().add("chip-new");
      }
      if (c.failures() > 0) {
        getStyleClass().add("chip-failing");
      }
      refresh();
    }

    private void refresh() {
      ContactInfo c = info;
      if (c == null) {
        return;
      }
      setText(c.contact().id().shortHex(6) + " · " + vm.age(c.lastSeen()));
      tooltip.setText(
          c.contact().id().toHex()
              + "\n"
              + c.contact().host()
              + ":"
              + c.contact().port()
              + "\nlast seen "
              + vm.age(c.lastSeen())
              + " ago"
              + c.rtt().map(d -> " · RTT " + IdText.millis(d)).orElse("")
              + (c.failures() > 0 ? "\n" + c.failures() + " unanswered RPCs in a row" : ""));
    }
  }
}
