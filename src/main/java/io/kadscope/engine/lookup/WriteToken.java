package io.kadscope.engine.lookup;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Opaque bytes a node hands out with a lookup's answer, which a later write to that same node must
 * carry (as a BitTorrent DHT node's {@code get_peers} token). The engine never looks inside.
 */
public final class WriteToken {
  private final byte[] bytes;

  private WriteToken(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The token made of {@code bytes} (copied). */
  public static WriteToken of(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("a write token has at least one byte, found none");
    }
    return new WriteToken(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteToken t && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "WriteToken[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
