package io.kadscope.krpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A bencoded byte string ({@code 4:spam}): raw bytes, which may or may not be text. Immutable,
 * compared as unsigned bytes, as BEP 3 orders dict keys ("raw strings, not alphanumerics").
 *
 * <p>{@code BBytes.utf8("token")} makes one from text; {@link #toByteArray()} gives a copy of the
 * bytes.
 */
public final class BBytes implements BValue, Comparable<BBytes> {
  /** The empty byte string ({@code 0:}). */
  public static final BBytes EMPTY = new BBytes(new byte[0]);

  private final byte[] bytes;
  private final int hash;

  private BBytes(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The byte string holding a copy of {@code bytes}. */
  public static BBytes of(byte[] bytes) {
    return new BBytes(bytes.clone());
  }

  /** The byte string holding a copy of {@code data[offset, offset+length)}. */
  public static BBytes of(byte[] data, int offset, int length) {
    return new BBytes(Arrays.copyOfRange(data, offset, offset + length));
  }

  /** The UTF-8 bytes of {@code text}. */
  public static BBytes utf8(String text) {
    return new BBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes written as hex digits, e.g. {@code "4c540208"}. */
  public static BBytes fromHex(String hex) {
    return new BBytes(HexFormat.of().parseHex(hex));
  }

  /** Takes ownership of {@code bytes}, which the caller no longer changes. */
  static BBytes wrap(byte[] bytes) {
    return new BBytes(bytes);
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** The byte at {@code index}, as 0..255. */
  public int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Copies the bytes into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, bytes.length);
  }

  /** The bytes read as UTF-8, malformed sequences replaced by U+FFFD. */
  public String toUtf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The bytes as lower-case hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether the bytes equal the UTF-8 bytes of {@code text}. */
  public boolean is(String text) {
    return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes themselves, not to be changed: for the encoder in this package. */
  byte[] raw() {
    return bytes;
  }

  @Override
  public String describe() {
    return "a byte string of " + bytes.length + (bytes.length == 1 ? " byte" : " bytes");
  }

  @Override
  public int compareTo(BBytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BBytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * The bytes quoted as text when printable ASCII, else as hex: {@code 'ping'} or {@code 0x4c54}.
   */
  @Override
  public String toString() {
    return Bencode.quote(bytes, 0, bytes.length);
  }
}
