package io.kadscope.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 20 random bytes a requester puts at bytes 1..20 of a request and the responder echoes, so
 * that a response can be paired with its request. Immutable; usable as a map key.
 */
public final class MessageId {
  /** Bytes in a message id (docs/wire-format.md, the datagram layout). */
  public static final int BYTES = 20;

  private final byte[] bytes;
  private final int hash;

  private MessageId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The id made of exactly 20 bytes (copied). */
  public static MessageId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "a message id is " + BYTES + " bytes, found " + bytes.length + " bytes");
    }
    return new MessageId(bytes.clone());
  }

  /** The id in the 20 bytes of {@code data} from {@code offset} (copied). */
  public static MessageId of(byte[] data, int offset) {
    return new MessageId(Arrays.copyOfRange(data, offset, offset + BYTES));
  }

  /** The id written as 40 hex digits. */
  public static MessageId fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** A copy of the 20 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Copies the 20 bytes into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, BYTES);
  }

  /** The 40 hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
