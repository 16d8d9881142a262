package io.kadscope.krpc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit identifier as KRPC carries it, a 20-byte string: a node id, an info-hash or a BEP 44
 * target. Immutable; ordered as an unsigned big-endian number.
 */
public final class Id160 implements Comparable<Id160> {
  /** Bytes in an id: SHA-1's output size (BEP 5). */
  public static final int BYTES = 20;

  private final byte[] bytes;
  private final int hash;

  private Id160(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** The id of exactly 20 bytes (copied). */
  public static Id160 of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "an id is " + BYTES + " bytes, found " + bytes.length + " bytes");
    }
    return new Id160(bytes.clone());
  }

  /** The id in the 20 bytes of {@code data} from {@code offset} (copied). */
  public static Id160 of(byte[] data, int offset) {
    return new Id160(Arrays.copyOfRange(data, offset, offset + BYTES));
  }

  /** The id of a 20-byte string. */
  public static Id160 of(BBytes bytes) {
    return of(bytes.raw());
  }

  /** The id written as 40 hex digits. */
  public static Id160 fromHex(String hex) {
    if (hex.length() != BYTES * 2) {
      throw new IllegalArgumentException(
          "an id is " + (BYTES * 2) + " hex digits, found " + hex.length() + ": '" + hex + "'");
    }
    return new Id160(HexFormat.of().parseHex(hex));
  }

  /** The SHA-1 of {@code data}: an info-hash, or a BEP 44 target. */
  public static Id160 sha1(byte[] data) {
    try {
      return new Id160(MessageDigest.getInstance("SHA-1").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-1", e);
    }
  }

  /** A uniformly random id. */
  public static Id160 random(RandomGenerator random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new Id160(b);
  }

  /** The byte at {@code index}, as 0..255. */
  public int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  /** A copy of the 20 bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The id as a bencode byte string. */
  public BBytes toBBytes() {
    return BBytes.wrap(bytes.clone());
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
  public int compareTo(Id160 other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Id160 other && Arrays.equals(bytes, other.bytes);
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
