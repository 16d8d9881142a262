package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One golden vector per message type, taken from the Python reference datagrams. */
class WireCodecGoldenTest {
  private static final NodeId A = NodeId.fromHex("aa".repeat(20));
  private static final NodeId B = NodeId.fromHex("0b".repeat(20));
  private static final NodeId C = NodeId.fromHex("cc".repeat(20));
  private static final NodeId GREETING = NodeId.ofKey("greeting");
  private static final NodeId ANSWER = NodeId.ofKey("answer");
  private static final NodeId BLOB = NodeId.ofKey("blob");

  private final WireCodec codec = new WireCodec();

  @Test
  void ping_request() {
    assertRequest(
        "00c7051dd9be0e2f2e7e89c1c29ae9855357d8771c92a470696e6791c414" + "0b".repeat(20),
        new Request.Ping(B));
  }

  @Test
  void ping_reply() {
    assertResponse(
        "01c7051dd9be0e2f2e7e89c1c29ae9855357d8771cc414" + "aa".repeat(20),
        new Request.Ping(B),
        new Response.PingReply(A));
  }

  @Test
  void store_request_withStrValue() {
    assertRequest(
        "00cfc6235394fca7b64e62fd367513e815e3617d3f92a573746f726593c414"
            + "0b".repeat(20)
            + "c414a0f7e779f9247566c84036f07f7bdf4a40a869bd"
            + "ab68656c6c6f20776f726c64",
        new Request.Store(B, GREETING, Value.of("hello world")));
  }

  @Test
  void store_request_withIntValue() {
    assertRequest(
        "002ab5eafa515bc2110cb1a4fa37ed13b4200feaf192a573746f726593c414"
            + "0b".repeat(20)
            + "c414"
            + ANSWER.toHex()
            + "2a",
        new Request.Store(B, ANSWER, new Value.Int(42)));
  }

  @Test
  void store_request_withBinValue() {
    assertRequest(
        "0020cbb558928c45e231c3bd87c7abd5e4084f567f92a573746f726593c414"
            + "0b".repeat(20)
            + "c414"
            + BLOB.toHex()
            + "c403000102",
        new Request.Store(B, BLOB, new Value.Bin(new byte[] {0, 1, 2})));
  }

  @Test
  void store_reply() {
    assertResponse(
        "01cfc6235394fca7b64e62fd367513e815e3617d3fc3",
        new Request.Store(B, GREETING, Value.of("hello world")),
        new Response.StoreReply(true));
  }

  @Test
  void findNode_request() {
    assertRequest(
        "00480da1e0feb200a77226cb8604b7a5cd3b31b67b92a966696e645f6e6f646592c414"
            + "cc".repeat(20)
            + "c414"
            + "cc".repeat(20),
        new Request.FindNode(C, C));
  }

  @Test
  void findNode_reply_withOneContact() {
    assertResponse(
        "01480da1e0feb200a77226cb8604b7a5cd3b31b67b9193c414"
            + "aa".repeat(20)
            + "a93132372e302e302e31cd1c85",
        new Request.FindNode(C, C),
        new Response.Nodes(List.of(new Contact(A, new InetSocketAddress("127.0.0.1", 7301)))));
  }

  @Test
  void findNode_reply_empty() {
    assertResponse(
        "01f35d8eb0e9956edb5f1a970b4dd7c169faf407d290",
        new Request.FindNode(B, B),
        new Response.Nodes(List.of()));
  }

  @Test
  void findValue_request() {
    assertRequest(
        "001f4eb7ad717e761c9a5ef996f54eb7c69fe480ce92aa66696e645f76616c756592c414"
            + "cc".repeat(20)
            + "c414"
            + GREETING.toHex(),
        new Request.FindValue(C, GREETING));
  }

  @Test
  void findValue_reply_foundStr() {
    assertResponse(
        "011f4eb7ad717e761c9a5ef996f54eb7c69fe480ce81a576616c7565ab68656c6c6f20776f726c64",
        new Request.FindValue(C, GREETING),
        new Response.FoundValue(Value.of("hello world")));
  }

  @Test
  void findValue_reply_foundInt() {
    assertResponse(
        "017c95f9e179b45c18195845428961855632c469c281a576616c75652a",
        new Request.FindValue(C, ANSWER),
        new Response.FoundValue(new Value.Int(42)));
  }

  @Test
  void findValue_reply_foundBin() {
    assertResponse(
        "0130359cc477550106b6ef49b30c4461128e739b9f81a576616c7565c403000102",
        new Request.FindValue(C, BLOB),
        new Response.FoundValue(new Value.Bin(new byte[] {0, 1, 2})));
  }

