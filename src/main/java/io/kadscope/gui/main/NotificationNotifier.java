package io.kadscope.gui.main;

import io.kadscope.gui.fx.Notifier;
import javafx.animation.PauseTransition;
import javafx.scene.control.Label;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shows errors and notes in the ControlsFX notification bar at the top of the views. */
final class NotificationNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(NotificationNotifier.class);

  private final NotificationPane pane;
  private final PauseTransition hide = new PauseTransition(Duration.seconds(7));

  NotificationNotifier(NotificationPane pane) {
    this.pane = pane;
    hide.setOnFinished(e -> pane.hide());
  }

  @Override
  public void error(String message) {
    log.info("error shown: {}", message);
    show(message, "⚠", "notification-error");
  }

  @Override
  public void info(String message) {
    log.info("note shown: {}", message);
    show(message, "ℹ", "notification-info");
  }

  private void show(String message, String icon, String style) {
    Label graphic = new Label(icon);
    graphic.getStyleClass().add("notification-icon");
    pane.getStyleClass().removeAll("notification-error", "notification-info");
    pane.getStyleClass().add(style);
    pane.show(message, graphic);
    hide.playFromStart();
  }
}
