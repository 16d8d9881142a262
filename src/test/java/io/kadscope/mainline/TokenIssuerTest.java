package io.kadscope.mainline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.krpc.BBytes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Write tokens: good from the IP they were given to, for the current and the previous secret. */
class TokenIssuerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
  private final TokenIssuer tokens = new TokenIssuer(clock, new SplittableRandom(7));
  private final InetAddress alice = address("198.51.100.7");
  private final InetAddress bob = address("2001:db8::b0b");

  private static InetAddress address(String ip) {
    try {
      return InetAddress.getByName(ip);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void aToken_isAcceptedFromItsIp_only() {
    BBytes token = tokens.issue(alice);

    assertThat(token.length()).isEqualTo(TokenIssuer.TOKEN_BYTES);
    assertThat(tokens.accepts(token, alice)).isTrue();
    assertThat(tokens.accepts(token, bob)).isFalse();
  }

  @Test
  void aToken_survivesOneRotation_butNotTwo() {
    BBytes token = tokens.issue(alice);

    clock.advance(TokenIssuer.ROTATION.plusSeconds(1));
    assertThat(tokens.accepts(token, alice)).isTrue();

    clock.advance(TokenIssuer.ROTATION);
    assertThat(tokens.accepts(token, alice)).isFalse();
  }

  @Test
  void aTokenIssuedLateInAPeriod_isGoodToTheEndOfTheNext() {
    clock.advance(TokenIssuer.ROTATION.minusSeconds(1));
    BBytes token = tokens.issue(alice);

    clock.advance(TokenIssuer.ROTATION); // 9:59 since the start, in the second period
    assertThat(tokens.accepts(token, alice)).isTrue();
    clock.advance(Duration.ofSeconds(1)); // 10:00, the third period
    assertThat(tokens.accepts(token, alice)).isFalse();
  }

  @Test
  void aLongSilence_retiresBothSecrets() {
    BBytes token = tokens.issue(alice);

    clock.advance(Duration.ofHours(1));

    assertThat(tokens.accepts(token, alice)).isFalse();
    assertThat(tokens.accepts(tokens.issue(alice), alice)).isTrue();
  }

  @Test
  void tokensChangeWithTheSecret() {
    BBytes first = tokens.issue(alice);
    clock.advance(TokenIssuer.ROTATION);

    assertThat(tokens.issue(alice)).isNotEqualTo(first);
  }

  @Test
  void aClockThatStepsBack_keepsTokensGood() {
    clock.advance(Duration.ofMinutes(3));
    BBytes token = tokens.issue(alice);

    clock.advance(Duration.ofMinutes(-30));

    assertThat(tokens.accepts(token, alice)).isTrue();
  }

  @Test
  void aForgedToken_isRefused() {
    assertThat(tokens.accepts(BBytes.utf8("12345678"), alice)).isFalse();
    assertThat(tokens.accepts(BBytes.EMPTY, alice)).isFalse();
  }
}
