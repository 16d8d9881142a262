package io.kadscope.engine;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
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

  // The 20 bytes as three big-endian words: bytes 0-7, 8-15 and 16-19. Words, not a byte[], so
  // that an id is one object with no pointer to follow, and comparing distances or prefixes takes a
  // few word operations.
  private final long hi;
  private final long mid;
  private final int lo;
  private final int hash;

  private NodeId(long hi, long mid, int lo) {
    this.hi = hi;
    this.mid = mid;
    this.lo = lo;
    this.hash = arraysHashCode(hi, mid, lo);
  }

  private NodeId(byte[] bytes) {
    this(word(bytes, 0, 8), word(bytes, 8, 8), (int) word(bytes, 16, 4));
  }

  private static long word(byte[] b, int from, int length) {
    long w = 0;
    for (int i = from; i < from + length; i++) {
      w = (w << 8) | (b[i] & 0xff);
    }
    return w;
  }

  /** {@code Arrays.hashCode} of the 20 bytes, so that hashing stays what it was over byte[]. */
  private static int arraysHashCode(long hi, long mid, int lo) {
    int h = 1;
    for (int i = 56; i >= 0; i -= 8) {
      h = 31 * h + (byte) (hi >>> i);
    }
    for (int i = 56; i >= 0; i -= 8) {
      h = 31 * h + (byte) (mid >>> i);
    }
    for (int i = 24; i >= 0; i -= 8) {
      h = 31 * h + (byte) (lo >>> i);
    }
    return h;
  }

  /** An id from exactly 20 bytes (copied). */
  public static NodeId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "a node id is " + BYTES + " bytes, found " + bytes.length + " bytes");
    }
    return new NodeId(bytes);
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
    byte[] b = new byte[BYTES];
    copyTo(b, 0);
    return b;
  }

  /**
   * Writes the id's {@link #BYTES} bytes, big-endian, into {@code dst[offset, offset + BYTES)}:
   * {@link #toBytes()} without a new array, for a codec that writes ids into a buffer of its own.
   *
   * @throws IndexOutOfBoundsException when {@code dst} has no room for them at {@code offset}
   */
  public void copyTo(byte[] dst, int offset) {
    Objects.checkFromIndexSize(offset, BYTES, dst.length);
    for (int i = 0; i < 8; i++) {
      dst[offset + i] = (byte) (hi >>> (56 - 8 * i));
      dst[offset + 8 + i] = (byte) (mid >>> (56 - 8 * i));
    }
    for (int i = 0; i < 4; i++) {
      dst[offset + 16 + i] = (byte) (lo >>> (24 - 8 * i));
    }
  }

  /** The byte at {@code index} (0 is the most significant). */
  public int byteAt(int index) {
    if (index < 0 || index >= BYTES) {
      throw new IndexOutOfBoundsException("byte " + index + " of a " + BYTES + "-byte id");
    }
    if (index < 8) {
      return (int) (hi >>> (56 - 8 * index)) & 0xff;
    }
    if (index < 16) {
      return (int) (mid >>> (56 - 8 * (index - 8))) & 0xff;
    }
    return (lo >>> (24 - 8 * (index - 16))) & 0xff;
  }

  /** Bit {@code index}, counted from the most significant bit (bit 0). */
  public boolean bit(int index) {
    if (index < 0 || index >= BITS) {
      throw new IndexOutOfBoundsException("bit " + index + " of a " + BITS + "-bit id");
    }
    if (index < 64) {
      return (hi << index) < 0;
    }
    if (index < 128) {
      return (mid << (index - 64)) < 0;
    }
    return (lo << (index - 128)) < 0;
  }

  /**
   * The {@code count} bits from bit {@code from} on, as an unsigned number ({@code count} up to 32;
   * bits past the end of the id read as 0): for instance {@code bits(0, 8) == byteAt(0)}.
   */
  public int bits(int from, int count) {
    if (from < 0 || count < 0 || count > 32) {
      throw new IllegalArgumentException(
          "bits takes a start from 0 and a count from 0 to 32, found " + from + " and " + count);
    }
    if (count == 0 || from >= BITS) {
      return 0;
    }
    // the 64 bits from `from` on, left-aligned, then the top `count` of them
    long window = word64(from);
    return (int) (window >>> (64 - count));
  }

  /** The 64 bits from bit {@code from} on, left-aligned; bits past the end read as 0. */
  private long word64(int from) {
    int word = from >>> 6;
    int shift = from & 63;
    long a = wordAt(word);
    if (shift == 0) {
      return a;
    }
    return (a << shift) | (wordAt(word + 1) >>> (64 - shift));
  }

  /** Word {@code i} of the id's bits, 64 at a time (the third is {@code lo} and zeros). */
  private long wordAt(int i) {
    return switch (i) {
      case 0 -> hi;
      case 1 -> mid;
      case 2 -> (long) lo << 32;
      default -> 0;
    };
  }

  /** The XOR distance to {@code other}, itself a 160-bit number. */
  public NodeId xor(NodeId other) {
    return new NodeId(hi ^ other.hi, mid ^ other.mid, lo ^ other.lo);
  }

  /** The XOR distance to {@code other} as a non-negative integer. */
  public BigInteger distance(NodeId other) {
    return xor(other).toBigInteger();
  }

  /** How many leading bits this id shares with {@code other} (160 when equal). */
  public int sharedPrefixLength(NodeId other) {
    long x = hi ^ other.hi;
    if (x != 0) {
      return Long.numberOfLeadingZeros(x);
    }
    x = mid ^ other.mid;
    if (x != 0) {
      return 64 + Long.numberOfLeadingZeros(x);
    }
    int y = lo ^ other.lo;
    return y != 0 ? 128 + Integer.numberOfLeadingZeros(y) : BITS;
  }

  /**
   * Compares the distances of {@code a} and {@code b} to this id: negative when {@code a} is
   * closer. Allocation-free, for hot paths such as selecting the k closest contacts.
   */
  public int compareDistance(NodeId a, NodeId b) {
    long da = a.hi ^ hi;
    long db = b.hi ^ hi;
    if (da != db) {
      return Long.compareUnsigned(da, db);
    }
    da = a.mid ^ mid;
    db = b.mid ^ mid;
    if (da != db) {
      return Long.compareUnsigned(da, db);
    }
    return Integer.compareUnsigned(a.lo ^ lo, b.lo ^ lo);
  }

  /** This id as a non-negative integer. */
  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes());
  }

  /** The position of this id on the ring as a fraction in [0, 1): 0 at 0, 0.5 at 2^159. */
  public double fraction() {
    return (hi >>> 11) * 0x1.0p-53;
  }

  /** The 40 hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(toBytes());
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
    if (hi != o.hi) {
      return Long.compareUnsigned(hi, o.hi);
    }
    if (mid != o.mid) {
      return Long.compareUnsigned(mid, o.mid);
    }
    return Integer.compareUnsigned(lo, o.lo);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other
        && hash == other.hash
        && hi == other.hi
        && mid == other.mid
        && lo == other.lo;
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
