package io.kadscope.krpc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The transaction id {@code t} of a KRPC message: bytes the querier picks and the responder echoes,
 * so that a response finds its query (BEP 5). Any non-empty length is accepted; KadScope sends
 * {@link #SENT_BYTES} bytes. Immutable; usable as a map key.
 */
public final class TransactionId {
  /** Bytes in the ids KadScope sends: 65,536 queries can be outstanding per peer. */
  public static final int SENT_BYTES = 2;

  private final byte[] bytes;
  private final int hash;

  private TransactionId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The id of {@code bytes} (copied), which must not be empty. */
  public static TransactionId of(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("a transaction id has at least 1 byte, found 0");
    }
    return new TransactionId(bytes.clone());
  }

  /** The id of a non-empty byte string. */
  public static TransactionId of(BBytes bytes) {
    return of(bytes.raw());
  }

  /** The 2-byte id of {@code n} in 0..65535, big-endian, as KadScope numbers its queries. */
  public static TransactionId ofShort(int n) {
    if (n < 0 || n > 0xffff) {
      throw new IllegalArgumentException("a 2-byte transaction id is 0..65535, found " + n);
    }
    return new TransactionId(new byte[] {(byte) (n >>> 8), (byte) n});
  }

  /** The id written as hex digits. */
  public static TransactionId fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The id as a bencode byte string. */
  public BBytes toBBytes() {
    return BBytes.wrap(bytes.clone());
  }

  /** The bytes as hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
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
