package io.kadscope.gui.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a view's layout from {@code /fxml/<name>.fxml} with the given controller. */
public final class Views {
  private Views() {}

  /** The layout of {@code name}, its {@code @FXML} fields injected into {@code controller}. */
  public static Parent load(String name, Object controller) {
    URL url = Views.class.getResource("/fxml/" + name + ".fxml");
    if (url == null) {
      throw new IllegalStateException("no layout /fxml/" + name + ".fxml on the classpath");
    }
    FXMLLoader loader = new FXMLLoader(url);
    loader.setController(controller);
    try {
      return loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load /fxml/" + name + ".fxml: " + e.getMessage(), e);
    }
  }
}
