package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line as a user meets it: real {@code java -jar} processes on 127.0.0.1, on free
 * ports, talking UDP. Every wait is on an output line with a timeout.
 */
class HeadlessPeerIT {
  private static final String LISTENING = "^Node ([0-9a-f]{40}) listening on 0\\.0\\.0\\.0:(\\d+)";

  @TempDir Path dir;

  /**
   * Failsafe sets {@code kadscope.jar} after {@code package}; a pattern such as {@code
   * -Dtest='io.kadscope.headless.**'} would otherwise run these in Surefire against a stale jar.
   */
  @BeforeAll
  static void onlyAgainstTheJarJustPackaged() {
    assumeTrue(
        System.getProperty("kadscope.jar") != null,
        "process-level tests run in failsafe (mvn verify), against the jar just packaged");
  }

  /** A started peer with its id and port, read from its first line. */
  private record Peer(PeerProcess process, String id, int port) {}

  /** Reads the peer's id and port from its first line; kills it if that line never comes. */
  private static Peer started(PeerProcess p) throws InterruptedException {
    try {
      Matcher m = p.awaitOut(LISTENING);
      return new Peer(p, m.group(1), Integer.parseInt(m.group(2)));
    } catch (AssertionError | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  private static Peer create(String name, String... extra) throws Exception {
    String[] args = new String[3 + extra.length];
    args[0] = "--headless";
    args[1] = "create";
    args[2] = "0";
    System.arraycopy(extra, 0, args, 3, extra.length);
    Peer p = started(PeerProcess.start(name, args));
    try {
      p.process().awaitOut("^Created a new network\\.");
    } catch (AssertionError e) {
      p.process().close();
      throw e;
    }
    return p;
  }

  /** A UDP port nobody listens on (bound, then released). */
  private static int deadPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void create_answersARealPingWithItsId() throws Exception {
    Peer seed = create("seed");
    try (PeerProcess s = seed.process();
        PeerProcess ping =
            PeerProcess.start("ping", "ping", "127.0.0.1", "" + seed.port(), "--timeout", "3")) {
      Matcher pong = ping.awaitOut("^pong from ([0-9a-f]{40}) at 127\\.0\\.0\\.1:\\d+ in \\d+ ms$");

      assertThat(ping.awaitExit()).isZero();
      assertThat(pong.group(1)).isEqualTo(seed.id());
    }
  }

  @Test
  void aHealthCheckPing_leavesNoContactInThePeerItPings() throws Exception {
    Peer seed = create("seed");
    try (PeerProcess s = seed.process()) {
      for (int i = 0; i < 2; i++) {
        try (PeerProcess ping =
            PeerProcess.start("ping", "ping", "127.0.0.1", "" + seed.port(), "--timeout", "3")) {
          ping.awaitOut("^pong from " + seed.id());
          assertThat(ping.awaitExit()).isZero();
        }
      }
      s.send("info");

      // the probe's request alone never enters the table: a contact counts once it answers ours
      s.awaitOut("^contacts\\s+0 in ");
    }
  }

  @Test
  void ping_ofAnAddressNobodyServesExitsOneWithAClearMessage() throws Exception {
    int dead = deadPort();
    try (PeerProcess ping =
        PeerProcess.start("ping", "ping", "127.0.0.1", "" + dead, "--timeout", "0.5")) {
      ping.awaitErr("^kadscope: no answer from 127\\.0\\.0\\.1:" + dead + " within 0\\.5 s$");

      assertThat(ping.awaitExit()).isEqualTo(1);
    }
  }

  @Test
  void joinByArgument_thenAValueSetOnOnePeerIsReceivedOnTheOther() throws Exception {
    Peer seed = create("seed");
    try (PeerProcess a = seed.process();
        PeerProcess b =
            PeerProcess.start("joiner", "--headless", "join", "127.0.0.1", "" + seed.port(), "0")) {
      Peer joiner = started(b);
      b.awaitOut("^Joined the network through 127\\.0\\.0\\.1:" + seed.port() + ": 1 contact\\.");

      b.send("set greeting hello from the joiner");
      b.awaitOut("^Stored greeting on 1 of the 1 closest peers and here$");
      a.awaitErr(
          "INFO  peer - stored key [0-9a-f]{40} = hello from the joiner from "
              + joiner.id().substring(0, 8)
              + "@127\\.0\\.0\\.1:"
              + joiner.port()
              + "$");
      a.send("get greeting");
      a.awaitOut("^Received value hello from the joiner$");
      a.send("get nobody-set-this");
      a.awaitOut("^Received value None$");
      a.send("frobnicate");
      a.awaitOut("^Unknown command 'frobnicate'\\. Usage: set <key> <value> \\| get <key>");

      a.send("q");
      b.send("quit");
      assertThat(a.awaitExit()).isZero();
      assertThat(b.awaitExit()).isZero();
    }
  }

  @Test
  void joinWithoutIp_joinsThePeerNamedByP2pRemoteHost() throws Exception {
    Peer seed = create("seed");
    try (PeerProcess a = seed.process();
        PeerProcess b =
            PeerProcess.start(
                "env-joiner",
                Map.of("P2P_REMOTE_HOST", "127.0.0.1"),
                "--headless",
                "join",
                "",
                "" + seed.port(),
                "0")) {
      b.awaitOut("^Joining 127\\.0\\.0\\.1 from P2P_REMOTE_HOST\\.$");
      b.awaitOut("^Joined the network through 127\\.0\\.0\\.1:" + seed.port() + ": 1 contact\\.");
      a.awaitErr("INFO  peer - contact added: ");
    }
  }

  @Test
  void joinWithEmptyP2pRemoteHost_createsANewNetworkAndSaysSo() throws Exception {
    try (PeerProcess p =
        PeerProcess.start(
            "lonely", Map.of("P2P_REMOTE_HOST", ""), "--headless", "join", "", "7123", "0")) {
      p.awaitOut(
          "^No ip given and P2P_REMOTE_HOST is empty: creating a new network instead of joining"
              + " one\\.$");
      started(p);
      p.awaitOut("^Created a new network\\.");
      p.send("q");
      assertThat(p.awaitExit()).isZero();
    }
  }

  @Test
  void aJoinNoSeedAnswers_saysWhomItTriedAndKeepsRunningAlone() throws Exception {
    int dead = deadPort();
    try (PeerProcess p =
        PeerProcess.start("orphan", "--headless", "join", "127.0.0.1", "" + dead, "0")) {
      Peer orphan = started(p);
      p.awaitOut(
          "^No seed answered \\(tried 127\\.0\\.0\\.1:"
              + dead
              + "\\): running alone, other peers can join this one; retrying every 30 s\\.$");
      try (PeerProcess ping = PeerProcess.start("ping", "ping", "127.0.0.1", "" + orphan.port())) {
        assertThat(ping.awaitExit()).isZero();
      }
    }
  }

  @Test
  void closedInput_leavesThePeerServingUntilSigtermStopsItCleanly() throws Exception {
    Path state = dir.resolve("detached.json");
    Peer detached = create("detached", "--state", state.toString());
    try (PeerProcess p = detached.process()) {
      p.closeInput();
      p.awaitOut("^Input closed: the peer keeps serving until it is stopped");

      try (PeerProcess ping =
          PeerProcess.start("ping", "ping", "127.0.0.1", "" + detached.port())) {
        ping.awaitOut("^pong from " + detached.id());
        assertThat(ping.awaitExit()).isZero();
      }
      assertThat(p.isAlive()).isTrue();

      p.terminate();
      p.awaitOut("^Stopped\\.$");
      assertThat(p.awaitExit()).isEqualTo(143);
      assertThat(Files.readString(state)).contains("\"id\": \"" + detached.id() + "\"");
    }
  }

  @ParameterizedTest
  @CsvSource({"TERM, 143", "INT, 130"})
  void aSignal_stopsThePeerCleanly_andItsLastLogLinesAreWritten(String signal, int exitCode)
      throws Exception {
    Path state = dir.resolve("signalled.json");
    Peer peer = create("signalled", "--state", state.toString());
    try (PeerProcess p = peer.process()) {
      p.signal(signal);

      p.awaitErr("INFO  HeadlessPeer - State saved to " + Pattern.quote(state.toString()));
      p.awaitErr("INFO  peer - node " + peer.id() + " stopped$");
      p.awaitOut("^Stopped\\.$");
      assertThat(p.awaitExit()).isEqualTo(exitCode);
    }
  }

  @Test
  void restartWithState_keepsTheIdAndTheValues() throws Exception {
    Path state = dir.resolve("peer.json");
    Peer first = create("first", "--state", state.toString());
    try (PeerProcess p = first.process()) {
      p.send("set --int answer 42");
      p.awaitOut("^Stored answer on this node only");
      p.send("q");
      assertThat(p.awaitExit()).isZero();
    }
    try (PeerProcess p =
        PeerProcess.start("second", "--headless", "create", "0", "--state", state.toString())) {
      Matcher m =
          p.awaitOut(LISTENING + " \\(restored from " + Pattern.quote(state.toString()) + "\\)$");
      assertThat(m.group(1)).isEqualTo(first.id());
      p.send("get answer");
      p.awaitOut("^Received value 42$");
      p.send("q");
      assertThat(p.awaitExit()).isZero();
    }
  }

  @Test
  void aHeadlessPeer_loadsNoJavaFxClass() throws Exception {
    try (PeerProcess p =
        PeerProcess.start(
            "classes", List.of("-verbose:class"), Map.of(), "--headless", "create", "0")) {
      p.awaitOut("^Created a new network\\.");
      p.send("q");
      p.awaitOut("^Stopped\\.$");
      assertThat(p.awaitExit()).isZero();

      assertThat(p.transcript())
          .contains("io.kadscope.headless.Console")
          .doesNotContain("javafx.", "io.kadscope.gui.", "io.kadscope.Visualiser");
    }
  }

  @Test
  void failuresAtStart_exitNonZeroWithOneLine() throws Exception {
    Peer seed = create("seed");
    try (PeerProcess a = seed.process();
        PeerProcess inUse = PeerProcess.start("in-use", "--headless", "create", "" + seed.port());
        PeerProcess unknown =
            PeerProcess.start(
                "unknown", "--headless", "join", "no-such-host.invalid", "7123", "0");
        PeerProcess bad = PeerProcess.start("bad", "--headless", "join", "127.0.0.1", "port")) {
      inUse.awaitErr(
          "^kadscope: cannot listen on UDP 0\\.0\\.0\\.0:"
              + seed.port()
              + ": Address already in use$");
      unknown.awaitErr("^kadscope: cannot resolve host 'no-such-host\\.invalid'$");
      bad.awaitErr(
          "^kadscope: Invalid value for positional parameter at index 1 \\(port\\): 'port' is not an int");

      assertThat(inUse.awaitExit()).isEqualTo(1);
      assertThat(unknown.awaitExit()).isEqualTo(1);
      assertThat(bad.awaitExit()).isEqualTo(2);
    }
  }
}
