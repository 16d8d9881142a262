package io.kadscope.persist;

/** A state file that does not hold a node state: the message says where and what was expected. */
public class StateFormatException extends Exception {
  public StateFormatException(String message) {
    super(message);
  }

  public StateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
