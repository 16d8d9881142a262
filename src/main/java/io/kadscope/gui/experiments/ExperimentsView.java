package io.kadscope.gui.experiments;

import io.kadscope.gui.fx.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;

/**
 * The Experiments view: the sweep's inputs, its progress and cancel, and two charts against the
 * network's size on a log axis: rounds and hop depth per lookup (mean and 99th percentile) beside
 * log2 n, and RPCs per lookup; the points as a table below.
 */
public final class ExperimentsView {
  private final ExperimentsViewModel vm;
  @FXML private ChoiceBox<Integer> maxNodes;
  @FXML private TextField lookups;
  @FXML private TextField loss;
  @FXML private TextField churn;
  @FXML private TextField seed;
  @FXML private Button runButton;
  @FXML private Button cancelButton;
  @FXML private ProgressBar progress;
  @FXML private Label status;
  @FXML private LineChart<Number, Number> roundsChart;
  @FXML private LineChart<Number, Number> rpcsChart;
  @FXML private TableView<SweepPoint> table;
  @FXML private TableColumn<SweepPoint, String> nColumn;
  @FXML private TableColumn<SweepPoint, String> roundsColumn;
  @FXML private TableColumn<SweepPoint, String> hopsColumn;
  @FXML private TableColumn<SweepPoint, String> rpcsColumn;
  @FXML private TableColumn<SweepPoint, String> recallColumn;
  @FXML private TableColumn<SweepPoint, String> buildColumn;

  private ExperimentsView(ExperimentsViewModel vm) {
    this.vm = vm;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(ExperimentsViewModel vm) {
    return Views.load("Experiments", new ExperimentsView(vm));
  }

  @FXML
  private void initialize() {
    maxNodes.getItems().setAll(ExperimentsViewModel.MAX_SIZES);
    maxNodes.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Integer n) {
            return n == null ? "" : String.format("up to %,d peers", n);
          }

          @Override
          public Integer fromString(String s) {
            return null;
          }
        });
    maxNodes.setValue(vm.maxNodesProperty().get());
    maxNodes.valueProperty().addListener((o, a, n) -> vm.maxNodesProperty().set(n));
    lookups.textProperty().bindBidirectional(vm.lookupsProperty());
    loss.textProperty().bindBidirectional(vm.lossProperty());
    churn.textProperty().bindBidirectional(vm.churnProperty());
    seed.textProperty().bindBidirectional(vm.seedProperty());
    runButton
        .disableProperty()
        .bind(vm.runningProperty().or(Bindings.createBooleanBinding(() -> !vm.available())));
    cancelButton.disableProperty().bind(vm.runningProperty().not());
    progress.progressProperty().bind(vm.progressProperty());
    status.textProperty().bind(vm.statusProperty());
    logAxis((NumberAxis) roundsChart.getXAxis());
    logAxis((NumberAxis) rpcsChart.getXAxis());
    table.setItems(vm.points());
    nColumn.setCellValueFactory(f -> text(String.format("%,d", f.getValue().nodes())));
    roundsColumn.setCellValueFactory(
        f ->
            text(
                f.getValue().hasRounds()
                    ? String.format(
                        "%.2f / %.0f", f.getValue().roundsMean(), f.getValue().roundsP99())
                    : "not counted"));
    hopsColumn.setCellValueFactory(
        f -> text(String.format("%.2f / %.0f", f.getValue().hopsMean(), f.getValue().hopsP99())));
    rpcsColumn.setCellValueFactory(f -> text(String.format("%.1f", f.getValue().rpcsMean())));
    recallColumn.setCellValueFactory(f -> text(String.format("%.3f", f.getValue().recall())));
    buildColumn.setCellValueFactory(
        f -> text(String.format("%.1f s", f.getValue().buildSeconds())));
    vm.points().addListener((ListChangeListener<SweepPoint>) c -> redraw());
    redraw();
  }

  private static ReadOnlyStringWrapper text(String s) {
    return new ReadOnlyStringWrapper(s);
  }

  /** An axis of log10 n, labelled 100, 1k, 10k, 100k. */
  private static void logAxis(NumberAxis axis) {
    axis.setAutoRanging(false);
    axis.setLowerBound(1.75);
    axis.setUpperBound(5.25);
    axis.setTickUnit(1);
    axis.setMinorTickVisible(false);
    axis.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number x) {
            if (Math.abs(x.doubleValue() - Math.rint(x.doubleValue())) > 1e-6) {
              return "";
            }
            double n = Math.pow(10, Math.rint(x.doubleValue()));
            return n >= 1e6 ? "1M" : n >= 1e3 ? Math.round(n / 1e3) + "k" : "" + Math.round(n);
          }

          @Override
          public Number fromString(String s) {
            return 0;
          }
        });
  }

  private void redraw() {
    List<SweepPoint> pts = vm.points();
    boolean rounds = pts.stream().anyMatch(SweepPoint::hasRounds);
    List<XYChart.Series<Number, Number>> r = new ArrayList<>();
    if (rounds) {
      r.add(series("rounds, mean", pts, SweepPoint::roundsMean));
      r.add(series("rounds, p99", pts, SweepPoint::roundsP99));
    }
    r.add(series("hop depth, mean", pts, SweepPoint::hopsMean));
    r.add(series("hop depth, p99", pts, SweepPoint::hopsP99));
    r.add(series("log₂ n", pts, SweepPoint::log2Nodes));
    roundsChart.getData().setAll(r);
    rpcsChart.getData().setAll(List.of(series("RPCs per lookup, mean", pts, SweepPoint::rpcsMean)));
    if (pts.size() > 0) {
      double hi = Math.log10(pts.get(pts.size() - 1).nodes()) + 0.25;
      ((NumberAxis) roundsChart.getXAxis()).setUpperBound(Math.max(3.25, hi));
      ((NumberAxis) rpcsChart.getXAxis()).setUpperBound(Math.max(3.25, hi));
    }
  }

  private static XYChart.Series<Number, Number> series(
      String name, List<SweepPoint> pts, ToDoubleFunction<SweepPoint> y) {
    XYChart.Series<Number, Number> s = new XYChart.Series<>();
    s.setName(name);
    for (SweepPoint p : pts) {
      double v = y.applyAsDouble(p);
      if (!Double.isNaN(v)) {
        s.getData().add(new XYChart.Data<>(Math.log10(p.nodes()), v));
      }
    }
    return s;
  }

  @FXML
  private void onRun() {
    vm.run();
  }

  @FXML
  private void onCancel() {
    vm.cancel();
  }
}
