package io.kadscope.krpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every datagram recorded from libtorrent decodes, means what it meant, and re-encodes the same.
 */
class LibtorrentDatagramsTest {
  private static final BBytes BEP44_KEY =
      BBytes.fromHex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548");
  private static final BBytes BEP44_SALTED_SIGNATURE =
      BBytes.fromHex(
          "6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17d"
              + "df9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08");
  private static final BBytes LIBTORRENT_2_0_8 = BBytes.of(new byte[] {'L', 'T', 2, 8});

  private final KrpcCodec codec = new KrpcCodec();

  static List<LibtorrentDatagrams.Entry> datagrams() {
    return LibtorrentDatagrams.all();
  }

  static List<LibtorrentDatagrams.Entry> wellFormed() {
    return datagrams().stream().filter(e -> !e.malformed()).toList();
  }

  static List<LibtorrentDatagrams.Entry> fromLibtorrent() {
    return datagrams().stream().filter(e -> e.from().startsWith("libtorrent")).toList();
  }

  @Test
  void recording_holdsEveryQueryKindAndEveryErrorLibtorrentGave() {
    List<LibtorrentDatagrams.Entry> all = datagrams();
    Set<QueryKind> kinds =
        all.stream()
            .filter(e -> e.isQuery() && !e.malformed())
            .map(e -> ((KrpcQuery) codec.decode(e.bytes())).query().kind())
            .collect(Collectors.toSet());
    assertThat(kinds).containsExactlyInAnyOrder(QueryKind.values());
    assertThat(all)
        .filteredOn(e -> e.kind().equals("error"))
        .extracting(LibtorrentDatagrams.Entry::code)
        .contains(203, 205, 206, 207, 301, 302);
    assertThat(all).filteredOn(e -> e.from().startsWith("libtorrent")).hasSizeGreaterThan(25);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wellFormed")
  void decode_thenEncode_givesTheRecordedBytes(LibtorrentDatagrams.Entry e) {
    KrpcMessage m = codec.decode(e.bytes());

    byte[] again;
    switch (e.kind()) {
      case "query":
        again = codec.encode((KrpcQuery) m);
        break;
      case "response":
        again = codec.encode(typed(e, (KrpcRawResponse) m));
        break;
      default:
        KrpcError error = (KrpcError) m;
        assertThat(error.code()).isEqualTo(e.code());
        assertThat(error.message()).isEqualTo(e.message());
        again = codec.encode(error);
    }
    // libtorrent's encoder is canonical, and every key it sends survives decoding
    assertThat(again).isEqualTo(e.bytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fromLibtorrent")
  void libtorrentsMessages_carryItsVersionAndOurAddress(LibtorrentDatagrams.Entry e) {
    KrpcMessage m = codec.decode(e.bytes());

    assertThat(m.clientVersion()).contains(LIBTORRENT_2_0_8);
    if (!e.isQuery()) {
      InetSocketAddress ip =
          m instanceof KrpcError err
              ? err.requesterAddress().orElseThrow()
              : ((KrpcRawResponse) m).requesterAddress().orElseThrow();
      assertThat(ip.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
    }
  }

  @Test
  void malformedQueries_failWithTheTransactionToAnswer_whereLibtorrentAnswered203() {
    for (String name : List.of("find-node-no-target", "get-peers-short-hash")) {
      LibtorrentDatagrams.Entry sent = LibtorrentDatagrams.named(name + "-query");
      KrpcError answer =
          (KrpcError) codec.decode(LibtorrentDatagrams.named(name + "-error").bytes());

      assertThat(sent.malformed()).isTrue();
      assertThat(answer.errorCode()).contains(ErrorCode.PROTOCOL);
      assertThatThrownBy(() -> codec.decode(sent.bytes()))
          .isInstanceOfSatisfying(
              KrpcFormatException.class,
              f -> assertThat(f.queryTransaction()).contains(answer.transaction()));
    }
    assertThatThrownBy(
            () -> codec.decode(LibtorrentDatagrams.named("get-peers-short-hash-query").bytes()))
        .hasMessage(
            "get_peers query a.info_hash: expected a byte string of 20 bytes (the info-hash),"
                + " found a byte string of 19 bytes at byte 43");
  }

  @Test
  void pingReply_keepsLibtorrentsPortEcho() {
    KrpcResponse r = response("ping-response");

    assertThat(r.reply()).isEqualTo(new Reply.Ping());
    long echoed = ((BInt) r.otherValues().get("p")).value();
    assertThat(echoed).isEqualTo(r.requesterAddress().orElseThrow().getPort());
  }

  @Test
  void findNodeReply_listsTheSwarmsNodesOnLoopback() {
    Reply.FindNode r = (Reply.FindNode) response("find-node-response").reply();

    assertThat(r.nodes()).hasSize(3);
    assertThat(r.nodes())
        .allSatisfy(n -> assertThat(n.address().getAddress().isLoopbackAddress()).isTrue());
    assertThat(r.nodes6()).isEmpty();
  }

  @Test
  void getPeersReply_afterAnnouncements_holdsBothAnnouncedPeersAndAToken() {
    Reply.GetPeers r = (Reply.GetPeers) response("get-peers-values-response").reply();
    KrpcQuery implied =
        (KrpcQuery) codec.decode(LibtorrentDatagrams.named("announce-peer-implied-query").bytes());

    assertThat(r.token()).isPresent();
    assertThat(r.values()).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881));
    assertThat(r.values()).hasSize(2); // the explicit port and the implied one
    assertThat(((Query.AnnouncePeer) implied.query()).impliedPort()).isTrue();
  }

  @Test
  void getReply_ofTheMutableItem_carriesBep44sKeyAndPublishedSignature() {
    Reply.Get r = (Reply.Get) response("get-mutable-response").reply();

    assertThat(r.key()).contains(BEP44_KEY);
    assertThat(r.signature()).contains(BEP44_SALTED_SIGNATURE);
    assertThat(r.seq()).isEqualTo(OptionalLong.of(1));
    assertThat(r.value()).contains(Bencoded.of(BBytes.utf8("Hello World!")));
  }

  @Test
  void getReply_whenTheQuerysSeqIsCurrent_carriesSeqOnly() {
    Reply.Get r = (Reply.Get) response("get-mutable-seq-response").reply();

    assertThat(r.seq()).isEqualTo(OptionalLong.of(1));
    assertThat(r.value()).isEmpty();
    assertThat(r.signature()).isEmpty();
  }

  @Test
  void libtorrentsOwnQueries_keepTheArgumentsWeDoNotModel() {
    KrpcQuery announce = query("libtorrent-announce-peer");
    KrpcQuery bootstrap = query("libtorrent-get-peers-bootstrap");
    KrpcQuery put = query("libtorrent-put-mutable");

    assertThat(((Query.AnnouncePeer) announce.query()).impliedPort()).isTrue();
    assertThat(announce.otherArgs().keys()).containsExactly(BBytes.utf8("seed")); // BEP 33
    assertThat(bootstrap.otherArgs().keys()).containsExactly(BBytes.utf8("bs"));
    Query.Put.Mutable m = ((Query.Put) put.query()).mutable().orElseThrow();
    assertThat(m.key()).isEqualTo(BEP44_KEY);
    assertThat(m.salt()).isEqualTo(BBytes.utf8("foobar"));
  }

  @Test
  void readOnlyPing_decodesItsFlag() {
    assertThat(query("ping-read-only-query").readOnly()).isTrue();
    assertThat(query("ping-query").readOnly()).isFalse();
  }

  @Test
  void unknownMethod_decodesAsUnknown_andLibtorrentAnswers203() {
    KrpcQuery q = query("unknown-method-query");
    KrpcError e =
        (KrpcError) codec.decode(LibtorrentDatagrams.named("unknown-method-error").bytes());

    assertThat(q.query()).isEqualTo(new Query.Unknown(BBytes.utf8("frobnicate")));
    assertThat(e.errorCode()).contains(ErrorCode.PROTOCOL);
    assertThat(e.message()).isEqualTo("unknown message");
    assertThat(e.responder()).isPresent();
  }

  private KrpcQuery query(String name) {
    return (KrpcQuery) codec.decode(LibtorrentDatagrams.named(name).bytes());
  }

  private KrpcResponse response(String name) {
    LibtorrentDatagrams.Entry e = LibtorrentDatagrams.named(name);
    return typed(e, (KrpcRawResponse) codec.decode(e.bytes()));
  }

  private KrpcResponse typed(LibtorrentDatagrams.Entry e, KrpcRawResponse raw) {
    KrpcQuery asked = (KrpcQuery) codec.decode(LibtorrentDatagrams.named(e.answers()).bytes());
    assertThat(raw.transaction()).isEqualTo(asked.transaction());
    return codec.decodeResponse(asked.query(), raw);
  }
}
