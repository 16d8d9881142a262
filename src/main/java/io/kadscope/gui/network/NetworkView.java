package io.kadscope.gui.network;

import io.kadscope.gui.fx.Views;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The Network form; its actions are one-line delegations to the view-model. */
public final class NetworkView {
  private final NetworkViewModel vm;
  @FXML private TextField host;
  @FXML private TextField port;
  @FXML private Button joinButton;
  @FXML private Label peers;
  @FXML private Label result;
  @FXML private Label kNote;
  @FXML private VBox liveControls;
  @FXML private Label simulatedNote;
  @FXML private ComboBox<Integer> simSize;

  private NetworkView(NetworkViewModel vm) {
    this.vm = vm;
  }

  /** Loads the layout and binds it to {@code vm}. */
  public static Parent create(NetworkViewModel vm) {
    return Views.load("Network", new NetworkView(vm));
  }

  @FXML
  private void initialize() {
    host.textProperty().bindBidirectional(vm.hostProperty());
    port.textProperty().bindBidirectional(vm.portProperty());
    joinButton.disableProperty().bind(vm.busyProperty());
    peers.textProperty().bind(vm.localPeersProperty().asString("Local peers on 127.0.0.1: %d"));
    result.textProperty().bind(vm.resultProperty());
    kNote.textProperty().bind(vm.kNoteProperty());
    boolean sim = vm.simulated();
    liveControls.setDisable(sim);
    simulatedNote.setVisible(sim);
    simulatedNote.setManaged(sim);
    simulatedNote.setText(NetworkViewModel.SIMULATED_NOTE);
    simSize.getItems().setAll(1_000, 10_000, 30_000, 100_000);
    simSize.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Integer n) {
            return n == null ? "" : String.format("%,d", n);
          }

          @Override
          public Integer fromString(String s) {
            try {
              return Integer.parseInt(s.replace(",", "").replace(" ", "").trim());
            } catch (NumberFormatException e) {
              return -1;
            }
          }
        });
    simSize.setValue(vm.simPeersProperty().get());
    simSize.valueProperty().addListener((o, a, n) -> vm.simPeersProperty().set(n == null ? -1 : n));
  }

  @FXML
  private void onOpenSimulated() {
    vm.openSimulated();
  }

  @FXML
  private void onOpenLocal() {
    vm.openLocal();
  }

  @FXML
  private void onJoin() {
    vm.join();
  }

  @FXML
  private void onStartLocal() {
    vm.startLocal();
  }

  @FXML
  private void onStopLocal() {
    vm.stopLocal();
  }

  @FXML
  private void onAddTen() {
    vm.addTen();
  }

  @FXML
  private void onKill() {
    vm.killRandom();
  }
}
