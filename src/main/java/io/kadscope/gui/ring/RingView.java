package io.kadscope.gui.ring;

import io.kadscope.gui.fx.Views;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;

/** The ID ring: binds the toolbar to the view-model and hands the canvas what to draw. */
public final class RingView {
  private final RingViewModel vm;
  private final int k;
  @FXML private RingCanvas canvas;
  @FXML private ToggleButton distanceToggle;
  @FXML private Label summary;

  private RingView(RingViewModel vm, int k) {
    this.vm = vm;
    this.k = k;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(RingViewModel vm, int k) {
    RingView view = new RingView(vm, k);
    return Views.load("Ring", view);
  }

  @FXML
  private void initialize() {
    distanceToggle.selectedProperty().bindBidirectional(vm.distanceViewProperty());
    summary.textProperty().bind(vm.summaryProperty());
    canvas.setInteraction(vm::describe, vm::select);
    vm.dotsProperty().addListener((o, a, b) -> push());
    vm.ticksProperty().addListener((o, a, b) -> push());
    vm.distanceViewProperty().addListener((o, a, b) -> push());
    vm.selectedBucketProperty().addListener((o, a, b) -> push());
    push();
  }

  private void push() {
    canvas.setContent(
        vm.dotsProperty().get(),
        vm.ticksProperty().get(),
        vm.selfProperty().get(),
        vm.distanceViewProperty().get(),
        vm.selectedBucketProperty().get(),
        k);
  }
}
