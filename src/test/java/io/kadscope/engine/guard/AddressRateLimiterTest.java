package io.kadscope.engine.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.VirtualScheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AddressRateLimiterTest {
  private final VirtualScheduler time = new VirtualScheduler();

  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private AddressRateLimiter limiter(double perSecond, int burst) {
    return new AddressRateLimiter(perSecond, burst, time.clock(), Limits.DEFAULT::exempts);
  }

  private static int taken(AddressRateLimiter l, InetAddress ip, int tries) {
    int n = 0;
    for (int i = 0; i < tries; i++) {
      if (l.tryAcquire(ip)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void anAddressGetsItsBurstAtOnce_thenTheRate() {
    AddressRateLimiter l = limiter(10, 50);
    InetAddress a = ip("10.0.0.1");

    assertThat(taken(l, a, 200)).isEqualTo(50);
    time.advance(Duration.ofSeconds(2));
    assertThat(taken(l, a, 200)).isEqualTo(20);
    time.advance(Duration.ofHours(1));
    assertThat(taken(l, a, 200)).as("refilled to the burst, no more").isEqualTo(50);
  }

  @Test
  void eachAddressHasItsOwnBucket() {
    AddressRateLimiter l = limiter(1, 5);

    assertThat(taken(l, ip("10.0.0.1"), 10)).isEqualTo(5);
    assertThat(taken(l, ip("10.0.0.2"), 10)).isEqualTo(5);
  }

  @Test
  void anIpv6Subnet_sharesOneBucket_asOneSiteCanUseAnyAddressInIt() {
    AddressRateLimiter l = limiter(1, 5);

    assertThat(taken(l, ip("2001:db8:1:2::1"), 3) + taken(l, ip("2001:db8:1:2::ffff:9"), 10))
        .isEqualTo(5);
    assertThat(taken(l, ip("2001:db8:1:3::1"), 10)).isEqualTo(5);
  }

  @Test
  void loopbackIsExemptByDefault_butNotWhenTheLimitsSaySo() {
    AddressRateLimiter exempt = limiter(1, 5);
    AddressRateLimiter strict =
        new AddressRateLimiter(
            1, 5, time.clock(), Limits.DEFAULT.withLoopbackExempt(false)::exempts);

    assertThat(taken(exempt, ip("127.0.0.1"), 1000)).isEqualTo(1000);
    assertThat(taken(exempt, ip("::1"), 1000)).isEqualTo(1000);
    assertThat(taken(strict, ip("127.0.0.1"), 1000)).isEqualTo(5);
  }

  @Test
  void manyForgedAddresses_keepTheTableBounded_andThoseBeyondShareOneBucket() {
    AddressRateLimiter l = limiter(1, 2);
    int addresses = AddressRateLimiter.MAX_TRACKED + 5_000;
    int taken = 0;
    for (int i = 0; i < addresses; i++) {
      InetAddress a = ip("10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff));
      taken += taken(l, a, 3);
    }

    assertThat(l.tracked()).isLessThanOrEqualTo(AddressRateLimiter.MAX_TRACKED);
    assertThat(taken)
        .as("2 each for the tracked, 2 for all the others together")
        .isEqualTo(2 * AddressRateLimiter.MAX_TRACKED + 2);
  }

  @Test
  void bucketsThatRefilledAreForgotten_makingRoomForNewAddresses() {
    AddressRateLimiter l = limiter(100, 2);
    for (int i = 0; i < AddressRateLimiter.MAX_TRACKED; i++) {
      l.tryAcquire(ip("10.1." + ((i >> 8) & 0xff) + "." + (i & 0xff)));
    }
    time.advance(Duration.ofSeconds(5));

    assertThat(taken(l, ip("10.200.0.1"), 5)).isEqualTo(2);
    assertThat(l.tracked()).isLessThan(AddressRateLimiter.MAX_TRACKED);
  }

  @Test
  void anInfiniteRate_limitsNothing() {
    AddressRateLimiter l = limiter(Double.POSITIVE_INFINITY, 1);

    assertThat(l.isUnlimited()).isTrue();
    assertThat(taken(l, ip("10.0.0.1"), 10_000)).isEqualTo(10_000);
  }

  @Test
  void aRateThatIsNotPositive_isRefusedSayingWhatWasFound() {
    assertThatThrownBy(() -> limiter(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a rate limit needs a positive rate and a burst of at least 1, found 0.0/s and 5");
  }
}
