package io.kadscope.mainline;

import io.kadscope.krpc.BBytes;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The write tokens a node hands out in {@code get_peers} and {@code get} replies and checks in
 * {@code announce_peer} and {@code put} (BEP 5): a token is the SHA-1 of a secret and the
 * requester's IP, cut to {@link #TOKEN_BYTES}. The secret changes at the end of every {@link
 * #ROTATION} period, counted from the issuer's creation, and the previous one is still accepted: a
 * token issued in one period is good to the end of the next, 5 to 10 minutes, from that IP only.
 *
 * <pre>{@code
 * TokenIssuer tokens = new TokenIssuer(clock, new SecureRandom());
 * BBytes token = tokens.issue(requester.getAddress());          // in the get_peers reply
 * boolean ok = tokens.accepts(announce.token(), sender.getAddress());
 * }</pre>
 *
 * <p>Time comes from the injected clock; a clock that steps back never rotates. Thread-safe.
 */
public final class TokenIssuer {
  /** How often the secret changes: BEP 5's "changes every five minutes". */
  public static final Duration ROTATION = Duration.ofMinutes(5);

  /** Bytes of a token: libtorrent sends 4; 8 make a guessed token a 1 in 2^64 chance. */
  public static final int TOKEN_BYTES = 8;

  /** Bytes of a secret. */
  static final int SECRET_BYTES = 20;

  private final Clock clock;
  private final RandomGenerator random;
  private final Instant start;
  private byte[] current;
  private byte[] previous;
  private long period;

  /** An issuer on {@code clock}, drawing secrets from {@code random} (a SecureRandom in use). */
  public TokenIssuer(Clock clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.current = newSecret();
    this.previous = newSecret();
    this.start = clock.instant();
  }

  /** The token for a requester at {@code ip}. */
  public synchronized BBytes issue(InetAddress ip) {
    rotate();
    return BBytes.of(token(current, ip));
  }

  /** Whether {@code token} is one this issuer gave {@code ip} within the last two rotations. */
  public synchronized boolean accepts(BBytes token, InetAddress ip) {
    rotate();
    byte[] t = token.toByteArray();
    return MessageDigest.isEqual(t, token(current, ip))
        || MessageDigest.isEqual(t, token(previous, ip));
  }

  private void rotate() {
    long now = Duration.between(start, clock.instant()).toMillis() / ROTATION.toMillis();
    if (now == period + 1) {
      previous = current;
      current = newSecret();
      period = now;
    } else if (now > period + 1) {
      previous = newSecret(); // both secrets are too old: no earlier token stays good
      current = newSecret();
      period = now;
    }
  }

  private byte[] newSecret() {
    byte[] s = new byte[SECRET_BYTES];
    random.nextBytes(s);
    return s;
  }

  private static byte[] token(byte[] secret, InetAddress ip) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(secret);
      sha1.update(ip.getAddress());
      return Arrays.copyOf(sha1.digest(), TOKEN_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-1", e);
    }
  }
}
