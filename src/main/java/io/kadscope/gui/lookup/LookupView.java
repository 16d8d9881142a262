package io.kadscope.gui.lookup;

import io.kadscope.gui.fx.Views;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
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
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * The lookup view (Fig. 2): the list, the id line, the step told in words, the RPC table, the chart
 * of bits shared with the target per round, and the controls.
 */
public final class LookupView {
  private final LookupViewModel vm;
  @FXML private SplitPane outer;
  @FXML private SplitPane inner;
  @FXML private VBox listPane;
  @FXML private Label story;
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
  private boolean chartStyled;
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
    // Growing the window widens the table, never the list or the chart: after the window shrank
    // and grew again, the table gets its width back.
    SplitPane.setResizableWithParent(listPane, false);
    SplitPane.setResizableWithParent(chart, false);
    story.textProperty().bind(vm.storyProperty());
    vm.inFlight().addListener((ListChangeListener<PendingRpc>) c -> redraw());
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
        f -> new ReadOnlyStringWrapper(f.getValue().round() > 0 ? "" + f.getValue().round() : "?"));
    Tooltip.install(
        roundColumnHeader(),
        new Tooltip(
            "Round n: sent once answers of round n − 1 had come back. A lookup's rounds are the"
                + " round trips it waited in turn."));
    toColumn.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
    toColumn.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(TraceStep s, boolean empty) {
                super.updateItem(s, empty);
                setGraphic(empty || s == null ? null : idBits(s));
                setTooltip(empty || s == null ? null : new Tooltip(fullStory(s)));
              }
            });
    returnedColumn.setCellValueFactory(f -> new ReadOnlyStringWrapper(returned(f.getValue())));
    returnedColumn.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                TraceStep s = empty ? null : getTableRow().getItem();
                setTooltip(s == null ? null : new Tooltip(fullStory(s)));
              }
            });
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
                getStyleClass().removeAll("row-failed", "row-value", "row-late", "row-conflict");
                LookupTrace t = vm.selectedProperty().get();
                if (s != null
                    && !empty
                    && s.foundValue()
                    && t != null
                    && !t.conflictingValues().isEmpty()
                    && !s.value().equals(t.conflictingValues().get(0))) {
                  getStyleClass().add("row-conflict");
                  return;
                }
                if (s != null && !empty && s.late()) {
                  getStyleClass().add(s.failed() ? "row-failed" : "row-late");
                } else if (s != null && !empty && s.failed()) {
                  getStyleClass().add("row-failed");
                } else if (s != null && !empty && s.foundValue()) {
                  getStyleClass().add("row-value");
                }
              }
            });
    queried.setName("each node that answered");
    best.setName("best so far, at the end of the round");
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

  private static boolean atEnd(LookupTrace t, int cursor) {
    return t != null && cursor >= t.steps().size();
  }

  private long currentId() {
    LookupTrace t = vm.selectedProperty().get();
    return t == null ? -1 : t.lookupId();
  }

  private Node idBits(TraceStep s) {
    LookupTrace t = vm.selectedProperty().get();
    int shared = t == null ? 0 : t.sharedWithTarget(s.queried());
    String bits = s.queried().nodeId().leadingBits(Math.max(12, Math.min(40, shared + 6)));
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

  private String returned(TraceStep s) {
    LookupTrace t = vm.selectedProperty().get();
    int i = t == null ? -1 : t.steps().indexOf(s);
    return i < 0 ? "" : StepStory.brief(t, i);
  }

  private String fullStory(TraceStep s) {
    LookupTrace t = vm.selectedProperty().get();
    int i = t == null ? -1 : t.steps().indexOf(s);
    if (i < 0) {
      return "";
    }
    String returned =
        s.returned().isEmpty()
            ? ""
            : "\ncontacts: "
                + s.returned().stream()
                    .map(c -> c.nodeId().shortHex(6) + "… (" + t.sharedWithTarget(c) + ")")
                    .collect(Collectors.joining(", "));
    return StepStory.tell(t, i)
        + "\nid "
        + s.queried().id()
        + " at "
        + s.queried().address()
        + " · hop "
        + s.hop()
        + returned;
  }

  private Node roundColumnHeader() {
    Label l = new Label("Round");
    roundColumn.setText(null);
    roundColumn.setGraphic(l);
    return l;
  }

  private void redraw() {
    LookupTrace t = vm.selectedProperty().get();
    int cursor = vm.cursorProperty().get();
    idLine.show(t, cursor, logAxis.isSelected(), atEnd(t, cursor) ? vm.inFlight() : List.of());
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
    int lastRound = 0;
    if (t != null) {
      TreeMap<Integer, Integer> bestByRound = new TreeMap<>();
      for (TraceStep s : vm.visibleSteps()) {
        if (s.late() || s.round() <= 0) {
          continue;
        }
        if (!s.failed()) {
          q.add(new XYChart.Data<>(s.round(), t.sharedWithTarget(s.queried())));
        }
        bestByRound.merge(s.round(), s.bestPrefix(), Math::max);
      }
      int running = 0;
      for (var e : bestByRound.entrySet()) {
        running = Math.max(running, e.getValue());
        b.add(new XYChart.Data<>(e.getKey(), running));
        lastRound = e.getKey();
      }
    }
    queried.getData().setAll(q);
    best.getData().setAll(b);
    NumberAxis xAxis = (NumberAxis) chart.getXAxis();
    xAxis.setAutoRanging(false);
    xAxis.setLowerBound(0);
    xAxis.setUpperBound(Math.max(2, lastRound + 1));
    xAxis.setTickUnit(Math.max(1, Math.ceil((lastRound + 1) / 10.0)));
    int top = 1;
    for (var d : q) {
      top = Math.max(top, d.getYValue().intValue());
    }
    for (var d : b) {
      top = Math.max(top, d.getYValue().intValue());
    }
    NumberAxis yAxis = (NumberAxis) chart.getYAxis();
    yAxis.setAutoRanging(false);
    yAxis.setLowerBound(0);
    yAxis.setUpperBound(top + 1);
    yAxis.setTickUnit(Math.max(1, Math.ceil((top + 1) / 8.0)));
    styleChart();
  }

  /** The answers as dots without a line; the best so far as a line: set once the series exist. */
  private void styleChart() {
    if (chartStyled || queried.getNode() == null) {
      return;
    }
    chartStyled = true;
    queried.getNode().getStyleClass().add("series-dots");
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
