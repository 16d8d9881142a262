package io.kadscope.gui.store;

import io.kadscope.gui.fx.Views;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/** The set / get / delete form; its actions are one-line delegations to the view-model. */
public final class StoreView {
  private final StoreViewModel vm;
  @FXML private TextField key;
  @FXML private TextField value;
  @FXML private ChoiceBox<ValueType> type;
  @FXML private Label result;
  @FXML private Button setButton;
  @FXML private Button getButton;
  @FXML private Button deleteButton;
  @FXML private Button askNetworkButton;
  @FXML private Label hint;

  private StoreView(StoreViewModel vm) {
    this.vm = vm;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(StoreViewModel vm) {
    return Views.load("Store", new StoreView(vm));
  }

  @FXML
  private void initialize() {
    key.textProperty().bindBidirectional(vm.keyProperty());
    value.textProperty().bindBidirectional(vm.valueProperty());
    type.getItems().setAll(ValueType.values());
    type.valueProperty().bindBidirectional(vm.typeProperty());
    result.textProperty().bind(vm.resultProperty());
    setButton.disableProperty().bind(vm.busyProperty());
    getButton.disableProperty().bind(vm.busyProperty());
    deleteButton.disableProperty().bind(vm.busyProperty());
    askNetworkButton.disableProperty().bind(vm.busyProperty());
    askNetworkButton.visibleProperty().bind(vm.networkOfferedProperty());
    askNetworkButton.managedProperty().bind(vm.networkOfferedProperty());
    // Enter sets a typed value, and gets the key when there is no value to set.
    setButton.defaultButtonProperty().bind(vm.valueEmptyProperty().not());
    getButton.defaultButtonProperty().bind(vm.valueEmptyProperty());
    hint.textProperty().bind(vm.hintProperty());
  }

  @FXML
  private void onAskNetwork() {
    vm.getFromNetwork();
  }

  @FXML
  private void onSet() {
    vm.set();
  }

  @FXML
  private void onGet() {
    vm.get();
  }

  @FXML
  private void onDelete() {
    vm.delete();
  }

  @FXML
  private void onFindNodes() {
    vm.findNodes();
  }

  @FXML
  private void onClearLocal() {
    vm.clearLocalStore();
  }
}
