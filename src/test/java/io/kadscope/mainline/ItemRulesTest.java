package io.kadscope.mainline;

import static io.kadscope.mainline.ItemsTest.BEP44_KEY;
import static io.kadscope.mainline.ItemsTest.BEP44_SALTED_SIGNATURE;
import static io.kadscope.mainline.ItemsTest.FOOBAR;
import static io.kadscope.mainline.ItemsTest.HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcCodec;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcRawResponse;
import io.kadscope.krpc.LibtorrentDatagrams;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BEP 44's storage rules decide as libtorrent does, error for error. */
class ItemRulesTest {
  private static final KrpcCodec CODEC = new KrpcCodec();
  private static final MutableItem STORED_SEQ_1 =
      new MutableItem(BEP44_KEY, FOOBAR, 1, HELLO, BEP44_SALTED_SIGNATURE);
  private static final BBytes TOKEN = BBytes.utf8("tok");

  /**
   * The puts recorded from libtorrent, with what was stored when each was sent: ours must give
   * libtorrent's answer.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "put-too-big, 0",
    "put-mutable-cas, 1",
    "put-mutable-bad-signature, 1",
    "put-mutable-salt-too-big, 1",
    "put-mutable-old-seq, 2"
  })
  void checkPut_refusesAsLibtorrentDid(String name, int storedSeq) {
    Query.Put put = recordedPut(name);
    KrpcError libtorrents =
        (KrpcError) CODEC.decode(LibtorrentDatagrams.named(name + "-error").bytes());

    PutDecision ours = ItemRules.checkPut(put, stored(storedSeq));

    assertThat(ours)
        .isEqualTo(
            new PutDecision.Refuse(libtorrents.errorCode().orElseThrow(), libtorrents.message()));
  }

  @Test
  void checkPut_storesTheSameSignedItemAgain_asLibtorrentDid() {
    Query.Put put = recordedPut("put-mutable");

    assertThat(ItemRules.checkPut(put, Optional.of(STORED_SEQ_1)))
        .isEqualTo(new PutDecision.Store(STORED_SEQ_1));
  }

  @Test
  void checkPut_storesAnImmutableItemUnderItsHash() {
    Query.Put put = recordedPut("put-immutable");

    PutDecision d = ItemRules.checkPut(put, Optional.empty());

    assertThat(d).isEqualTo(new PutDecision.Store(new ImmutableItem(HELLO)));
    assertThat(((PutDecision.Store) d).item().target())
        .isEqualTo(Id160.fromHex("e5f96f6f38320f0f33959cb4d3d656452117aadb"));
  }

  @Test
  void checkPut_acceptsAHigherSeq_andAMatchingCas() {
    KeyPair keys = Ed25519.generate(new SecureRandom());
    MutableItem v1 = MutableItem.sign(keys, BBytes.EMPTY, 1, HELLO);
    MutableItem v2 = MutableItem.sign(keys, BBytes.EMPTY, 2, Bencoded.of(BBytes.utf8("v2")));

    assertThat(ItemRules.checkPut(v2.toPut(TOKEN, OptionalLong.of(1)), Optional.of(v1)))
        .isEqualTo(new PutDecision.Store(v2));
    assertThat(ItemRules.checkPut(v1.toPut(TOKEN, OptionalLong.of(7)), Optional.empty()))
        .isEqualTo(new PutDecision.Store(v1)); // no stored item: nothing to compare cas with
  }

  @Test
  void repliesWithValue_onlyWhenTheStoredSeqIsNewerThanTheQuerys() {
    assertThat(ItemRules.repliesWithValue(STORED_SEQ_1, OptionalLong.empty())).isTrue();
    assertThat(ItemRules.repliesWithValue(STORED_SEQ_1, OptionalLong.of(0))).isTrue();
    assertThat(ItemRules.repliesWithValue(STORED_SEQ_1, OptionalLong.of(1))).isFalse();
  }

  @Test
  void verifiedItem_acceptsLibtorrentsReplies() {
    Reply.Get mutable = recordedGetReply("get-mutable");
    Reply.Get immutable = recordedGetReply("get-immutable");
    Reply.Get empty = recordedGetReply("get-immutable-empty");

    assertThat(ItemRules.verifiedItem(STORED_SEQ_1.target(), FOOBAR, mutable))
        .contains(STORED_SEQ_1);
    assertThat(ItemRules.verifiedItem(new ImmutableItem(HELLO).target(), BBytes.EMPTY, immutable))
        .contains(new ImmutableItem(HELLO));
    assertThat(ItemRules.verifiedItem(new ImmutableItem(HELLO).target(), BBytes.EMPTY, empty))
        .isEmpty();
  }

  @Test
  void verifiedItem_refusesAValueThatDoesNotHashToTheTarget() {
    Reply.Get immutable = recordedGetReply("get-immutable");
    Id160 other = Id160.fromHex("00".repeat(20));

    assertThatThrownBy(() -> ItemRules.verifiedItem(other, BBytes.EMPTY, immutable))
        .isInstanceOf(InvalidItemException.class)
        .hasMessage(
            "get reply for 0000000000000000000000000000000000000000:"
                + " v hashes to e5f96f6f38320f0f33959cb4d3d656452117aadb, not to the target");
  }

  @Test
  void verifiedItem_refusesAMutableItemUnderTheWrongSalt_orWithABadSignature() {
    Reply.Get mutable = recordedGetReply("get-mutable");
    Reply.Get forged =
        new Reply.Get(
            mutable.token(),
            mutable.nodes(),
            mutable.nodes6(),
            Optional.of(Bencoded.of(BBytes.utf8("Hello World?"))),
            mutable.key(),
            mutable.signature(),
            mutable.seq());

    assertThatThrownBy(() -> ItemRules.verifiedItem(STORED_SEQ_1.target(), BBytes.EMPTY, mutable))
        .hasMessageEndingWith(
            ": k and salt hash to 4a533d47ec9c7d95b1ad75f576cffc641853b750, not to the target");
    assertThatThrownBy(() -> ItemRules.verifiedItem(STORED_SEQ_1.target(), FOOBAR, forged))
        .isInstanceOf(InvalidItemException.class)
        .hasMessage(
            "get reply for 411eba73b6f087ca51a3795d9c8c938d365e32c1:"
                + " the signature of seq 1 does not verify with k");
  }

  private static Optional<MutableItem> stored(int seq) {
    if (seq == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new MutableItem(BEP44_KEY, FOOBAR, seq, HELLO, BEP44_SALTED_SIGNATURE)); // only seq counts
  }

  private static Query.Put recordedPut(String name) {
    return (Query.Put)
        ((KrpcQuery) CODEC.decode(LibtorrentDatagrams.named(name + "-query").bytes())).query();
  }

  private static Reply.Get recordedGetReply(String name) {
    KrpcQuery asked = (KrpcQuery) CODEC.decode(LibtorrentDatagrams.named(name + "-query").bytes());
    return (Reply.Get)
        CODEC
            .decodeResponse(
                asked.query(),
                (KrpcRawResponse)
                    CODEC.decode(LibtorrentDatagrams.named(name + "-response").bytes()))
            .reply();
  }

  @Test
  void everyRecordedPutRefusal_isCoveredAbove() {
    List<Integer> codes =
        LibtorrentDatagrams.all().stream()
            .filter(e -> e.name().startsWith("put") && e.kind().equals("error"))
            .map(LibtorrentDatagrams.Entry::code)
            .toList();
    assertThat(codes)
        .containsExactlyInAnyOrder(
            ErrorCode.MESSAGE_TOO_BIG.code(),
            ErrorCode.CAS_MISMATCH.code(),
            ErrorCode.INVALID_SIGNATURE.code(),
            ErrorCode.SALT_TOO_BIG.code(),
            ErrorCode.SEQUENCE_TOO_LOW.code());
  }
}
