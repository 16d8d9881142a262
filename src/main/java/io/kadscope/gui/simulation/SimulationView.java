package io.kadscope.gui.simulation;

import io.kadscope.gui.fx.Views;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;

/** The Simulation panel; its actions are one-line delegations to the view-model. */
public final class SimulationView {
  private final SimulationViewModel vm;
  @FXML private ChoiceBox<Speed> speed;
  @FXML private ToggleButton pause;
  @FXML private Label clock;
  @FXML private TextField prefix;
  @FXML private Label result;

  private SimulationView(SimulationViewModel vm) {
    this.vm = vm;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(SimulationViewModel vm) {
    return Views.load("Simulation", new SimulationView(vm));
  }

  @FXML
  private void initialize() {
    speed.getItems().setAll(Speed.values());
    speed.valueProperty().bindBidirectional(vm.speedProperty());
    pause.selectedProperty().bindBidirectional(vm.pausedProperty());
    pause
        .textProperty()
        .bind(Bindings.when(vm.pausedProperty()).then("▶ Run").otherwise("❚❚ Pause"));
    clock.textProperty().bind(vm.clockProperty());
    prefix.textProperty().bindBidirectional(vm.prefixProperty());
    result.textProperty().bind(vm.resultProperty());
  }

  @FXML
  private void onStep() {
    vm.stepOne();
  }

  @FXML
  private void onPick() {
    vm.pickByPrefix();
  }

  @FXML
  private void onRandom() {
    vm.pickRandom();
  }
}
