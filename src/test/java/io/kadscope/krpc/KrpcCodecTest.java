package io.kadscope.krpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every message kind encodes and decodes back to itself; responses are typed by their query. */
class KrpcCodecTest {
  private static final Id160 SELF = Id160.fromHex("11".repeat(20));
  private static final Id160 PEER = Id160.fromHex("22".repeat(20));
  private static final Id160 TARGET = Id160.fromHex("33".repeat(20));
  private static final TransactionId T = TransactionId.ofShort(0x6161);
  private static final BBytes TOKEN = BBytes.utf8("tok!");

  private final KrpcCodec codec = new KrpcCodec();

  private static InetSocketAddress at(String ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private KrpcQuery roundTrip(KrpcQuery q) {
    return (KrpcQuery) codec.decode(codec.encode(q));
  }

  private KrpcResponse roundTrip(Query answered, KrpcResponse r) {
    return codec.decodeResponse(answered, (KrpcRawResponse) codec.decode(codec.encode(r)));
  }

  @Test
  void ping_encodesAsBep5sExample() {
    byte[] bytes =
        codec.encode(
            KrpcQuery.of(
                TransactionId.of("aa".getBytes()),
                Id160.of("abcdefghij0123456789".getBytes(StandardCharsets.US_ASCII)),
                new Query.Ping()));

    assertThat(new String(bytes, StandardCharsets.US_ASCII))
        .isEqualTo("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe");
  }

  @Test
  void everyQueryKind_roundTrips() {
    List<Query> queries =
        List.of(
            new Query.Ping(),
            new Query.FindNode(TARGET),
            new Query.FindNode(TARGET, Set.of(Want.N4, Want.N6)),
            new Query.GetPeers(TARGET, Set.of(Want.N6)),
            new Query.AnnouncePeer(TARGET, 6881, TOKEN, false),
            new Query.AnnouncePeer(TARGET, 0, TOKEN, true),
            new Query.Get(TARGET),
            new Query.Get(TARGET, OptionalLong.of(-7)),
            Query.Put.immutable(TOKEN, Bencoded.of(BBytes.utf8("Hello World!"))),
            new Query.Put(
                TOKEN,
                Bencoded.of(BList.of(new BInt(1), BBytes.utf8("two"))),
                Optional.of(
                    new Query.Put.Mutable(
                        BBytes.of(new byte[32]),
                        BBytes.of(new byte[64]),
                        Long.MAX_VALUE,
                        BBytes.utf8("foobar"),
                        OptionalLong.of(4)))),
            new Query.Unknown(BBytes.utf8("sample_infohashes")));
    for (Query query : queries) {
      KrpcQuery q = KrpcQuery.of(T, SELF, query);
      assertThat(roundTrip(q)).as(query.kind().name()).isEqualTo(q);
    }
  }

  @Test
  void queryEnvelope_roundTripsVersionReadOnlyAndOtherArgs() {
    KrpcQuery q =
        new KrpcQuery(
            TransactionId.fromHex("00010203"),
            SELF,
            new Query.GetPeers(TARGET),
            true,
            Optional.of(KrpcCodec.CLIENT_VERSION),
            BDict.builder().put("scrape", 1).put("noseed", 1).build());

    KrpcQuery back = roundTrip(q);

    assertThat(back).isEqualTo(q);
    assertThat(new String(codec.encode(q), StandardCharsets.ISO_8859_1))
        .contains("2:roi1e")
        .contains("1:v4:KS\u0000\u0001");
  }

  @Test
  void everyReplyKind_roundTrips_typedByItsQuery() throws Exception {
    NodeInfo v4 = new NodeInfo(PEER, at("192.0.2.7", 6881));
    NodeInfo v6 = new NodeInfo(TARGET, at("2001:db8::1", 6882));
    List<Object[]> cases =
        List.of(
            new Object[] {new Query.Ping(), new Reply.Ping()},
            new Object[] {new Query.FindNode(TARGET), new Reply.FindNode(List.of(v4), List.of(v6))},
            new Object[] {
              new Query.GetPeers(TARGET),
              new Reply.GetPeers(
                  Optional.of(TOKEN),
                  List.of(at("192.0.2.9", 51413), at("2001:db8::9", 51413)),
                  List.of(),
                  List.of())
            },
            new Object[] {
              new Query.GetPeers(TARGET),
              new Reply.GetPeers(Optional.of(TOKEN), List.of(), List.of(v4, v4), List.of())
            },
            new Object[] {
              new Query.AnnouncePeer(TARGET, 1, TOKEN, false), new Reply.AnnouncePeer()
            },
            new Object[] {
              new Query.Get(TARGET),
              new Reply.Get(
                  Optional.of(TOKEN),
                  List.of(v4),
                  List.of(),
                  Optional.of(Bencoded.of(BBytes.utf8("Hello World!"))),
                  Optional.of(BBytes.of(new byte[32])),
                  Optional.of(BBytes.of(new byte[64])),
                  OptionalLong.of(1))
            },
            new Object[] {
              new Query.Get(TARGET), Reply.Get.nodesOnly(Optional.empty(), List.of(v6))
            },
            new Object[] {Query.Put.immutable(TOKEN, Bencoded.of(new BInt(1))), new Reply.Put()},
            new Object[] {new Query.Unknown(BBytes.utf8("vote")), new Reply.Other()});
    for (Object[] c : cases) {
      Query asked = (Query) c[0];
      KrpcResponse r =
          KrpcResponse.of(T, PEER, (Reply) c[1])
              .withRequesterAddress(at("203.0.113.5", 40000))
              .withClientVersion(KrpcCodec.CLIENT_VERSION);
      assertThat(roundTrip(asked, r)).as(asked.kind().name()).isEqualTo(r);
    }
  }

  @Test
  void decodeResponse_typesTheSameValuesByTheQueryTheyAnswer() {
    NodeInfo n = new NodeInfo(PEER, at("192.0.2.7", 6881));
    byte[] bytes =
        codec.encode(KrpcResponse.of(T, PEER, new Reply.FindNode(List.of(n), List.of())));
    KrpcRawResponse raw = (KrpcRawResponse) codec.decode(bytes);

    KrpcResponse asFindNode = codec.decodeResponse(new Query.FindNode(TARGET), raw);
    KrpcResponse asPing = codec.decodeResponse(new Query.Ping(), raw);

    assertThat(asFindNode.reply()).isEqualTo(new Reply.FindNode(List.of(n), List.of()));
    assertThat(asPing.reply()).isEqualTo(new Reply.Ping());
    assertThat(asPing.otherValues().keys()).containsExactly(BBytes.utf8("nodes"));
    assertThat(codec.encode(asPing)).isEqualTo(bytes);
  }

  @Test
  void rawResponse_staysValid_whenTheCallerReusesItsBuffer() {
    Reply.Get reply =
        new Reply.Get(
            Optional.of(TOKEN),
            List.of(),
            List.of(),
            Optional.of(Bencoded.of(BBytes.utf8("Hello World!"))),
            Optional.empty(),
            Optional.empty(),
            OptionalLong.empty());
    byte[] buffer = codec.encode(KrpcResponse.of(T, PEER, reply));
    KrpcRawResponse raw = (KrpcRawResponse) codec.decode(buffer);

    Arrays.fill(buffer, (byte) 'x'); // the next datagram lands in the same buffer

    assertThat(codec.decodeResponse(new Query.Get(TARGET), raw).reply()).isEqualTo(reply);
  }

  @Test
  void rawResponse_givesTheRespondersIdAndOurAddressBeforeTyping() {
    byte[] bytes =
        codec.encode(
            KrpcResponse.of(T, PEER, new Reply.Ping()).withRequesterAddress(at("::1", 7000)));

    KrpcRawResponse raw = (KrpcRawResponse) codec.decode(bytes);

    assertThat(raw.responder()).isEqualTo(PEER);
    assertThat(raw.requesterAddress()).contains(at("::1", 7000));
    assertThat(raw.transaction()).isEqualTo(T);
  }

  @Test
  void error_roundTripsWithCodeMessageAndLibtorrentsExtras() {
    KrpcError e =
        new KrpcError(
            T,
            ErrorCode.METHOD_UNKNOWN.code(),
            "Method Unknown",
            Optional.of(PEER),
            Optional.of(at("198.51.100.1", 6881)),
            Optional.of(KrpcCodec.CLIENT_VERSION),
            BDict.builder().put("p", 6881).build());

    KrpcError back = (KrpcError) codec.decode(codec.encode(e));

    assertThat(back).isEqualTo(e);
    assertThat(back.errorCode()).contains(ErrorCode.METHOD_UNKNOWN);
  }

  @Test
  void error_encodesAsBep5sExample() {
    byte[] bytes =
        codec.encode(
            KrpcError.of(
                TransactionId.of("aa".getBytes()), ErrorCode.GENERIC, "A Generic Error Ocurred"));

    assertThat(new String(bytes, StandardCharsets.US_ASCII))
        .isEqualTo("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee");
  }

  @Test
  void unknownErrorCodes_survive() {
    KrpcError e =
        new KrpcError(
            T, 599, "future", Optional.empty(), Optional.empty(), Optional.empty(), BDict.EMPTY);

    KrpcError back = (KrpcError) codec.decode(codec.encode(e));

    assertThat(back.code()).isEqualTo(599);
    assertThat(back.errorCode()).isEmpty();
  }

  @Test
  void want_ignoresFamiliesItDoesNotKnow() {
    byte[] bytes =
        ("d1:ad2:id20:"
                + "a".repeat(20)
                + "6:target20:"
                + "b".repeat(20)
                + "4:wantl2:n62:n9ee1:q9:find_node1:t1:x1:y1:qe")
            .getBytes(StandardCharsets.US_ASCII);

    KrpcQuery q = (KrpcQuery) codec.decode(bytes);

    assertThat(((Query.FindNode) q.query()).want()).containsExactly(Want.N6);
  }

  @Test
  void encode_refusesADatagramOverTheLimit() {
    Query.Put put = Query.Put.immutable(TOKEN, Bencoded.of(BBytes.of(new byte[2100])));

    assertThatThrownBy(() -> codec.encode(KrpcQuery.of(T, SELF, put)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("'put' query is 21\\d\\d bytes: expected at most 2048");
  }

  @Test
  void records_refuseOtherArgsThatTheKindModels() {
    BDict clash = BDict.builder().put("target", TARGET.toBBytes()).build();

    assertThatThrownBy(
            () ->
                new KrpcQuery(T, SELF, new Query.FindNode(TARGET), false, Optional.empty(), clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("otherArgs holds 'target', which FIND_NODE models itself");
  }

  @Test
  void replies_refuseNodesOfTheWrongFamily() {
    NodeInfo v6 = new NodeInfo(PEER, at("2001:db8::1", 1));

    assertThatThrownBy(() -> new Reply.FindNode(List.of(v6), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodes holds IPv4 nodes only, found 2001:db8:0:0:0:0:0:1 port 1");
  }

  @Test
  void ipv4MappedNodesInNodes6_stayInNodes6() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 192;
    mapped[15] = 1;
    byte[] entry = new byte[38];
    System.arraycopy(mapped, 0, entry, 20, 16);
    byte[] r =
        Bencode.encode(
            BDict.builder()
                .put(
                    "r",
                    BDict.builder()
                        .put("id", PEER.toBBytes())
                        .put("nodes6", BBytes.of(entry))
                        .build())
                .put("t", T.toBBytes())
                .put("y", BBytes.utf8("r"))
                .build());

    KrpcResponse typed =
        codec.decodeResponse(new Query.FindNode(TARGET), (KrpcRawResponse) codec.decode(r));

    assertThat(((Reply.FindNode) typed.reply()).nodes6()).hasSize(1);
    assertThat(codec.encode(typed)).isEqualTo(r);
  }
}
