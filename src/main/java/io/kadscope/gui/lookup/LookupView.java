package io.kadscope.gui.lookup;

import io.kadscope.gui.fx.Views;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/** The lookup view (Fig. 2): the list, the id line, the RPC table, the chart and the controls. */
public final class LookupView {
  private final LookupViewModel vm;
  @FXML private ListView<LookupTrace> list;
  @FXML private IdLineCanvas idLine;
  @FXML private TableView<TraceStep> steps;
  @FXML private TableColumn<TraceStep, Number> seqColumn;
  @FXML private TableColumn<TraceStep, String> roundColumn;
  @FXML private TableColumn<TraceStep, TraceStep> toColumn;
  @FXML private TableColumn<TraceStep, String> returnedColumn;
  @FXML private TableColumn<TraceStep, String> latencyColumn;
  @FXML private LineChart<Number, Number> chart;
  @FXML private Label title;
  @FXML private Label outcome;
  @FXML private Label position;
  @FXML private ToggleButton logAxis;
  private final XYChart.Series<Number, Number> queried = new XYChart.Series<>();
  private final XYChart.Series<Number, Number> best = new XYChart.Series<>();
  private final Timeline replay = new Timeline();

  private LookupView(LookupViewModel vm) {
    this.vm = vm;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(LookupViewModel vm) {
    return Views.load("Lookup", new LookupView(vm));
  }

  @FXML
  private void initialize() {
    list.setItems(vm.lookups());
    list.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(LookupTrace t, boolean empty) {
                super.updateItem(t, empty);
                setText(
                    empty || t == null
                        ? null
                        : "#" + t.lookupId() + "  " + t.title() + "\n" + t.outcome());
                setWrapText(true);
                setPrefWidth(0);
              }
            });
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, t) -> {
              if (t != null && t.lookupId() != currentId()) {
                vm.select(t);
              }
            });
    vm.selectedProperty()
        .addListener(
            (o, a, t) -> {
              if (t != null && list.getSelectionModel().getSelectedItem() != t) {
                list.getSelectionModel().select(t);
              }
              redraw();
            });
    vm.cursorProperty().addListener((o, a, c) -> redraw());
    logAxis.selectedProperty().addListener((o, a, b) -> redraw());
    position.textProperty().bind(vm.positionProperty());
    steps.setItems(vm.visibleSteps());
    seqColumn.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().seq()));
    roundColumn.setCellValueFactory(
        f -> new ReadOnlyStringWrapper(f.getValue().late() ? "late" : "" + f.getValue().round()));
    toColumn.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
    toColumn.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(TraceStep s, boolean empty) {
                super.updateItem(s, empty);
                setGraphic(empty || s == null ? null : idBits(s));
              }
            });
    returnedColumn.setCellValueFactory(f -> new ReadOnlyStringWrapper(returned(f.getValue())));
    latencyColumn.setCellValueFactory(
        f ->
            new ReadOnlyStringWrapper(
                f.getValue().failed()
                    ? "timeout " + f.getValue().latencyMs() + " ms"
                    : f.getValue().latencyMs() + " ms"));
    steps.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(TraceStep s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("row-failed", "row-value", "row-late");
                if (s != null && !empty && s.late()) {
                  getStyleClass().add(s.failed() ? "row-failed" : "row-late");
                } else if (s != null && !empty && s.failed()) {
                  getStyleClass().add("row-failed");
                } else if (s != null && !empty && s.foundValue()) {
                  getStyleClass().add("row-value");
                }
              }
            });
    queried.setName("queried node");
    best.setName("best so far");
    chart.getData().add(queried);
    chart.getData().add(best);
    replay.getKeyFrames().add(new KeyFrame(Duration.millis(450), e -> vm.replayStep()));
    replay.setCycleCount(Timeline.INDEFINITE);
    vm.replayingProperty()
        .addListener(
            (o, was, on) -> {
              if (on) {
                replay.play();
              } else {
                replay.stop();
              }
            });
    redraw();
  }

  private long currentId() {
    LookupTrace t = vm.selectedProperty().get();
    return t == null ? -1 : t.lookupId();
  }

  private Node idBits(TraceStep s) {
    LookupTrace t = vm.selectedProperty().get();
    int shared = t == null ? 0 : t.sharedWithTarget(s.queried());
    String bits = s.queried().nodeId().leadingBits(Math.max(16, Math.min(40, shared + 8)));
    int hl = Math.min(shared, bits.length());
    Text prefix = new Text(bits.substring(0, hl));
    prefix.getStyleClass().add("shared-prefix");
    Text rest = new Text(bits.substring(hl) + "…  ");
    rest.getStyleClass().add("id-bits");
    Text addr = new Text(s.queried().address());
    addr.getStyleClass().add("id-address");
    HBox box = new HBox(prefix, rest, addr);
    box.setAlignment(Pos.CENTER_LEFT);
    return box;
  }

  private static String returned(TraceStep s) {
    if (s.late()) {
      return s.note() + " (after the end)";
    }
    if (s.failed()) {
      return "no answer";
    }
    if (s.foundValue()) {
      return "value (" + s.valueType() + "): " + s.value();
    }
    if (s.returned().isEmpty()) {
      return "no contacts";
    }
    return s.returned().size()
        + " contacts: "
        + s.returned().stream()
            .limit(4)
            .map(c -> c.nodeId().leadingBits(8) + "…")
            .collect(Collectors.joining(", "))
        + (s.returned().size() > 4 ? ", …" : "");
  }

  private void redraw() {
    LookupTrace t = vm.selectedProperty().get();
    int cursor = vm.cursorProperty().get();
    idLine.show(t, cursor, logAxis.isSelected());
    title.setText(
        t == null
            ? "No lookup picked"
            : "#"
                + t.lookupId()
                + "  "
                + t.title()
                + "  · target "
                + t.target().substring(0, 10)
                + "…  · "
                + t.kind().toLowerCase(Locale.ROOT)
                + " lookup");
    outcome.setText(t == null ? "" : t.outcome());
    var q = new ArrayList<XYChart.Data<Number, Number>>();
    var b = new ArrayList<XYChart.Data<Number, Number>>();
    if (t != null) {
      for (TraceStep s : vm.visibleSteps()) {
        if (s.late()) {
          continue;
        }
        if (!s.failed()) {
          q.add(new XYChart.Data<>(s.seq(), t.sharedWithTarget(s.queried())));
        }
        b.add(new XYChart.Data<>(s.seq(), s.bestPrefix()));
      }
    }
    queried.getData().setAll(q);
    best.getData().setAll(b);
    NumberAxis xAxis = (NumberAxis) chart.getXAxis();
    xAxis.setAutoRanging(false);
    xAxis.setLowerBound(0);
    xAxis.setUpperBound(Math.max(2, b.size() + 1));
    xAxis.setTickUnit(Math.max(1, Math.ceil((b.size() + 1) / 10.0)));
  }

  @FXML
  private void onReplay() {
    vm.replay();
  }

  @FXML
  private void onBack() {
    vm.stepBack();
  }

  @FXML
  private void onForward() {
    vm.stepForward();
  }

  @FXML
  private void onEnd() {
    vm.toEnd();
  }

  @FXML
  private void onSave() {
    saveDialog().ifPresent(vm::save);
  }

  @FXML
  private void onOpen() {
    openDialog().ifPresent(vm::open);
  }

  /** The file the user picks to save the lookup in, if any. */
  private Optional<Path> saveDialog() {
    FileChooser fc = chooser();
    fc.setInitialFileName(vm.suggestedFileName());
    return Optional.ofNullable(fc.showSaveDialog(list.getScene().getWindow())).map(File::toPath);
  }

  /** The trace file the user picks to open, if any. */
  private Optional<Path> openDialog() {
    return Optional.ofNullable(chooser().showOpenDialog(list.getScene().getWindow()))
        .map(File::toPath);
  }

  private static FileChooser chooser() {
    FileChooser fc = new FileChooser();
    fc.setTitle("KadScope lookup trace");
    fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Lookup trace (JSON)", "*.json"));
    return fc;
  }
}
