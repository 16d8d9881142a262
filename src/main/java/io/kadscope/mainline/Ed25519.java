package io.kadscope.mainline;

import io.kadscope.krpc.BBytes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 as BEP 44 uses it, on the JDK's own implementation (Java 15+): raw 32-byte public keys as
 * they travel in {@code k}, 64-byte signatures in {@code sig}, and key pairs from a 32-byte seed
 * (RFC 8032's private key).
 *
 * <p>The JDK encodes public keys as X.509 SubjectPublicKeyInfo: a fixed 12-byte prefix naming
 * Ed25519, then the 32 raw bytes. This class adds and removes that prefix.
 *
 * <p>BEP 44's test vectors print a 64-byte "private key": that is the expanded form (the SHA-512 of
 * a seed, clamped) that libtorrent's ed25519 code keeps, from which the seed cannot be recovered;
 * the JDK signs from seeds only.
 */
public final class Ed25519 {
  /** Bytes of a raw public key. */
  public static final int PUBLIC_KEY_BYTES = 32;

  /** Bytes of a seed (RFC 8032's private key). */
  public static final int SEED_BYTES = 32;

  /** Bytes of a signature. */
  public static final int SIGNATURE_BYTES = 64;

  /** SEQUENCE { SEQUENCE { OID 1.3.101.112 (Ed25519) }, BIT STRING (33 bytes, 0 unused bits) }. */
  private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private static final String ALGORITHM = "Ed25519";

  private Ed25519() {}

  /** A new key pair from {@code random}. */
  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
      g.initialize(NamedParameterSpec.ED25519, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 15+ platform provides Ed25519", e);
    }
  }

  /**
   * The key pair of a 32-byte {@code seed}: the same seed gives the same keys and signatures on
   * every implementation (RFC 8032).
   */
  public static KeyPair fromSeed(byte[] seed) {
    if (seed.length != SEED_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 seed is " + SEED_BYTES + " bytes, found " + seed.length);
    }
    // The JDK derives the public key only while generating a pair, from the 32 bytes it draws:
    // hand it the seed as those bytes, then check that it used them.
    KeyPair pair = generate(new SeedRandom(seed));
    byte[] used = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
    if (!Arrays.equals(used, seed)) {
      throw new IllegalStateException("this JDK's Ed25519 generator did not take the given seed");
    }
    return pair;
  }

  /**
   * The JDK public key of 32 raw bytes.
   *
   * @throws IllegalArgumentException when {@code raw} is not 32 bytes
   */
  public static PublicKey publicKey(BBytes raw) {
    if (raw.length() != PUBLIC_KEY_BYTES) {
      throw new IllegalArgumentException(
          "an Ed25519 public key is " + PUBLIC_KEY_BYTES + " bytes, found " + raw.length());
    }
    byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + PUBLIC_KEY_BYTES);
    raw.copyTo(encoded, X509_PREFIX.length);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + raw.toHex(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java 15+ platform provides Ed25519", e);
    }
  }

  /** The 32 raw bytes of a JDK Ed25519 public key, as BEP 44's {@code k}. */
  public static BBytes rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null
        || encoded.length != X509_PREFIX.length + PUBLIC_KEY_BYTES
        || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return BBytes.of(encoded, X509_PREFIX.length, PUBLIC_KEY_BYTES);
  }

  /** The 64-byte signature of {@code message} by {@code key}. */
  public static BBytes sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(message);
      return BBytes.of(s.sign());
    } catch (java.security.InvalidKeyException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing in memory cannot fail", e);
    }
  }

  /**
   * Whether {@code signature} is the signature of {@code message} by the raw {@code publicKey};
   * false, not an exception, for a key or signature that is malformed, as a peer may send.
   */
  public static boolean verify(BBytes publicKey, byte[] message, BBytes signature) {
    if (publicKey.length() != PUBLIC_KEY_BYTES || signature.length() != SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(publicKey(publicKey));
      s.update(message);
      return s.verify(signature.toByteArray());
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return false; // not a point on the curve, or a malformed signature
    }
  }

  /** A "random" source that yields one seed: how the JDK is made to derive a seed's public key. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException(
            "expected a request for " + seed.length + " bytes, found " + bytes.length);
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