  @Test
  void findValue_reply_notFoundGivesContacts() {
    assertResponse(
        "01f4200087889e9556dcb58170d383ea9a11faa81e9193c414"
            + "0b".repeat(20)
            + "a93132372e302e302e31cd1c86",
        new Request.FindValue(C, NodeId.ofKey("no-such-key")),
        new Response.Nodes(List.of(new Contact(B, new InetSocketAddress("127.0.0.1", 7302)))));
  }

  @Test
  void stun_request() {
    assertRequest("006cc96f78de1819391df23bdfc5f88b3ecdedf7cc92a47374756e90", new Request.Stun());
  }

  @Test
  void stun_reply() {
    assertResponse(
        "016cc96f78de1819391df23bdfc5f88b3ecdedf7cc92a93132372e302e302e31cd1c87",
        new Request.Stun(),
        new Response.StunReply("127.0.0.1", 7303));
  }

  @Test
  void float_valuesEncodeAsFloat64AndFloat32Decodes() {
    byte[] f64 =
        hex("0100000000000000000000000000000000000000" + "0081a576616c7565cb400921fb54442d18");
    byte[] f32 = hex("0100000000000000000000000000000000000000" + "0081a576616c7565ca3fc00000");
    Request q = new Request.FindValue(C, BLOB);

    assertThat(codec.decodeResponse(q, ((Datagram.OfResponse) codec.decode(f64)).body()))
        .isEqualTo(new Response.FoundValue(new Value.Float(Math.PI)));
    assertThat(codec.decodeResponse(q, ((Datagram.OfResponse) codec.decode(f32)).body()))
        .isEqualTo(new Response.FoundValue(new Value.Float(1.5)));
    MessageId id = MessageId.fromHex("00".repeat(20));
    assertThat(
            ReferenceDatagramsTest.bytes(
                codec.encodeResponse(id, new Response.FoundValue(new Value.Float(Math.PI)))))
        .isEqualTo(f64);
  }

  @Test
  void bool_valueRoundTrips() {
    Request.Store store = new Request.Store(B, BLOB, new Value.Bool(false));
    MessageId id = MessageId.fromHex("01".repeat(20));

    byte[] bytes = ReferenceDatagramsTest.bytes(codec.encodeRequest(id, store));

    assertThat(codec.decode(bytes)).isEqualTo(new Datagram.OfRequest(id, store));
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 0xc2);
  }

  @Test
  void encodeResponse_leavesTheIpv6ZoneOfAContactBehind() throws Exception {
    byte[] loopback = new byte[16];
    loopback[15] = 1;
    InetSocketAddress zoned =
        new InetSocketAddress(Inet6Address.getByAddress(null, loopback, 0), 7123);
    Contact c = new Contact(A, zoned);
    assertThat(c.host()).isEqualTo("0:0:0:0:0:0:0:1%0");
    MessageId id = MessageId.fromHex("00".repeat(20));

    byte[] bytes =
        ReferenceDatagramsTest.bytes(codec.encodeResponse(id, new Response.Nodes(List.of(c))));
    Response back =
        codec.decodeResponse(
            new Request.FindNode(B, B), ((Datagram.OfResponse) codec.decode(bytes)).body());

    assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
        .contains("0:0:0:0:0:0:0:1")
        .doesNotContain("%");
    assertThat(((Response.Nodes) back).contacts().get(0).host()).isEqualTo("0:0:0:0:0:0:0:1");
  }

  private void assertRequest(String hex, Request expected) {
    byte[] bytes = hex(hex);
    MessageId id = MessageId.of(bytes, 1);

    assertThat(codec.decode(bytes)).isEqualTo(new Datagram.OfRequest(id, expected));
    assertThat(ReferenceDatagramsTest.bytes(codec.encodeRequest(id, expected))).isEqualTo(bytes);
  }

  private void assertResponse(String hex, Request answered, Response expected) {
    byte[] bytes = hex(hex);
    MessageId id = MessageId.of(bytes, 1);

    Datagram d = codec.decode(bytes);
    assertThat(d).isInstanceOf(Datagram.OfResponse.class);
    assertThat(d.id()).isEqualTo(id);
    assertThat(codec.decodeResponse(answered, ((Datagram.OfResponse) d).body()))
        .isEqualTo(expected);
    assertThat(ReferenceDatagramsTest.bytes(codec.encodeResponse(id, expected))).isEqualTo(bytes);
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
