package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.cli.CliException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerPlanTest {

  @Test
  void join_withAnIpJoinsItWhateverTheEnvironmentSays() {
    PeerPlan p = PeerPlan.join("10.0.0.2", 7000, 7001, Map.of("P2P_REMOTE_HOST", "node0")::get);

    assertThat(p).isEqualTo(new PeerPlan(Optional.of("10.0.0.2"), 7000, 7001, Optional.empty()));
  }

  @Test
  void join_withoutAnIpJoinsTheHostNamedByP2pRemoteHost() {
    PeerPlan p = PeerPlan.join(null, 7123, 7123, Map.of("P2P_REMOTE_HOST", " node0 ")::get);

    assertThat(p.host()).contains("node0");
    assertThat(p.notice()).contains("Joining node0 from P2P_REMOTE_HOST.");
  }

  @Test
  void join_withAnEmptyIpAlsoFallsBackToTheEnvironment() {
    assertThat(PeerPlan.join("", 7123, 0, Map.of("P2P_REMOTE_HOST", "node0")::get).host())
        .contains("node0");
  }

  @Test
  void join_withNeitherIpNorP2pRemoteHostCreatesAndSaysSo() {
    PeerPlan unset = PeerPlan.join(null, 7123, 7200, Map.<String, String>of()::get);
    PeerPlan empty = PeerPlan.join(null, 7123, 7200, Map.of("P2P_REMOTE_HOST", "")::get);

    assertThat(unset.joins()).isFalse();
    assertThat(unset.localPort()).isEqualTo(7200);
    assertThat(unset.notice())
        .contains(
            "No ip given and P2P_REMOTE_HOST is unset: creating a new network instead of joining"
                + " one.");
    assertThat(empty.joins()).isFalse();
    assertThat(empty.notice().orElseThrow()).contains("P2P_REMOTE_HOST is empty");
  }

  @Test
  void portsOutOfRange_areRefusedWithTheirName() {
    assertThatThrownBy(() -> PeerPlan.join("h", 0, 7123, k -> null))
        .isInstanceOf(CliException.class)
        .hasMessage("port must be a UDP port in 1..65535, found 0");
    assertThatThrownBy(() -> PeerPlan.create(70000))
        .isInstanceOf(CliException.class)
        .hasMessage("local_port must be a UDP port in 0..65535, found 70000");
  }

  @Test
  void remoteHostMayCarryAPort_whichWinsOverThePortArgument() {
    PeerPlan p = PeerPlan.join(null, 7123, 0, Map.of("P2P_REMOTE_HOST", "node0:7124")::get);
    assertThat(p.host()).contains("node0");
    assertThat(p.port()).isEqualTo(7124);

    PeerPlan v6 = PeerPlan.join(null, 7123, 0, Map.of("P2P_REMOTE_HOST", "[fd00::2]:7300")::get);
    assertThat(v6.host()).contains("fd00::2");
    assertThat(v6.port()).isEqualTo(7300);

    PeerPlan bare6 = PeerPlan.join(null, 7123, 0, Map.of("P2P_REMOTE_HOST", "fd00::2")::get);
    assertThat(bare6.host()).contains("fd00::2");
    assertThat(bare6.port()).isEqualTo(7123);
  }

  @Test
  void aRemoteHostWithABadPortIsRefusedWithTheValue() {
    assertThatThrownBy(
            () -> PeerPlan.join(null, 7123, 0, Map.of("P2P_REMOTE_HOST", "node0:99999")::get))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "P2P_REMOTE_HOST must be a host, host:port or [IPv6]:port (port 1..65535), found"
                + " 'node0:99999'");
  }

  @Test
  void theIpArgument_takesHostAndPortByTheSameRuleAsTheVariable() {
    PeerPlan p = PeerPlan.join("127.0.0.1:23001", null, 0, k -> null);

    assertThat(p).isEqualTo(new PeerPlan(Optional.of("127.0.0.1"), 23001, 0, Optional.empty()));
    assertThat(PeerPlan.join("[::1]:23001", null, 0, k -> null).host()).contains("::1");
    assertThat(PeerPlan.join("::1", null, 0, k -> null).port()).isEqualTo(7123);
  }

  @Test
  void aPortWrittenWithTheHost_winsOverAPortArgument_andTheNoticeSaysSo() {
    PeerPlan arg = PeerPlan.join("127.0.0.1:23001", 7124, 0, k -> null);
    PeerPlan env = PeerPlan.join(null, 7124, 0, Map.of("P2P_REMOTE_HOST", "node0:23001")::get);

    assertThat(arg.port()).isEqualTo(23001);
    assertThat(arg.notice())
        .contains("Port 23001 written in ip (127.0.0.1:23001) wins over the port argument 7124.");
    assertThat(env.port()).isEqualTo(23001);
    assertThat(env.notice())
        .contains(
            "Joining node0:23001 from P2P_REMOTE_HOST. Port 23001 written in P2P_REMOTE_HOST"
                + " (node0:23001) wins over the port argument 7124.");
  }

  @Test
  void aPortArgumentEqualToTheHostsPort_orWithoutOne_raisesNoNotice() {
    assertThat(PeerPlan.join("127.0.0.1:23001", 23001, 0, k -> null).notice()).isEmpty();
    assertThat(PeerPlan.join("127.0.0.1", 23001, 0, k -> null).port()).isEqualTo(23001);
    assertThat(PeerPlan.join("127.0.0.1", null, 0, k -> null).port()).isEqualTo(7123);
  }

  @Test
  void aMalformedHost_isAUsageErrorThatQuotesItEscaped() {
    assertThatThrownBy(() -> PeerPlan.join("node 0", null, 0, k -> null))
        .isInstanceOf(CliException.class)
        .hasMessage("ip must be a host, host:port or [IPv6]:port (port 1..65535), found 'node 0'");
    assertThatThrownBy(
            () -> PeerPlan.join(null, null, 0, Map.of("P2P_REMOTE_HOST", "a\u001b[2Jb")::get))
        .isInstanceOf(CliException.class)
        .hasMessageEndingWith("found 'a\\x1b[2Jb'")
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(CliException.USAGE);
    assertThatThrownBy(() -> PeerPlan.join("[::1", null, 0, k -> null))
        .hasMessageStartingWith("ip must be a host");
    assertThatThrownBy(() -> PeerPlan.join("host:", null, 0, k -> null))
        .hasMessageStartingWith("ip must be a host");
    assertThatThrownBy(() -> PeerPlan.join("x".repeat(300), null, 0, k -> null))
        .hasMessageContaining("(300 characters)");
  }
}
