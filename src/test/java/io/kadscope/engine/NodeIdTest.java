package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.testing.RandomCase;
import io.kadscope.testing.RandomCases;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;

class NodeIdTest {

  @Test
  void ofKey_isSha1OfUtf8_asThePythonPeersCompute() {
    // The key the reference Python peers stored "hello world" under for set("greeting", ...).
    assertThat(NodeId.ofKey("greeting").toHex())
        .isEqualTo("a0f7e779f9247566c84036f07f7bdf4a40a869bd");
  }

  @Test
  void distance_isXorAsAnUnsignedNumber() {
    NodeId a = NodeId.fromHex("ff".repeat(20));
    NodeId b = NodeId.fromHex("0f" + "ff".repeat(19));
    assertThat(a.distance(b)).isEqualTo(BigInteger.valueOf(0xf0).shiftLeft(152));
    assertThat(a.distance(a)).isZero();
  }

  @Test
  void sharedPrefixLength_countsLeadingEqualBits() {
    NodeId a = NodeId.fromHex("80" + "00".repeat(19));
    NodeId b = NodeId.fromHex("c0" + "00".repeat(19));
    NodeId c = NodeId.fromHex("00".repeat(19) + "01");
    assertThat(a.sharedPrefixLength(b)).isEqualTo(1);
    assertThat(a.sharedPrefixLength(c)).isZero();
    assertThat(c.sharedPrefixLength(NodeId.fromHex("00".repeat(20)))).isEqualTo(159);
    assertThat(a.sharedPrefixLength(a)).isEqualTo(160);
  }

  @Test
  void of_rejectsWrongLengthWithAMessageThatSaysWhat() {
    assertThatThrownBy(() -> NodeId.of(new byte[19]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a node id is 20 bytes, found 19 bytes");
  }

  @Test
  void randomWithPrefix_keepsThePrefix() {
    Random r = new Random(1);
    NodeId prefix = NodeId.random(r);
    for (int bits = 0; bits <= 160; bits += 7) {
      assertThat(NodeId.randomWithPrefix(prefix, bits, r).sharedPrefixLength(prefix))
          .isGreaterThanOrEqualTo(bits);
    }
  }

  @Test
  void fraction_placesIdsOnTheRing() {
    assertThat(NodeId.fromHex("00".repeat(20)).fraction()).isZero();
    assertThat(NodeId.fromHex("80" + "00".repeat(19)).fraction()).isEqualTo(0.5);
    assertThat(NodeId.fromHex("ff".repeat(20)).fraction()).isLessThan(1.0).isGreaterThan(0.999);
  }

  static Stream<RandomCase> cases() {
    return RandomCase.cases(0x1d5eedL, 1000);
  }

  @RandomCases
  @MethodSource("cases")
  void compareDistance_agreesWithBigIntegerDistance(RandomCase c) {
    Random r = c.random();
    NodeId target = id(r, null);
    NodeId x = id(r, target);
    NodeId y = id(r, r.nextBoolean() ? x : target);

    assertThat(Integer.signum(target.compareDistance(x, y)))
        .as("target %s, x %s, y %s", target, x, y)
        .isEqualTo(target.distance(x).compareTo(target.distance(y)));
  }

  @RandomCases
  @MethodSource("cases")
  void bigIntegerAndHex_roundTrip(RandomCase c) {
    NodeId id = id(c.random(), null);

    assertThat(NodeId.fromBigInteger(id.toBigInteger())).isEqualTo(id);
    assertThat(NodeId.fromHex(id.toHex())).isEqualTo(id);
  }

  @RandomCases
  @MethodSource("cases")
  void bytesBitsAndOrder_agreeWithTheBigEndianBytes(RandomCase c) {
    Random r = c.random();
    byte[] b = new byte[NodeId.BYTES];
    r.nextBytes(b);
    NodeId id = NodeId.of(b);
    NodeId other = id(r, id);

    assertThat(id.toBytes()).isEqualTo(b);
    assertThat(id.hashCode()).as("hash of the bytes, as before").isEqualTo(Arrays.hashCode(b));
    for (int i = 0; i < NodeId.BYTES; i++) {
      assertThat(id.byteAt(i)).isEqualTo(b[i] & 0xff);
    }
    for (int i = 0; i < NodeId.BITS; i++) {
      assertThat(id.bit(i)).as("bit %d", i).isEqualTo((b[i / 8] & (0x80 >>> (i % 8))) != 0);
    }
    assertThat(Integer.signum(id.compareTo(other)))
        .isEqualTo(id.toBigInteger().compareTo(other.toBigInteger()));
    assertThat(id.sharedPrefixLength(other))
        .isEqualTo(NodeId.BITS - id.distance(other).bitLength());
  }

  @RandomCases
  @MethodSource("cases")
  void copyTo_writesTheBytesAtTheOffset_andNothingAroundThem(RandomCase c) {
    Random r = c.random();
    NodeId id = id(r, null);
    int offset = r.nextInt(8);
    byte[] dst = new byte[offset + NodeId.BYTES + 3];
    Arrays.fill(dst, (byte) 0x5a);

    id.copyTo(dst, offset);

    assertThat(Arrays.copyOfRange(dst, offset, offset + NodeId.BYTES)).isEqualTo(id.toBytes());
    for (int i = 0; i < dst.length; i++) {
      if (i < offset || i >= offset + NodeId.BYTES) {
        assertThat(dst[i]).as("byte %d, outside the id", i).isEqualTo((byte) 0x5a);
      }
    }
    assertThatThrownBy(() -> id.copyTo(new byte[NodeId.BYTES + 2], 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @RandomCases
  @MethodSource("cases")
  void bits_readsAnyRunOfBits_asTheBitsOneByOneDo(RandomCase c) {
    Random r = c.random();
    NodeId id = id(r, null);
    int from = r.nextInt(NodeId.BITS + 10);
    int count = r.nextInt(33);
    long expected = 0;
    for (int i = from; i < from + count; i++) {
      expected = (expected << 1) | (i < NodeId.BITS && id.bit(i) ? 1 : 0);
    }
    assertThat(id.bits(from, count) & 0xffff_ffffL).isEqualTo(expected);
    assertThat(id.bits(8, 8)).isEqualTo(id.byteAt(1));
  }

  @Test
  void bitAndByteAt_refuseAnIndexOutsideTheId() {
    NodeId id = NodeId.fromHex("00".repeat(20));
    assertThatThrownBy(() -> id.bit(160)).hasMessage("bit 160 of a 160-bit id");
    assertThatThrownBy(() -> id.byteAt(-1)).hasMessage("byte -1 of a 20-byte id");
  }

  /**
   * A random id, or one in four times an edge: all zeros, all ones, {@code near} itself, or {@code
   * near} with one bit flipped (ids one bit apart, where a comparison byte by byte can slip).
   */
  private static NodeId id(Random r, NodeId near) {
    byte[] b = new byte[NodeId.BYTES];
    r.nextBytes(b);
    if (r.nextInt(4) != 0) {
      return NodeId.of(b);
    }
    return switch (r.nextInt(near == null ? 2 : 4)) {
      case 0 -> NodeId.of(new byte[NodeId.BYTES]);
      case 1 -> NodeId.fromHex("ff".repeat(NodeId.BYTES));
      case 2 -> near;
      default -> {
        byte[] flipped = near.toBytes();
        int bit = r.nextInt(NodeId.BITS);
        flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        yield NodeId.of(flipped);
      }
    };
  }
}
