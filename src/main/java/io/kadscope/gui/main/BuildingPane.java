package io.kadscope.gui.main;

import io.kadscope.gui.fx.Views;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;

/** What the window shows while a simulated network is built: how far the build has got. */
final class BuildingPane {
  @FXML private Label heading;
  @FXML private ProgressBar bar;
  @FXML private Label detail;
  @FXML private Button fallback;
  private final Parent root;

  BuildingPane(int peers) {
    root = Views.load("Building", this);
    heading.setText(
        String.format(
            "Building a simulated network of %,d peers on virtual time: the peers join by direct"
                + " joins (each join's lookups run as direct calls), the window's node by a real"
                + " one…",
            peers));
  }

  Scene scene() {
    Scene scene = new Scene(root, MainWindow.WIDTH, MainWindow.HEIGHT);
    scene.getStylesheets().add(MainWindow.class.getResource("/css/kadscope.css").toExternalForm());
    return scene;
  }

  void progress(double fraction, String text) {
    bar.setProgress(fraction);
    detail.setText(text);
  }

  void failed(String why, Runnable openLocal) {
    bar.setProgress(0);
    detail.setText("Could not build it: " + why);
    fallback.setVisible(true);
    fallback.setOnAction(e -> openLocal.run());
  }
}
