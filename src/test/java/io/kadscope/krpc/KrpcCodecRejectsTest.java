package io.kadscope.krpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Malformed datagrams are refused with a message that says what, where and what instead. */
class KrpcCodecRejectsTest {
  private static final String ID = "20:" + "a".repeat(20);

  private final KrpcCodec codec = new KrpcCodec();

  private KrpcMessage decode(String text) {
    return codec.decode(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private KrpcResponse decodeReply(Query asked, String r) {
    return codec.decodeResponse(
        asked, (KrpcRawResponse) decode("d1:rd2:id" + ID + r + "e1:t1:x1:y1:re"));
  }

  @Test
  void decode_rejectsADatagramOverTheLimit() {
    assertThatThrownBy(() -> codec.decode(new byte[2049]))
        .isInstanceOf(KrpcFormatException.class)
        .hasMessage("datagram of 2049 bytes: expected at most 2048");
  }

  @Test
  void decode_passesOnBencodeErrorsWithTheirPosition() {
    assertThatThrownBy(() -> decode("d1:t2:aa1:y1:q1:q9999999999:"))
        .isInstanceOf(KrpcFormatException.class)
        .hasMessage(
            "string: expected a length of at most 0 bytes (what is left of the input),"
                + " found a length of 9999999999 at byte 17")
        .hasCauseInstanceOf(BencodeException.class);
  }

  @Test
  void decode_rejectsAMessageThatIsNotADict() {
    assertThatThrownBy(() -> decode("l1:qe"))
        .hasMessage("message: expected a dict, found a list at byte 0");
  }

  @Test
  void decode_rejectsMissingOrEmptyTransactionIds() {
    assertThatThrownBy(() -> decode("d1:y1:qe"))
        .hasMessage(
            "t: expected a byte string (the transaction id), found no such key in the dict at byte 0");
    assertThatThrownBy(() -> decode("d1:t0:1:y1:re"))
        .hasMessage(
            "t: expected a byte string of at least 1 byte (the transaction id),"
                + " found a byte string of 0 bytes at byte 4");
    assertThatThrownBy(() -> decode("d1:ti7e1:y1:re"))
        .hasMessage("t: expected a byte string (the transaction id), found an integer at byte 4");
  }

  @Test
  void decode_rejectsAnUnknownMessageType() {
    assertThatThrownBy(() -> decode("d1:t2:aa1:y1:xe"))
        .hasMessage("y: expected 'q', 'r' or 'e', found 'x' at byte 11")
        .isInstanceOfSatisfying(
            KrpcFormatException.class, e -> assertThat(e.queryTransaction()).isEmpty());
  }

  @Test
  void malformedQuery_namesItsTransaction_soThatAServerCanAnswer203() {
    assertThatThrownBy(() -> decode("d1:q4:ping1:t2:aa1:y1:qe"))
        .hasMessage("a: expected a dict (the arguments), found no such key in the dict at byte 0")
        .isInstanceOfSatisfying(
            KrpcFormatException.class,
            e -> assertThat(e.queryTransaction()).contains(TransactionId.of("aa".getBytes())));
  }

  @Test
  void decode_rejectsANodeIdOfTheWrongLength() {
    assertThatThrownBy(() -> decode("d1:ad2:id19:" + "a".repeat(19) + "e1:q4:ping1:t2:aa1:y1:qe"))
        .hasMessage(
            "ping query a.id: expected a byte string of 20 bytes (the querier's node id),"
                + " found a byte string of 19 bytes at byte 9");
  }

  @Test
  void decode_rejectsAFindNodeWithoutTarget() {
    assertThatThrownBy(() -> decode("d1:ad2:id" + ID + "e1:q9:find_node1:t2:aa1:y1:qe"))
        .hasMessage(
            "find_node query a.target: expected a byte string of 20 bytes (the target id),"
                + " found no such key in the dict at byte 4");
  }

  @Test
  void decode_rejectsAnAnnouncedPortOutOfRange() {
    String a = "d2:id" + ID + "9:info_hash" + ID + "4:porti70000e5:token2:tke";
    assertThatThrownBy(() -> decode("d1:a" + a + "1:q13:announce_peer1:t2:aa1:y1:qe"))
        .hasMessage(
            "announce_peer query a.port: expected an integer in 0..65535 (the peer's TCP port),"
                + " found 70000 at byte 72");
  }

  @Test
  void decode_rejectsAMutablePutPartWithoutItsKey() {
    String a = "d2:id" + ID + "3:sig64:" + "s".repeat(64) + "5:token2:tk1:v1:xe";
    assertThatThrownBy(() -> decode("d1:a" + a + "1:q3:put1:t2:aa1:y1:qe"))
        .hasMessage(
            "put query a.sig: expected 'k' beside it (a mutable put), found 'sig' without 'k'"
                + " at byte 37");
  }

  @Test
  void decode_rejectsAMutablePutWithAShortSignature() {
    String a = "d2:id" + ID + "1:k32:" + "k".repeat(32) + "3:seqi1e3:sig3:abc5:token2:tk1:v1:xe";
    assertThatThrownBy(() -> decode("d1:a" + a + "1:q3:put1:t2:aa1:y1:qe"))
        .hasMessage(
            "put query a.sig: expected a byte string of 64 bytes (an ed25519 signature),"
                + " found a byte string of 3 bytes at byte 83");
  }

  @Test
  void decode_rejectsAWantThatIsNotAList() {
    String a = "d2:id" + ID + "6:target" + ID + "4:want2:n4e";
    assertThatThrownBy(() -> decode("d1:a" + a + "1:q9:find_node1:t2:aa1:y1:qe"))
        .hasMessage(
            "find_node query a.want: expected a list of byte strings such as 'n4' and 'n6' (BEP 32),"
                + " found a byte string of 2 bytes at byte 69");
  }

  @Test
  void decode_rejectsAResponseWithoutTheRespondersId() {
    assertThatThrownBy(() -> decode("d1:rde1:t1:x1:y1:re"))
        .hasMessage(
            "r.id: expected a byte string of 20 bytes (the responder's node id),"
                + " found no such key in the dict at byte 4");
  }

  @Test
  void decode_rejectsAnIpThatIsNotACompactAddress() {
    assertThatThrownBy(() -> decode("d2:ip5:abcde1:rd2:id" + ID + "e1:t1:x1:y1:re"))
        .hasMessage(
            "ip: expected a byte string of 6 or 18 bytes (the requester's compact address, BEP 42),"
                + " found a byte string of 5 bytes at byte 5");
  }

  @Test
  void decodeResponse_rejectsNodesThatAreNotWhole26ByteEntries() {
    assertThatThrownBy(
            () ->
                decodeReply(
                    new Query.FindNode(Id160.fromHex("00".repeat(20))),
                    "5:nodes27:" + "n".repeat(27)))
        .hasMessage(
            "find_node reply r.nodes: expected a byte string of 26-byte entries"
                + " (compact IPv4 node info), found a byte string of 27 bytes at byte 39");
  }

  @Test
  void decodeResponse_rejectsAPeerOfSevenBytes() {
    assertThatThrownBy(
            () ->
                decodeReply(
                    new Query.GetPeers(Id160.fromHex("00".repeat(20))),
                    "5:token2:tk6:valuesl6:abcdef7:abcdefge"))
        .hasMessage(
            "get_peers reply r.values[1]: expected a byte string of 6 or 18 bytes (compact peer),"
                + " found a byte string of 7 bytes at byte 60");
  }

  @Test
  void decode_rejectsAnErrorThatIsNotCodeAndMessage() {
    assertThatThrownBy(() -> decode("d1:el15:unknown messagee1:t2:aa1:y1:ee"))
        .hasMessage(
            "e: expected a list [code, message] of an integer and a byte string,"
                + " found a list of [a byte string of 15 bytes] at byte 4");
    assertThatThrownBy(() -> decode("d1:t2:aa1:y1:ee"))
        .hasMessage(
            "e: expected a list [code, message] of an integer and a byte string,"
                + " found no such key in the dict at byte 0");
  }
}
