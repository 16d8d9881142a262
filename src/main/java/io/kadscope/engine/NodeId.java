package io.kadscope.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * A 160-bit Kademlia identifier (a node id or a key), compared as an unsigned big-endian number.
 *
 * <p>Example: {@code NodeId.ofKey("greeting")} is the SHA-1 of the UTF-8 string, the key every peer
 * (KadScope or the Python {@code kademlia} package) uses for {@code set("greeting", …)}.
 */
public final class NodeId implements Comparable<NodeId> {
  /** Bits in an id: SHA-1's output size, as in the Kademlia paper and the Python package. */
  public static final int BITS = 160;

  /** Bytes in an id (the wire carries ids as msgpack bin of exactly this length). */
  public static final int BYTES = BITS / 8;

  private final byte[] bytes;
  private final int hash;

  private NodeId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** An id from exactly 20 bytes (copied). */
  public static NodeId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "a node id is " + BYTES + " bytes, found " + bytes.length + " bytes");
    }
    return new NodeId(bytes.clone());
  }

  /** An id from 40 hex digits. */
  public static NodeId fromHex(String hex) {
    if (hex.length() != BYTES * 2) {
      throw new IllegalArgumentException(
          "a node id is " + (BYTES * 2) + " hex digits, found " + hex.length() + ": '" + hex + "'");
    }
    return new NodeId(HexFormat.of().parseHex(hex));
  }

  /** The id for a non-negative integer below 2^160. */
  public static NodeId fromBigInteger(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > BITS) {
      throw new IllegalArgumentException("an id is an integer in [0, 2^160), found " + value);
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[BYTES];
    int copy = Math.min(raw.length, BYTES);
    System.arraycopy(raw, raw.length - copy, out, BYTES - copy, copy);
    return new NodeId(out);
  }

  /** The SHA-1 digest of {@code key} in UTF-8: how every peer turns a string key into an id. */
  public static NodeId ofKey(String key) {
    return sha1(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-1 digest of some bytes. */
  public static NodeId sha1(byte[] data) {
    try {
      return new NodeId(MessageDigest.getInstance("SHA-1").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  /** A uniformly random id. */
  public static NodeId random(Random random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new NodeId(b);
  }

  /**
   * A uniformly random id that shares the first {@code prefixBits} bits of {@code prefix}; used to
   * refresh a bucket by looking up a random id in its range.
   */
  public static NodeId randomWithPrefix(NodeId prefix, int prefixBits, Random random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    for (int i = 0; i < prefixBits; i++) {
      int mask = 0x80 >>> (i & 7);
      if (prefix.bit(i)) {
        b[i >>> 3] |= (byte) mask;
      } else {
        b[i >>> 3] &= (byte) ~mask;
      }
    }
    return new NodeId(b);
  }

  /** A copy of the 20 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The byte at {@code index} (0 is the most significant). */
  public int byteAt(int index) {
    return bytes[index] & 0xff;
  }

  /** Bit {@code index}, counted from the most significant bit (bit 0). */
  public boolean bit(int index) {
    return (bytes[index >>> 3] & (0x80 >>> (index & 7))) != 0;
  }

  /** The XOR distance to {@code other}, itself a 160-bit number. */
  public NodeId xor(NodeId other) {
    byte[] out = new byte[BYTES];
    for (int i = 0; i < BYTES; i++) {
      out[i] = (byte) (bytes[i] ^ other.bytes[i]);
    }
    return new NodeId(out);
  }

  /** The XOR distance to {@code other} as a non-negative integer. */
  public BigInteger distance(NodeId other) {
    return new BigInteger(1, xor(other).bytes);
  }

  /** How many leading bits this id shares with {@code other} (160 when equal). */
  public int sharedPrefixLength(NodeId other) {
    for (int i = 0; i < BYTES; i++) {
      int x = (bytes[i] ^ other.bytes[i]) & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /**
   * Compares the distances of {@code a} and {@code b} to this id: negative when {@code a} is
   * closer. Allocation-free, for hot paths such as selecting the k closest contacts.
   */
  public int compareDistance(NodeId a, NodeId b) {
    for (int i = 0; i < BYTES; i++) {
      int da = (a.bytes[i] ^ bytes[i]) & 0xff;
      int db = (b.bytes[i] ^ bytes[i]) & 0xff;
      if (da != db) {
        return da < db ? -1 : 1;
      }
    }
    return 0;
  }

  /** This id as a non-negative integer. */
  public BigInteger toBigInteger() {
    return new BigInteger(1, bytes);
  }

  /** The position of this id on the ring as a fraction in [0, 1): 0 at 0, 0.5 at 2^159. */
  public double fraction() {
    long top = 0;
    for (int i = 0; i < 8; i++) {
      top = (top << 8) | (bytes[i] & 0xff);
    }
    return (top >>> 11) * 0x1.0p-53;
  }

  /** The 40 hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The first {@code digits} hex digits, for compact display. */
  public String shortHex(int digits) {
    return toHex().substring(0, Math.min(digits, BYTES * 2));
  }

  /** The first {@code count} bits as a string of 0 and 1. */
  public String leadingBits(int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < Math.min(count, BITS); i++) {
      sb.append(bit(i) ? '1' : '0');
    }
    return sb.toString();
  }

  @Override
  public int compareTo(NodeId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
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
