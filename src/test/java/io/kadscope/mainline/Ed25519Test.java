package io.kadscope.mainline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.krpc.BBytes;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JDK's Ed25519 with raw 32-byte keys, checked against RFC 8032's test vectors. */
class Ed25519Test {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 section 7.1, tests 1 to 3: seed, public key, message, signature. */
  @ParameterizedTest(name = "RFC 8032 test {index}")
  @CsvSource({
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
        + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,"
        + "'',"
        + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
        + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,"
        + "72,"
        + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7,"
        + "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025,"
        + "af82,"
        + "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
  })
  void fromSeed_signsAsRfc8032Says(String seed, String publicKey, String message, String sig) {
    KeyPair keys = Ed25519.fromSeed(HEX.parseHex(seed));
    byte[] msg = HEX.parseHex(message);

    assertThat(Ed25519.rawPublicKey(keys.getPublic())).isEqualTo(BBytes.fromHex(publicKey));
    assertThat(Ed25519.sign(keys.getPrivate(), msg)).isEqualTo(BBytes.fromHex(sig));
    assertThat(Ed25519.verify(BBytes.fromHex(publicKey), msg, BBytes.fromHex(sig))).isTrue();
  }

  @Test
  void rawPublicKey_roundTripsThroughTheJdksEncoding() {
    KeyPair keys = Ed25519.generate(new SecureRandom());

    BBytes raw = Ed25519.rawPublicKey(keys.getPublic());

    assertThat(raw.length()).isEqualTo(32);
    assertThat(Ed25519.publicKey(raw)).isEqualTo(keys.getPublic());
  }

  @Test
  void verify_isFalseForATamperedMessageOrSignature() {
    KeyPair keys = Ed25519.generate(new SecureRandom());
    BBytes key = Ed25519.rawPublicKey(keys.getPublic());
    byte[] msg = "3:seqi1e1:v2:hi".getBytes();
    byte[] sig = Ed25519.sign(keys.getPrivate(), msg).toByteArray();

    byte[] otherMsg = msg.clone();
    otherMsg[5] = '2';
    sig[0] ^= 1;

    assertThat(Ed25519.verify(key, otherMsg, Ed25519.sign(keys.getPrivate(), msg))).isFalse();
    assertThat(Ed25519.verify(key, msg, BBytes.of(sig))).isFalse();
  }

  @Test
  void verify_isFalse_notAnException_forGarbageAPeerMightSend() {
    BBytes notAPoint = BBytes.fromHex("ff".repeat(32));
    BBytes shortKey = BBytes.fromHex("00".repeat(31));

    assertThat(Ed25519.verify(notAPoint, new byte[1], BBytes.of(new byte[64]))).isFalse();
    assertThat(Ed25519.verify(shortKey, new byte[1], BBytes.of(new byte[64]))).isFalse();
    assertThat(Ed25519.verify(notAPoint, new byte[1], BBytes.of(new byte[63]))).isFalse();
  }

  @Test
  void fromSeed_refusesASeedOfTheWrongSize() {
    assertThatThrownBy(() -> Ed25519.fromSeed(new byte[64]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an Ed25519 seed is 32 bytes, found 64");
  }
}
