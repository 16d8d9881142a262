package io.kadscope.mainline;

/**
 * An item in a {@code get} reply that is not what was asked for: its value does not hash to the
 * target, or its key and salt do not, or its signature does not verify. The message says which,
 * e.g. {@code get reply for e5f9…aadb: v hashes to 3f1c…, not to the target}.
 */
public final class InvalidItemException extends RuntimeException {
  /** A failure described by {@code message}. */
  public InvalidItemException(String message) {
    super(message);
  }
}
