package io.kadscope.engine.rpc;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An item that {@link RpcKind#GET_ITEM} and {@link RpcKind#PUT_ITEM} carry: its value, as the bytes
 * its protocol encodes it in, and for a signed (mutable) item the signer's public key, the salt,
 * the sequence number and the signature. The engine carries these bytes and never looks inside:
 * what they mean, and whether a signature holds, is the protocol's to check.
 *
 * @param value the encoded value
 * @param signed the signature and what it covers, for a mutable item
 */
public record ItemData(byte[] value, Optional<Signed> signed) {
  public ItemData {
    value = Objects.requireNonNull(value, "value").clone();
    Objects.requireNonNull(signed, "signed");
  }

  /** An immutable item: a value only. */
  public static ItemData immutable(byte[] value) {
    return new ItemData(value, Optional.empty());
  }

  /** A copy of the encoded value. */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The number of bytes of the encoded value. */
  public int length() {
    return value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemData d && Arrays.equals(value, d.value) && signed.equals(d.signed);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(value) + signed.hashCode();
  }

  @Override
  public String toString() {
    return "ItemData["
        + HexFormat.of().formatHex(value)
        + signed.map(s -> ", " + s).orElse("")
        + "]";
  }

  /**
   * What makes an item mutable: the signer's {@code publicKey}, the {@code salt} (empty when there
   * is none, and in answers, which do not repeat it), the sequence number {@code seq} and the
   * {@code signature} over salt, seq and value.
   */
  public record Signed(byte[] publicKey, byte[] salt, long seq, byte[] signature) {
    public Signed {
      publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
      salt = Objects.requireNonNull(salt, "salt").clone();
      signature = Objects.requireNonNull(signature, "signature").clone();
    }

    /** A copy of the public key. */
    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    /** A copy of the salt. */
    @Override
    public byte[] salt() {
      return salt.clone();
    }

    /** A copy of the signature. */
    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signed s
          && seq == s.seq
          && Arrays.equals(publicKey, s.publicKey)
          && Arrays.equals(salt, s.salt)
          && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(
          Arrays.hashCode(publicKey), Arrays.hashCode(salt), seq, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
      HexFormat hex = HexFormat.of();
      return "Signed[key="
          + hex.formatHex(publicKey)
          + ", salt="
          + hex.formatHex(salt)
          + ", seq="
          + seq
          + ", sig="
          + hex.formatHex(signature)
          + "]";
    }
  }
}
