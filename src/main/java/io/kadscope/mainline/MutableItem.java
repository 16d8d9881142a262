package io.kadscope.mainline;

import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.Query;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A BEP 44 mutable item: a value signed with an Ed25519 key, stored under the SHA-1 of the public
 * key and an optional salt, and replaced by a later item with a higher sequence number.
 *
 * <pre>{@code
 * MutableItem item = MutableItem.sign(keys, BBytes.utf8("foobar"), 1, Bencoded.of(value));
 * Query.Put put = item.toPut(token, OptionalLong.empty());
 * }</pre>
 *
 * <p>The signature covers {@link #signatureBuffer}: {@code 4:salt<len>:<salt>} (left out when the
 * salt is empty), {@code 3:seqi<seq>e}, {@code 1:v} and the bencoded value.
 */
public record MutableItem(BBytes publicKey, BBytes salt, long seq, Bencoded value, BBytes signature)
    implements Item {

  /** An item; sizes are checked (key 32 bytes, signature 64, salt and value within BEP 44). */
  public MutableItem {
    Objects.requireNonNull(value, "value");
    if (publicKey.length() != Ed25519.PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is 32 bytes, found " + publicKey.length());
    }
    if (signature.length() != Ed25519.SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 signature is 64 bytes, found " + signature.length());
    }
    if (salt.length() > MAX_SALT_BYTES) {
      throw new IllegalArgumentException(
          "a salt is at most " + MAX_SALT_BYTES + " bytes, found " + salt.length());
    }
    if (value.length() > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException(
          "an item's v is at most " + MAX_VALUE_BYTES + " bytes bencoded, found " + value.length());
    }
  }

  /** The item of {@code value} at sequence number {@code seq}, signed with {@code keys}. */
  public static MutableItem sign(KeyPair keys, BBytes salt, long seq, Bencoded value) {
    BBytes key = Ed25519.rawPublicKey(keys.getPublic());
    BBytes sig = Ed25519.sign(keys.getPrivate(), signatureBuffer(salt, seq, value));
    return new MutableItem(key, salt, seq, value, sig);
  }

  /** The mutable item a {@code put} carries (its signature not yet checked). */
  public static MutableItem of(Query.Put put) {
    Query.Put.Mutable m =
        put.mutable()
            .orElseThrow(() -> new IllegalArgumentException("an immutable put: no k, sig, seq"));
    return new MutableItem(m.key(), m.salt(), m.seq(), put.value(), m.signature());
  }

  /** The target of the mutable items of {@code publicKey} under {@code salt}: SHA-1(k ‖ salt). */
  public static Id160 targetOf(BBytes publicKey, BBytes salt) {
    byte[] buffer = new byte[publicKey.length() + salt.length()];
    publicKey.copyTo(buffer, 0);
    salt.copyTo(buffer, publicKey.length());
    return Id160.sha1(buffer);
  }

  /** The bytes an item's signature covers (BEP 44). */
  public static byte[] signatureBuffer(BBytes salt, long seq, Bencoded value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 + salt.length() + value.length());
    if (salt.length() > 0) {
      ascii("4:salt" + salt.length() + ":", out);
      out.writeBytes(salt.toByteArray());
    }
    ascii("3:seqi" + seq + "e1:v", out);
    out.writeBytes(value.toByteArray());
    return out.toByteArray();
  }

  private static void ascii(String s, ByteArrayOutputStream out) {
    out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public Id160 target() {
    return targetOf(publicKey, salt);
  }

  /** Whether {@link #signature()} is the key's signature of salt, seq and value. */
  public boolean hasValidSignature() {
    return Ed25519.verify(publicKey, signatureBuffer(salt, seq, value), signature);
  }

  /**
   * The {@code put} query of this item, with a token from the storing node's {@code get} reply, and
   * {@code cas}, the sequence number the put expects to replace, if any.
   */
  public Query.Put toPut(BBytes token, OptionalLong cas) {
    return new Query.Put(
        token, value, Optional.of(new Query.Put.Mutable(publicKey, signature, seq, salt, cas)));
  }
}
