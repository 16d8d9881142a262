package io.kadscope.transport;

import io.kadscope.wire.MessageId;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Unpredictable 20-byte message ids (and KRPC's shorter transaction ids), cheaply: bytes of the
 * JDK's DRBG (NIST SP 800-90A, Hash_DRBG over SHA-256), drawn a kilobyte at a time and cut into
 * ids. A peer that cannot guess an id cannot forge an answer even when it can forge the source
 * address. Not thread-safe; one per event loop user.
 *
 * <p>The DRBG is in the JDK's first provider. The AES-CTR keystream used before went through
 * javax.crypto, whose first use in a process walks the providers (loading the elliptic-curve one)
 * and reads the crypto policy files: 27-40 ms of every start of a peer or of the health check's
 * ping, against 11-12 ms for the DRBG. Its bytes cost about 3.4 µs a kilobyte here, 70 ns an id.
 */
final class MessageIdSource {
  private static final int REFILL_BYTES = 1020; // 51 ids per draw

  /**
   * One generator for the process: it is thread-safe, and every source draws bytes of its own from
   * it, so no two sources share any.
   */
  private static final SecureRandom STREAM = generator();

  private final byte[] stream = new byte[REFILL_BYTES];
  private int position = REFILL_BYTES;

  private static SecureRandom generator() {
    try {
      return SecureRandom.getInstance(
          "DRBG", DrbgParameters.instantiation(128, DrbgParameters.Capability.NONE, null));
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom(); // a platform without the DRBG: its default strong generator
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
      STREAM.nextBytes(stream);
      position = 0;
    }
  }
}
