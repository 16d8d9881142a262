package io.kadscope.transport;

import io.kadscope.wire.MessageId;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unpredictable 20-byte message ids (and KRPC's shorter transaction ids), cheaply: an AES-CTR
 * keystream under a random key, cut into ids. A peer that cannot guess an id cannot forge an answer
 * even when it can forge the source address. Not thread-safe; one per event loop user.
 */
final class MessageIdSource {
  private static final int REFILL_BYTES = 1020; // 51 ids per AES call

  private static final String TRANSFORMATION = "AES/CTR/NoPadding";

  /**
   * Seeds every source's key and counter: one generator for the process (it is thread-safe) instead
   * of one made for each port.
   */
  private static final SecureRandom SEEDS = new SecureRandom();

  /**
   * The provider of AES/CTR, looked up once: a lookup by name walks every installed provider's
   * services, which made it most of the cost of a port's start (256 ports in a W1 boot).
   */
  private static final Provider AES_CTR = aesCtrProvider();

  private final Cipher cipher;
  private final byte[] zeros = new byte[REFILL_BYTES];
  private final byte[] stream = new byte[REFILL_BYTES];
  private int position = REFILL_BYTES;

  MessageIdSource() {
    byte[] key = new byte[16];
    byte[] iv = new byte[16];
    SEEDS.nextBytes(key);
    SEEDS.nextBytes(iv);
    try {
      cipher = Cipher.getInstance(TRANSFORMATION, AES_CTR);
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has AES/CTR", e);
    }
  }

  private static Provider aesCtrProvider() {
    try {
      return Cipher.getInstance(TRANSFORMATION).getProvider();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has AES/CTR", e);
    }
  }

  MessageId next() {
    refillFor(MessageId.BYTES);
    MessageId id = MessageId.of(stream, position);
    position += MessageId.BYTES;
    return id;
  }

  /** The next {@code n} unpredictable bytes (at most 1020), for ids of other lengths. */
  byte[] nextBytes(int n) {
    refillFor(n);
    byte[] out = new byte[n];
    System.arraycopy(stream, position, out, 0, n);
    position += n;
    return out;
  }

  private void refillFor(int n) {
    if (position + n > REFILL_BYTES) {
      try {
        cipher.update(zeros, 0, REFILL_BYTES, stream, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the keystream buffer is sized for the input", e);
      }
      position = 0;
    }
  }
}
