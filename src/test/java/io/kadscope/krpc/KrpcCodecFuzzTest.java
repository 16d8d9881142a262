package io.kadscope.krpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzing of the KRPC decoder: whatever bytes arrive, decoding ends in a message or a {@link
 * KrpcFormatException} that says what was wrong, never another exception; a query or an error that
 * decodes encodes back to the same message; and a response's values are typed as the answer to any
 * kind of query without another exception. Under {@code mvn verify} this replays the checked-in
 * corpus (the datagrams recorded from libtorrent, and a few hostile ones); with {@code
 * JAZZER_FUZZ=1} it fuzzes from there.
 */
class KrpcCodecFuzzTest {
  private static final KrpcCodec CODEC = new KrpcCodec();
  private static final Id160 ID = Id160.fromHex("ab".repeat(20));
  private static final BBytes TOKEN = BBytes.utf8("tok");

  /** A query of every kind, for typing a response as the answer to each. */
  private static final List<Query> ASKED =
      List.of(
          new Query.Ping(),
          new Query.FindNode(ID),
          new Query.GetPeers(ID),
          new Query.AnnouncePeer(ID, 6881, TOKEN, false),
          new Query.Get(ID),
          Query.Put.immutable(TOKEN, Bencoded.of(BBytes.utf8("v"))),
          new Query.Unknown(BBytes.utf8("sample_infohashes")));

  @FuzzTest
  void decode_failsOnlyWithItsOwnException_andWhatDecodesEncodesBackTheSame(byte[] datagram) {
    KrpcMessage m;
    try {
      m = CODEC.decode(datagram);
    } catch (KrpcFormatException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    if (m instanceof KrpcQuery q) {
      assertThat(CODEC.decode(CODEC.encode(q))).isEqualTo(q);
    } else if (m instanceof KrpcError e) {
      assertThat(CODEC.decode(CODEC.encode(e))).isEqualTo(e);
    } else {
      KrpcRawResponse raw = (KrpcRawResponse) m;
      for (Query asked : ASKED) {
        try {
          KrpcResponse typed = CODEC.decodeResponse(asked, raw);
          assertThat(typed.reply().answers()).isEqualTo(asked.kind());
        } catch (KrpcFormatException e) {
          assertThat(e.getMessage()).isNotBlank();
        }
      }
    }
  }
}
