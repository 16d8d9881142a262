package io.kadscope.gui.fx;

import java.util.ArrayList;
import java.util.List;

/** Keeps what would have been shown, for view-model tests. */
public final class RecordingNotifier implements Notifier {
  public final List<String> errors = new ArrayList<>();
  public final List<String> infos = new ArrayList<>();

  @Override
  public void error(String message) {
    errors.add(message);
  }

  @Override
  public void info(String message) {
    infos.add(message);
  }
}
