package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.MessageTooLargeException;
import io.kadscope.engine.rpc.Request;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Malformed input is refused with a message that says what, where and what instead. */
class WireCodecRejectsTest {
  private static final String ID = "11".repeat(20);
  private static final String BIN20 = "c414" + "0b".repeat(20);
  private static final String PING = "a470696e67";
  private static final String STORE = "a573746f7265";
  private static final String FIND_NODE = "a966696e645f6e6f6465";
  private static final NodeId B = NodeId.fromHex("0b".repeat(20));

  private final WireCodec codec = new WireCodec();

  @Test
  void decode_rejectsDatagramShorterThan22Bytes() {
    assertThatThrownBy(() -> codec.decode(new byte[21]))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "datagram of 21 bytes: expected at least 22 (kind byte, 20-byte message id, body)");
  }

  @Test
  void decode_rejectsDatagramLongerThanTheBodyLimitAllows() {
    assertThatThrownBy(() -> codec.decode(new byte[WireCodec.MAX_DATAGRAM_BYTES + 1]))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("datagram of 8214 bytes: expected at most 8213 (a body of at most 8192 bytes)");
  }

  @Test
  void decode_rejectsUnknownKindByte() {
    assertThatThrownBy(() -> codec.decode(hex("02" + ID + "c0")))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("byte 0: expected 0x00 (request) or 0x01 (response), found 0x02");
  }

  @Test
  void decode_rejectsIdOfNineteenBytes() {
    assertThatThrownBy(() -> request("92" + PING + "91c413" + "0b".repeat(19)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "ping arg 0 (sender_id): expected bin of 20 bytes, found bin of 19 bytes at byte 28");
  }

  @Test
  void decode_rejectsStrWhereATargetIdIsExpected() {
    assertThatThrownBy(() -> request("92" + FIND_NODE + "92" + BIN20 + "a3616263"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("find_node arg 1 (target_id): expected bin of 20 bytes, found str at byte 55");
  }

  @Test
  void decode_rejectsWrongArity() {
    assertThatThrownBy(() -> request("92" + PING + "92" + BIN20 + BIN20))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("ping args: expected array of 1 [sender_id], found array of 2 at byte 27");
  }

  @Test
  void decode_rejectsUnknownRpcName() {
    assertThatThrownBy(() -> request("92aa66696e645f6e6f64657391" + BIN20))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "request name: expected one of ping, store, find_node, find_value, stun,"
                + " found str 'find_nodes' at byte 22");
  }

  @Test
  void decode_rejectsBodyThatIsNotAnArray() {
    assertThatThrownBy(() -> request("c0"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("request body: expected array of 2 [name, args], found nil at byte 21");
  }

  @Test
  void decode_rejectsTrailingBytes() {
    assertThatThrownBy(() -> request("92" + PING + "91" + BIN20 + "c0c0"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "ping request: expected the end of the datagram, found 2 more bytes at byte 50");
  }

  @Test
  void decode_rejectsArrayClaimingFourBillionElements() {
    assertThatThrownBy(() -> request("ddffffffff"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "request body: expected at most 0 bytes (what is left of the datagram),"
                + " found array claiming 4294967295 elements at byte 21");
  }

  @Test
  void decode_rejectsStoreValueClaimingTwoGigabytesBeforeAllocating() {
    String body = "92" + STORE + "93" + BIN20 + BIN20 + "db7fffffff616263";
    assertThatThrownBy(() -> request(body))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "store arg 2 (value): expected at most 3 bytes (what is left of the datagram),"
                + " found str claiming 2147483647 bytes at byte 73");
  }

  @Test
  void decode_rejectsDeepNestingAtTheFirstUnexpectedLevel() {
    String body = "92" + STORE + "93" + BIN20 + BIN20 + "91".repeat(4000) + "c0";
    assertThatThrownBy(() -> request(body))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "store arg 2 (value): expected str, bin, int, float or bool, found array at byte 73");
  }

  @Test
  void decode_rejectsNilStoreValue() {
    assertThatThrownBy(() -> request("92" + STORE + "93" + BIN20 + BIN20 + "c0"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("found nil at byte 73");
  }

  @Test
  void decode_rejectsIntegerBeyondSigned64Bits() {
    assertThatThrownBy(() -> request("92" + STORE + "93" + BIN20 + BIN20 + "cf" + "ff".repeat(8)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "store arg 2 (value): expected int that fits in 64 signed bits,"
                + " found uint64 above 2^63-1 at byte 73");
  }

  @Test
  void decode_rejectsInvalidUtf8() {
    assertThatThrownBy(() -> request("92" + STORE + "93" + BIN20 + BIN20 + "a2c328"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "store arg 2 (value): expected str of valid UTF-8, found invalid UTF-8 at byte 73");
  }

  @Test
  void decode_rejectsALoneByteAbove127InAStr() {
    assertThatThrownBy(() -> request("92" + STORE + "93" + BIN20 + BIN20 + "a36f6bff"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "store arg 2 (value): expected str of valid UTF-8, found invalid UTF-8 at byte 73");
  }

  @Test
  void decode_readsStrValuesOfAsciiAndOfMultiByteUtf8() {
    assertThat(storedValue("a26f6b")).isEqualTo(Value.of("ok"));
    assertThat(storedValue("a5c3a9e697a5")).isEqualTo(Value.of("\u00e9\u65e5"));
  }

  private Value storedValue(String valueHex) {
    Datagram d = request("92" + STORE + "93" + BIN20 + BIN20 + valueHex);
    return ((Request.Store) ((Datagram.OfRequest) d).request()).value();
  }

  @Test
  void decode_rejectsTruncatedHeader() {
    assertThatThrownBy(() -> request("92" + STORE + "93" + BIN20 + BIN20 + "cd01"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("body truncated or malformed near byte 74");
  }

  @Test
  void decodeResponse_rejectsHostNameInsteadOfIpLiteral() {
    String body = "9193" + BIN20 + "ab6578616d706c652e636f6d" + "cd1c85";
    assertThatThrownBy(() -> reply(new Request.FindNode(B, B), body))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "find_node reply contact 0 ip: expected an IPv4 or IPv6 address literal,"
                + " found str 'example.com' at byte 45");
  }

  @Test
  void decodeResponse_rejectsPortOutOfRange() {
    String body = "9193" + BIN20 + "a93132372e302e302e31" + "ce00010000";
    assertThatThrownBy(() -> reply(new Request.FindNode(B, B), body))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "find_node reply contact 0 port: expected int in 1..65535, found int 65536 at byte 55");
  }

  @Test
  void decodeResponse_rejectsIntAnsweringFindValue() {
    assertThatThrownBy(() -> reply(new Request.FindValue(B, B), "2a"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "find_value reply: expected map {\"value\": v} or array of contacts, found int at byte 21");
  }

  @Test
  void decodeResponse_rejectsMapWithAnotherKey() {
    assertThatThrownBy(() -> reply(new Request.FindValue(B, B), "81a3666f6f2a"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("find_value reply key: expected str 'value', found str 'foo' at byte 22");
  }

  @Test
  void decodeResponse_rejectsStrAnsweringStore() {
    assertThatThrownBy(() -> reply(new Request.Store(B, B, Value.of("x")), "a26f6b"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("store reply: expected bool, found str at byte 21");
  }

  @Test
  void encodeRequest_refusesBodyOverTheLimitAndSaysItsSize() {
    Request big = new Request.Store(B, B, new Value.Bin(new byte[8200]));

    assertThatThrownBy(() -> codec.encodeRequest(MessageId.fromHex(ID), big))
        .isInstanceOf(MessageTooLargeException.class)
        .hasMessage(
            "store request body is 8255 bytes; the wire allows at most 8192 (rpcudp's limit)");
  }

  @Test
  void encodeRequest_acceptsTheLargestValueTheEngineAllows() {
    Value largest = Value.of("x".repeat(Defaults.MAX_VALUE_BYTES - 5));
    assertThat(largest.encodedSizeBound()).isEqualTo(Defaults.MAX_VALUE_BYTES);

    ByteBuffer out = codec.encodeRequest(MessageId.fromHex(ID), new Request.Store(B, B, largest));

    assertThat(out.remaining()).isLessThanOrEqualTo(WireCodec.MAX_DATAGRAM_BYTES);
  }

  @Test
  void codec_staysUsableAfterRefusingInput() {
    assertThatThrownBy(() -> request("92" + STORE + "93" + BIN20 + BIN20 + "cd01"))
        .isInstanceOf(WireFormatException.class);
    assertThatThrownBy(
            () ->
                codec.encodeRequest(
                    MessageId.fromHex(ID), new Request.Store(B, B, new Value.Bin(new byte[9000]))))
        .isInstanceOf(MessageTooLargeException.class);

    Datagram d = request("92" + PING + "91" + BIN20);

    assertThat(d).isEqualTo(new Datagram.OfRequest(MessageId.fromHex(ID), new Request.Ping(B)));
  }

  private Datagram request(String bodyHex) {
    return codec.decode(hex("00" + ID + bodyHex));
  }

  private Object reply(Request answered, String bodyHex) {
    Datagram d = codec.decode(hex("01" + ID + bodyHex));
    return codec.decodeResponse(answered, ((Datagram.OfResponse) d).body());
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
