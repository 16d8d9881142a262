package io.kadscope.krpc;

import java.util.Arrays;

/**
 * One bencoded value kept as its exact bytes, as BEP 44 needs for an item's {@code v}: the target
 * of an immutable item and the signature of a mutable one are computed over these bytes, so a value
 * received is stored and forwarded byte for byte, even when a peer did not encode it canonically.
 *
 * <p>{@code Bencoded.of(BBytes.utf8("Hello World!"))} encodes a value; {@link #of(byte[])} checks
 * and keeps bytes as they are. Encoding a message that holds it writes these bytes unchanged.
 */
public final class Bencoded implements BValue {
  private final byte[] bytes;
  private final BValue value;
  private final int hash;

  private Bencoded(byte[] bytes, BValue value) {
    this.bytes = bytes;
    this.value = value;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The canonical encoding of {@code value}. */
  public static Bencoded of(BValue value) {
    if (value instanceof Bencoded b) {
      return b;
    }
    return new Bencoded(Bencode.encode(value), value);
  }

  /**
   * Exactly {@code bytes} (copied), which must hold one bencoded value and nothing more.
   *
   * @throws BencodeException when they do not
   */
  public static Bencoded of(byte[] bytes) {
    byte[] copy = bytes.clone();
    return new Bencoded(copy, Bencode.decode(copy));
  }

  /** The value {@code data[from, to)}, already parsed as {@code value}: for the decoder. */
  static Bencoded slice(byte[] data, int from, int to, BValue value) {
    return new Bencoded(Arrays.copyOfRange(data, from, to), value);
  }

  /** The value these bytes encode. */
  public BValue value() {
    return value;
  }

  /** A copy of the encoded bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The number of encoded bytes (BEP 44 bounds an item's {@code v} at 1000). */
  public int length() {
    return bytes.length;
  }

  /** The bytes themselves, not to be changed: for the encoder and hashing in this package. */
  byte[] raw() {
    return bytes;
  }

  @Override
  public String describe() {
    return value.describe();
  }

  /** Equal when the encoded bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Bencoded other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Bencode.quote(bytes, 0, bytes.length);
  }
}
