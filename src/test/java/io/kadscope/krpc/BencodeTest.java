package io.kadscope.krpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bencode: canonical on write, bounded and typed on read, with errors that say where. */
class BencodeTest {

  private static BValue decode(String text) {
    return Bencode.decode(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String encode(BValue v) {
    return new String(Bencode.encode(v), StandardCharsets.ISO_8859_1);
  }

  @Test
  void decode_readsBep3sExamples() {
    assertThat(decode("4:spam")).isEqualTo(BBytes.utf8("spam"));
    assertThat(decode("0:")).isEqualTo(BBytes.EMPTY);
    assertThat(decode("i3e")).isEqualTo(new BInt(3));
    assertThat(decode("i-3e")).isEqualTo(new BInt(-3));
    assertThat(decode("i0e")).isEqualTo(new BInt(0));
    assertThat(decode("l4:spam4:eggse"))
        .isEqualTo(BList.of(BBytes.utf8("spam"), BBytes.utf8("eggs")));
    assertThat(decode("d3:cow3:moo4:spam4:eggse"))
        .isEqualTo(
            BDict.builder()
                .put("cow", BBytes.utf8("moo"))
                .put("spam", BBytes.utf8("eggs"))
                .build());
    assertThat(decode("d4:spaml1:a1:bee"))
        .isEqualTo(
            BDict.builder().put("spam", BList.of(BBytes.utf8("a"), BBytes.utf8("b"))).build());
  }

  @Test
  void decode_keepsByteStringsAsBytes_notAsText() {
    BValue v = Bencode.decode(new byte[] {'2', ':', (byte) 0xff, 0x00});

    assertThat(((BBytes) v).toByteArray()).containsExactly(0xff, 0x00);
  }

  @Test
  void integers_roundTripAcrossTheWhole64BitRange() {
    for (long n : new long[] {Long.MIN_VALUE, -1, 0, 1, 1000, Long.MAX_VALUE}) {
      byte[] bytes = Bencode.encode(new BInt(n));
      assertThat(Bencode.decode(bytes)).isEqualTo(new BInt(n));
    }
    assertThat(encode(new BInt(Long.MIN_VALUE))).isEqualTo("i-9223372036854775808e");
  }

  @Test
  void encode_sortsDictKeysAsRawBytes() {
    BDict d =
        BDict.builder()
            .put("b", new BInt(1))
            .put(BBytes.of(new byte[] {(byte) 0xc3}), new BInt(3))
            .put("a", new BInt(2))
            .put("B", new BInt(0))
            .build();

    assertThat(encode(d)).isEqualTo("d1:Bi0e1:ai2e1:bi1e1:\u00c3i3ee");
  }

  @Test
  void decode_acceptsKeysOutOfOrder_andReencodesThemSorted() {
    BValue v = decode("d1:bi1e1:ai2ee");

    assertThat(encode(v)).isEqualTo("d1:ai2e1:bi1ee");
  }

  @Test
  void decode_rejectsDuplicateKeys() {
    assertThatThrownBy(() -> decode("d1:ai1e1:bi2e1:ai3ee"))
        .isInstanceOf(BencodeException.class)
        .hasMessage(
            "dict key: expected a key not already in this dict, found 'a' again at byte 13");
  }

  @Test
  void decode_rejectsALengthLargerThanWhatIsLeft_beforeAllocating() {
    assertThatThrownBy(() -> decode("d1:a9999999999:xe"))
        .isInstanceOf(BencodeException.class)
        .hasMessage(
            "string: expected a length of at most 2 bytes (what is left of the input),"
                + " found a length of 9999999999 at byte 4");
    assertThatThrownBy(() -> decode("2000000000:abc"))
        .hasMessage(
            "string: expected a length of at most 3 bytes (what is left of the input),"
                + " found a length of 2000000000 at byte 0");
    assertThatThrownBy(() -> decode("99999999999999999999999999999999:"))
        .hasMessageContaining("found a length of 99999999999999999999999999999999 at byte 0");
  }

  @Test
  void decode_rejectsNestingDeeperThan32() {
    String ok = "l".repeat(Bencode.MAX_DEPTH) + "e".repeat(Bencode.MAX_DEPTH);
    assertThat(decode(ok)).isInstanceOf(BList.class);

    String deep = "l".repeat(100_000) + "e".repeat(100_000);
    assertThatThrownBy(() -> decode(deep))
        .isInstanceOf(BencodeException.class)
        .hasMessage("list: expected at most 32 nested lists and dicts, found one more at byte 32");
  }

  @Test
  void decode_rejectsNonCanonicalIntegers() {
    assertThatThrownBy(() -> decode("i03e"))
        .hasMessage("integer: expected no leading zero, found i03e at byte 0");
    assertThatThrownBy(() -> decode("i-0e"))
        .hasMessage("integer: expected no '-' before 0, found i-0e at byte 0");
    assertThatThrownBy(() -> decode("ie"))
        .hasMessage("integer: expected digits, found 'e' at byte 1");
    assertThatThrownBy(() -> decode("i1.5e"))
        .hasMessage("integer: expected digits then 'e', found '.' at byte 2");
  }

  @Test
  void decode_rejectsIntegersBeyond64SignedBits() {
    assertThatThrownBy(() -> decode("i9223372036854775808e"))
        .hasMessage(
            "integer: expected a value that fits in 64 signed bits,"
                + " found i9223372036854775808e at byte 0");
    assertThatThrownBy(() -> decode("i-9223372036854775809e"))
        .hasMessageContaining("fits in 64 signed bits");
  }

  @Test
  void decode_rejectsLengthsWithLeadingZeros() {
    assertThatThrownBy(() -> decode("04:spam"))
        .hasMessage("string length: expected no leading zero, found 04: at byte 0");
  }

  @Test
  void decode_rejectsTrailingBytes() {
    assertThatThrownBy(() -> decode("i1eXYZ"))
        .hasMessage("input: expected the end after the first value, found 3 more bytes at byte 3");
  }

  @Test
  void decode_rejectsTruncatedInput() {
    assertThatThrownBy(() -> decode("l4:spam"))
        .hasMessage("list: expected a value or 'e', found the end of the input at byte 7");
    assertThatThrownBy(() -> decode("d1:a"))
        .hasMessage(
            "value: expected 'i', 'l', 'd' or a digit, found the end of the input at byte 4");
    assertThatThrownBy(() -> decode("i42"))
        .hasMessage("integer: expected digits then 'e', found the end of the input at byte 3");
    assertThatThrownBy(() -> decode(""))
        .hasMessageContaining("found the end of the input at byte 0");
  }

  @Test
  void decode_rejectsNonStringKeysAndUnknownTypes() {
    assertThatThrownBy(() -> decode("di1ei2ee"))
        .hasMessage("dict key: expected a byte string, found an integer at byte 1");
    assertThatThrownBy(() -> decode("x"))
        .hasMessage("value: expected 'i', 'l', 'd' or a digit, found 'x' at byte 0");
    assertThatThrownBy(() -> Bencode.decode(new byte[] {(byte) 0x80}))
        .hasMessage("value: expected 'i', 'l', 'd' or a digit, found 0x80 at byte 0");
  }

  @Test
  void decode_countsPositionsFromTheOffset() {
    byte[] data = "XXi03e".getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> Bencode.decode(data, 2, 4))
        .isInstanceOf(BencodeException.class)
        .hasMessageEndingWith("at byte 0")
        .satisfies(e -> assertThat(((BencodeException) e).position()).isZero());
  }

  @Test
  void bencoded_keepsTheExactBytes_evenOfAnUnsortedDict() {
    byte[] unsorted = "d1:bi1e1:ai2ee".getBytes(StandardCharsets.US_ASCII);

    Bencoded b = Bencoded.of(unsorted);

    assertThat(b.toByteArray()).isEqualTo(unsorted);
    assertThat(Bencode.encode(BList.of(b))).isEqualTo("ld1:bi1e1:ai2eee".getBytes());
    assertThat(b.value()).isEqualTo(decode("d1:ai2e1:bi1ee"));
  }

  @Test
  void bytes_printAsTextWhenPrintable_elseAsHex() {
    assertThat(BBytes.utf8("ping")).hasToString("'ping'");
    assertThat(BBytes.fromHex("4c540208")).hasToString("0x4c540208");
  }
}
