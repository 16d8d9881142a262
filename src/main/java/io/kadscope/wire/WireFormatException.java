package io.kadscope.wire;

/**
 * Bytes that are not a valid rpcudp datagram; the message says what was expected, what was found
 * and at which byte, e.g. {@code find_node arg 1 (target_id): expected bin of 20 bytes, found str
 * at byte 35}.
 */
public final class WireFormatException extends RuntimeException {
  /** A failure described by {@code message}. */
  public WireFormatException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause} (a msgpack-core error). */
  public WireFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
