package io.kadscope.krpc;

/**
 * Bytes that are not one well-formed bencoded value; the message says what was expected, what was
 * found and at which byte, e.g. {@code string: expected a length of at most 12 bytes (what is left
 * of the input), found a length of 9999999999 at byte 3}.
 */
public final class BencodeException extends RuntimeException {
  private final int position;

  /** A failure at byte {@code position} of the input, described by {@code message}. */
  public BencodeException(String message, int position) {
    super(message);
    this.position = position;
  }

  /** The byte of the input (counted from the start of what was decoded) where decoding failed. */
  public int position() {
    return position;
  }
}
