package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

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

  @Property
  void compareDistance_agreesWithBigIntegerDistance(
      @ForAll @Size(20) byte[] t, @ForAll @Size(20) byte[] a, @ForAll @Size(20) byte[] b) {
    NodeId target = NodeId.of(t);
    NodeId x = NodeId.of(a);
    NodeId y = NodeId.of(b);
    assertThat(Integer.signum(target.compareDistance(x, y)))
        .isEqualTo(target.distance(x).compareTo(target.distance(y)));
  }

  @Property
  void bigIntegerRoundTrip(@ForAll @Size(20) byte[] raw) {
    NodeId id = NodeId.of(raw);
    assertThat(NodeId.fromBigInteger(id.toBigInteger())).isEqualTo(id);
    assertThat(NodeId.fromHex(id.toHex())).isEqualTo(id);
  }
}
