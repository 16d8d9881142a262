package io.kadscope.mainline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The external address peers agree on: several reporters, a majority, one vote each. */
class ExternalAddressVoterTest {
  private static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static InetAddress reporter(int n) {
    return ip("198.51.100." + n);
  }

  private static final InetAddress US = ip("203.0.113.5");
  private static final InetAddress LIE = ip("192.0.2.66");

  @Test
  void fiveReportersWhoAgree_decide() {
    ExternalAddressVoter v = new ExternalAddressVoter();
    for (int i = 1; i < ExternalAddressVoter.MIN_VOTES; i++) {
      assertThat(v.vote(reporter(i), US)).as("after %d votes", i).isEmpty();
    }

    assertThat(v.vote(reporter(5), US)).contains(US);
  }

  @Test
  void oneReporter_votesOnce_howeverOftenItAnswers() {
    ExternalAddressVoter v = new ExternalAddressVoter();
    for (int i = 0; i < 20; i++) {
      v.vote(reporter(1), LIE);
    }

    assertThat(v.majority()).isEmpty();
    assertThat(v.voters()).isEqualTo(1);
  }

  @Test
  void aFewLiars_doNotWin_andWithoutAMajorityNobodyDoes() {
    ExternalAddressVoter v = new ExternalAddressVoter();
    for (int i = 1; i <= 6; i++) {
      v.vote(reporter(i), US);
    }
    for (int i = 7; i <= 11; i++) {
      v.vote(reporter(i), LIE);
    }
    assertThat(v.majority()).contains(US);

    v.vote(reporter(12), LIE);

    assertThat(v.majority()).as("6 against 6").isEmpty();
  }

  @Test
  void onlyTheLatestReporters_count() {
    ExternalAddressVoter v = new ExternalAddressVoter();
    for (int i = 1; i <= ExternalAddressVoter.WINDOW; i++) {
      v.vote(reporter(i), LIE);
    }
    for (int i = 101; i < 101 + ExternalAddressVoter.WINDOW; i++) {
      v.vote(reporter(i), US);
    }

    assertThat(v.voters()).isEqualTo(ExternalAddressVoter.WINDOW);
    assertThat(v.majority()).isEqualTo(Optional.of(US));
  }
}
