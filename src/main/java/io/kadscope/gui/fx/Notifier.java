package io.kadscope.gui.fx;

/**
 * Tells the user something outside the flow of a form: an error in words (never a stack trace) or a
 * short note. View-models receive one in their constructor; tests pass a recording one.
 */
public interface Notifier {
  /** Something went wrong; {@code message} says what and what to do. */
  void error(String message);

  /** Something worth knowing that is not an error. */
  void info(String message);
}
