package io.kadscope.mainline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.BDict;
import io.kadscope.krpc.BInt;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.Query;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** BEP 44 items: targets, the signed buffer and signatures, against the BEP's test vectors. */
class ItemsTest {
  static final BBytes BEP44_KEY =
      BBytes.fromHex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548");
  static final BBytes BEP44_SIGNATURE =
      BBytes.fromHex(
          "305ac8aeb6c9c151fa120f120ea2cfb923564e11552d06a5d856091e5e853cff"
              + "1260d3f39e4999684aa92eb73ffd136e6f4f3ecbfda0ce53a1608ecd7ae21f01");
  static final BBytes BEP44_SALTED_SIGNATURE =
      BBytes.fromHex(
          "6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17d"
              + "df9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08");
  static final Bencoded HELLO = Bencoded.of(BBytes.utf8("Hello World!"));
  static final BBytes FOOBAR = BBytes.utf8("foobar");

  @Test
  void immutableTarget_isBep44sTestVector3() {
    assertThat(new ImmutableItem(HELLO).target())
        .isEqualTo(Id160.fromHex("e5f96f6f38320f0f33959cb4d3d656452117aadb"));
  }

  @Test
  void signatureBuffer_isBep44s_withAndWithoutSalt() {
    assertThat(text(MutableItem.signatureBuffer(BBytes.EMPTY, 1, HELLO)))
        .isEqualTo("3:seqi1e1:v12:Hello World!");
    assertThat(text(MutableItem.signatureBuffer(FOOBAR, 1, HELLO)))
        .isEqualTo("4:salt6:foobar3:seqi1e1:v12:Hello World!");
  }

  @Test
  void mutableTest1_targetAndPublishedSignatureVerify() {
    MutableItem item = new MutableItem(BEP44_KEY, BBytes.EMPTY, 1, HELLO, BEP44_SIGNATURE);

    assertThat(item.target()).isEqualTo(Id160.fromHex("4a533d47ec9c7d95b1ad75f576cffc641853b750"));
    assertThat(item.hasValidSignature()).isTrue();
  }

  @Test
  void mutableTest2_withSalt_targetAndPublishedSignatureVerify() {
    MutableItem item = new MutableItem(BEP44_KEY, FOOBAR, 1, HELLO, BEP44_SALTED_SIGNATURE);

    assertThat(item.target()).isEqualTo(Id160.fromHex("411eba73b6f087ca51a3795d9c8c938d365e32c1"));
    assertThat(item.hasValidSignature()).isTrue();
  }

  @Test
  void publishedSignatures_doNotVerifyForAnotherSeqSaltOrValue() {
    assertThat(
            new MutableItem(BEP44_KEY, BBytes.EMPTY, 2, HELLO, BEP44_SIGNATURE).hasValidSignature())
        .isFalse();
    assertThat(new MutableItem(BEP44_KEY, FOOBAR, 1, HELLO, BEP44_SIGNATURE).hasValidSignature())
        .isFalse();
    Bencoded other = Bencoded.of(BBytes.utf8("Hello World?"));
    assertThat(
            new MutableItem(BEP44_KEY, FOOBAR, 1, other, BEP44_SALTED_SIGNATURE)
                .hasValidSignature())
        .isFalse();
  }

  @Test
  void sign_makesAnItemThatVerifies_andWhosePutCarriesIt() {
    KeyPair keys = Ed25519.generate(new SecureRandom());
    Bencoded value = Bencoded.of(BDict.builder().put("n", new BInt(7)).build());

    MutableItem item = MutableItem.sign(keys, FOOBAR, 42, value);
    Query.Put put = item.toPut(BBytes.utf8("tok"), OptionalLong.of(41));

    assertThat(item.hasValidSignature()).isTrue();
    assertThat(item.target())
        .isEqualTo(MutableItem.targetOf(Ed25519.rawPublicKey(keys.getPublic()), FOOBAR));
    assertThat(MutableItem.of(put)).isEqualTo(item);
    assertThat(put.mutable().orElseThrow().cas()).isEqualTo(OptionalLong.of(41));
  }

  @Test
  void items_refuseValuesAndSaltsOverBep44sLimits() {
    Bencoded big = Bencoded.of(BBytes.of(new byte[997])); // "997:" + 997 bytes = 1001
    Bencoded fits = Bencoded.of(BBytes.of(new byte[996])); // 1000 bytes

    assertThat(new ImmutableItem(fits).value().length()).isEqualTo(1000);
    assertThatThrownBy(() -> new ImmutableItem(big))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an item's v is at most 1000 bytes bencoded, found 1001");
    assertThatThrownBy(
            () -> new MutableItem(BEP44_KEY, BBytes.of(new byte[65]), 1, HELLO, BEP44_SIGNATURE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a salt is at most 64 bytes, found 65");
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
