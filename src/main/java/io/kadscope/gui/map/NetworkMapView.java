package io.kadscope.gui.map;

import io.kadscope.gui.fx.Views;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/** The network map: binds the toolbar to the view-model and hands the canvas what to draw. */
public final class NetworkMapView {
  private final NetworkMapViewModel vm;
  @FXML private MapCanvas canvas;
  @FXML private Label summary;
  @FXML private Label estimate;
  @FXML private Label hint;
  @FXML private Button crawlButton;
  @FXML private Button cancelButton;
  @FXML private ProgressBar progress;

  private NetworkMapView(NetworkMapViewModel vm) {
    this.vm = vm;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(NetworkMapViewModel vm) {
    return Views.load("NetworkMap", new NetworkMapView(vm));
  }

  @FXML
  private void initialize() {
    summary.textProperty().bind(vm.summaryProperty());
    estimate.textProperty().bind(vm.estimateProperty());
    progress.progressProperty().bind(vm.progressProperty());
    boolean sim = vm.simulated();
    crawlButton.setVisible(!sim);
    crawlButton.setManaged(!sim);
    crawlButton.disableProperty().bind(vm.crawlingProperty());
    cancelButton.visibleProperty().bind(vm.crawlingProperty());
    cancelButton.managedProperty().bind(vm.crawlingProperty());
    progress.setVisible(!sim);
    progress.setManaged(!sim);
    hint.setText(
        sim
            ? "Hover a peer for its id · double-click one to be it · a set or get lights its key's"
                + " holders"
            : "Hover a peer for its id · a set or get lights its key's holders");
    canvas.setOnDoubleClick(vm::choose);
    vm.peersProperty().addListener((o, a, b) -> push());
    vm.litProperty().addListener((o, a, b) -> push());
    push();
  }

  private void push() {
    canvas.show(vm.peersProperty().get(), vm.you(), vm.litProperty().get());
  }

  @FXML
  private void onCrawl() {
    vm.crawl();
  }

  @FXML
  private void onCancel() {
    vm.cancel();
  }
}
