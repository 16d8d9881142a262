package io.kadscope.gui.traffic;

import io.kadscope.gui.fx.Views;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/** The traffic table: binds columns, the filter and the counters to the view-model. */
public final class TrafficView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private final TrafficViewModel vm;
  private boolean scrollPending;
  @FXML private TableView<TrafficRow> table;
  @FXML private TableColumn<TrafficRow, String> timeColumn;
  @FXML private TableColumn<TrafficRow, String> directionColumn;
  @FXML private TableColumn<TrafficRow, String> rpcColumn;
  @FXML private TableColumn<TrafficRow, String> peerColumn;
  @FXML private TableColumn<TrafficRow, String> resultColumn;
  @FXML private TableColumn<TrafficRow, String> latencyColumn;
  @FXML private TextField filter;
  @FXML private CheckBox failuresOnly;
  @FXML private Label summary;

  private TrafficView(TrafficViewModel vm) {
    this.vm = vm;
  }

  /**
   * Loads the layout and binds it to {@code vm}. The table holds its rows only while {@code
   * showing}: a hidden table still lays its rows out on every change, which a burst cannot afford.
   */
  public static Parent create(TrafficViewModel vm, ObservableBooleanValue showing) {
    TrafficView view = new TrafficView(vm);
    Parent root = Views.load("Traffic", view);
    view.bindItems(showing);
    return root;
  }

  private void bindItems(ObservableBooleanValue showing) {
    ChangeListener<Boolean> swap =
        (o, a, on) -> {
          table.setItems(on ? vm.visibleRows() : FXCollections.emptyObservableList());
          if (on) {
            scrollToLatest();
          }
        };
    showing.addListener(swap);
    swap.changed(showing, null, showing.get());
  }

  @FXML
  private void initialize() {
    timeColumn.setCellValueFactory(f -> new ReadOnlyStringWrapper(TIME.format(f.getValue().at())));
    directionColumn.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().direction()));
    rpcColumn.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().rpc()));
    peerColumn.setCellValueFactory(f -> new ReadOnlyStringWrapper(f.getValue().peer()));
    resultColumn.setCellValueFactory(f -> f.getValue().resultProperty());
    peerColumn.setCellFactory(c -> new TippedCell());
    resultColumn.setCellFactory(c -> new TippedCell());
    latencyColumn.setCellValueFactory(f -> f.getValue().latencyProperty());
    table.setRowFactory(
        t ->
            new TableRow<>() {
              private final ChangeListener<TrafficRow.Status> restyle = (o, a, s) -> style(s);

              @Override
              protected void updateItem(TrafficRow row, boolean empty) {
                TrafficRow old = getItem();
                if (old != null) {
                  old.statusProperty().removeListener(restyle);
                }
                super.updateItem(row, empty);
                if (row == null || empty) {
                  style(null);
                } else {
                  row.statusProperty().addListener(restyle);
                  style(row.statusProperty().get());
                }
              }

              private void style(TrafficRow.Status s) {
                getStyleClass().removeAll("row-failed", "row-pending", "row-in");
                if (s == TrafficRow.Status.TIMEOUT || s == TrafficRow.Status.FAILED) {
                  getStyleClass().add("row-failed");
                } else if (s == TrafficRow.Status.PENDING) {
                  getStyleClass().add("row-pending");
                } else if (s == TrafficRow.Status.SERVED) {
                  getStyleClass().add("row-in");
                }
              }
            });
    filter.textProperty().bindBidirectional(vm.filterProperty());
    failuresOnly.selectedProperty().bindBidirectional(vm.failuresOnlyProperty());
    summary.textProperty().bind(vm.summaryProperty());
    vm.rows()
        .addListener(
            (ListChangeListener<TrafficRow>)
                c -> {
                  if (!scrollPending) {
                    scrollPending = true;
                    Platform.runLater(this::scrollToLatest);
                  }
                });
  }

  /** A text cell whose whole text is its tooltip, for when the column is too narrow for it. */
  private static final class TippedCell extends TableCell<TrafficRow, String> {
    private final Tooltip tip = new Tooltip();

    @Override
    protected void updateItem(String text, boolean empty) {
      super.updateItem(text, empty);
      setText(empty ? null : text);
      tip.setText(text);
      setTooltip(empty || text == null || text.isEmpty() ? null : tip);
    }
  }

  /** Follows the newest row, once per burst of changes, and only while the table shows. */
  private void scrollToLatest() {
    scrollPending = false;
    if (follow() && showing() && !table.getItems().isEmpty()) {
      table.scrollTo(table.getItems().size() - 1);
    }
  }

  private boolean showing() {
    for (Node n = table; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return table.getScene() != null && table.getHeight() > 0;
  }

  private boolean follow() {
    return table.getSelectionModel().isEmpty();
  }
}
