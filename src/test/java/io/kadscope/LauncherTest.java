package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.Lines;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against nodes on an in-memory network (the real UDP runs in the *IT tests). */
class LauncherTest {
  private final InMemoryNetwork network = new InMemoryNetwork();
  private final NodeFactory factory = network.factory(Duration.ofMillis(300));
  private final Lines out = new Lines();
  private final Lines err = new Lines();

  @AfterEach
  void stop() {
    network.shutdown();
  }

  private int run(Map<String, String> env, String input, String... args) {
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    return new Launcher(() -> factory, env, in, out.stream(), err.stream()).execute(args);
  }

  @Test
  void headlessCreate_runsTheConsoleUntilQuitAndExitsZero() {
    int code = run(Map.of(), "set greeting hello\nget greeting\nq\n", "--headless", "create", "0");

    assertThat(code).isZero();
    assertThat(out.all())
        .contains(
            "Created a new network. Type 'help' for the console's commands.",
            "Stored greeting on this node only (no other peer known)",
            "Received value hello",
            "Stopped.");
    assertThat(network.openPorts()).isZero();
  }

  @Test
  void headlessMayAlsoFollowTheCommand() {
    int code = run(Map.of(), "q\n", "create", "0", "--headless");

    assertThat(code).isZero();
    assertThat(out.all())
        .contains("Created a new network. Type 'help' for the console's commands.");
  }

  @Test
  void join_withEmptyP2pRemoteHostCreatesAndSaysSo() {
    int code = run(Map.of("P2P_REMOTE_HOST", ""), "q\n", "--headless", "join", "", "7123", "0");

    assertThat(code).isZero();
    assertThat(out.all())
        .startsWith(
            "No ip given and P2P_REMOTE_HOST is empty: creating a new network instead of joining"
                + " one.");
  }

  @Test
  void join_throughP2pRemoteHostJoinsThatPeer() {
    KademliaNode seed = factory.create(new InetSocketAddress(0));
    seed.start();
    try {
      int code =
          run(
              Map.of("P2P_REMOTE_HOST", "127.0.0.1"),
              "q\n",
              "--headless",
              "join",
              "",
              "" + seed.address().getPort(),
              "0");

      assertThat(code).isZero();
      assertThat(out.all())
          .contains(
              "Joining 127.0.0.1 from P2P_REMOTE_HOST.",
              "Joining through 127.0.0.1:" + seed.address().getPort() + " ...");
    } finally {
      seed.stop();
    }
  }

  @Test
  void anUnresolvableHost_exitsOneWithAOneLineMessage() {
    int code = run(Map.of(), "", "--headless", "join", "no-such-host.invalid", "7123", "0");

    assertThat(code).isEqualTo(1);
    assertThat(err.all()).containsExactly("kadscope: cannot resolve host 'no-such-host.invalid'");
  }

  @Test
  void aPortInUse_exitsOneAndNamesTheAddress() {
    KademliaNode other = factory.create(new InetSocketAddress(46_000));
    try {
      int code = run(Map.of(), "", "--headless", "create", "46000");

      assertThat(code).isEqualTo(1);
      assertThat(err.all())
          .singleElement()
          .asString()
          .isEqualTo("kadscope: cannot listen on 0.0.0.0:46000: address in use");
    } finally {
      other.stop();
    }
  }

  @Test
  void badArguments_exitTwoWithAOneLineMessage() {
    assertThat(run(Map.of(), "", "--headless", "create", "notaport")).isEqualTo(2);
    assertThat(run(Map.of(), "", "--headless", "create", "70000")).isEqualTo(2);
    assertThat(run(Map.of(), "", "--headless")).isEqualTo(2);
    assertThat(run(Map.of(), "", "--no-such-option")).isEqualTo(2);

    assertThat(err.all().stream().filter(l -> l.startsWith("kadscope: ")))
        .containsExactly(
            "kadscope: Invalid value for positional parameter at index 0 (local_port): 'notaport'"
                + " is not an int (see --help)",
            "kadscope: local_port must be a UDP port in 0..65535, found 70000",
            "kadscope: --headless needs a command: create [local_port] or join [ip] [port]"
                + " [local_port]",
            "kadscope: Unknown option: '--no-such-option' (see --help)");
    assertThat(err.all().stream().filter(l -> l.startsWith("Usage: ")))
        .hasSize(4)
        .satisfiesExactly(
            l -> assertThat(l).startsWith("Usage: kadscope create [-hV] [--headless]"),
            l -> assertThat(l).startsWith("Usage: kadscope create [-hV] [--headless]"),
            l -> assertThat(l).startsWith("Usage: kadscope [-hV] [--headless]"),
            l -> assertThat(l).startsWith("Usage: kadscope [-hV] [--headless]"));
  }

  @Test
  void anUnknownLogLevel_exitsTwoWithTheLevelsAndAUsageLine_notAStackTrace() {
    int code = run(Map.of(), "", "--log-level", "LOUD", "--headless", "create", "0");

    assertThat(code).isEqualTo(2);
    assertThat(err.all())
        .first()
        .isEqualTo(
            "kadscope: --log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF; found"
                + " 'LOUD' (see --help)");
    assertThat(err.all()).element(1).asString().startsWith("Usage: kadscope create ");
    assertThat(String.join("\n", err.all())).doesNotContain("Exception", "\tat ");
    assertThat(out.all()).isEmpty();
  }

  @Test
  void join_takesHostColonPortAsTheSeed_asP2pRemoteHostDoes() {
    KademliaNode seed = factory.create(new InetSocketAddress(0));
    seed.start();
    try {
      int port = seed.address().getPort();
      int code = run(Map.of(), "q\n", "--headless", "join", "127.0.0.1:" + port);

      assertThat(code).isZero();
      assertThat(out.all()).contains("Joining through 127.0.0.1:" + port + " ...");
      assertThat(err.all()).isEmpty();
    } finally {
      seed.stop();
    }
  }

  @Test
  void join_withAPortInTheHostAndAnotherAsArgument_saysWhichPortWon() {
    KademliaNode seed = factory.create(new InetSocketAddress(0));
    seed.start();
    try {
      int port = seed.address().getPort();
      int code = run(Map.of(), "q\n", "--headless", "join", "127.0.0.1:" + port, "7124", "0");

      assertThat(code).isZero();
      assertThat(out.all())
          .contains(
              "Port "
                  + port
                  + " written in ip (127.0.0.1:"
                  + port
                  + ") wins over the port argument 7124.",
              "Joining through 127.0.0.1:" + port + " ...");
    } finally {
      seed.stop();
    }
  }

  @Test
  void stateOnADirectory_exitsOneSayingSo_andLeavesTheDirectoryAlone(@TempDir Path dir)
      throws Exception {
    Path d = Files.createDirectory(dir.resolve("somewhere"));
    Files.writeString(d.resolve("mine.txt"), "keep me");

    int code = run(Map.of(), "q\n", "--headless", "create", "0", "--state", d.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.all())
        .containsExactly(
            "kadscope: the state file "
                + d
                + " is a directory; --state names the file to keep the state in");
    assertThat(d.resolve("mine.txt")).hasContent("keep me");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("somewhere");
    }
    assertThat(network.openPorts()).isZero();
  }

  @Test
  void stateWhereItCannotBeWritten_exitsOneAtStart_notAtStop(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path state = file.resolve("node.json");

    int code = run(Map.of(), "q\n", "--headless", "create", "0", "--state", state.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.all())
        .singleElement()
        .asString()
        .startsWith("kadscope: the state file " + state + " cannot be created: ");
    assertThat(out.all()).isEmpty();
  }

  @Test
  void quotaOptions_reachTheNode_andInfoShowsThem() {
    int code =
        run(
            Map.of(),
            "set k v\ninfo\nq\n",
            "--headless",
            "create",
            "0",
            "--max-keys",
            "500",
            "--max-store-bytes",
            "64k",
            "--contacts-per-address",
            "3");

    assertThat(code).isZero();
    assertThat(out.all())
        .contains(
            "quota     1 of 500 keys, 6 of 65536 bytes; 3 contacts per address in a bucket"
                + " (loopback exempt)");
  }

  @Test
  void badQuotaOptions_exitTwoNamingTheOption() {
    assertThat(run(Map.of(), "", "--headless", "create", "0", "--max-keys", "0")).isEqualTo(2);
    assertThat(run(Map.of(), "", "--headless", "create", "0", "--max-store-bytes", "lots"))
        .isEqualTo(2);
    assertThat(run(Map.of(), "", "--headless", "create", "0", "--save-every", "-1")).isEqualTo(2);
    assertThat(run(Map.of(), "", "create", "0", "--max-keys", "10")).isEqualTo(2);

    assertThat(err.all().stream().filter(l -> l.startsWith("kadscope: ")))
        .containsExactly(
            "kadscope: --max-keys must be at least 1, found 0",
            "kadscope: --max-store-bytes expects a positive size in bytes such as 1048576, 512k,"
                + " 32m or 1g, found 'lots'",
            "kadscope: --save-every must be a number of seconds from 0.01 to a year, found -1.0",
            "kadscope: --max-keys, --max-store-bytes, --contacts-per-address and --save-every work"
                + " with --headless peers only");
  }

  @Test
  void theVisualisersNetworkOptions_areCheckedBeforeAnyWindowOpens() {
    assertThat(run(Map.of(), "", "--sim-peers", "50")).isEqualTo(2);
    assertThat(run(Map.of(), "", "--local", "--sim-peers", "2000")).isEqualTo(2);
    assertThat(run(Map.of(), "", "--peers", "-1")).isEqualTo(2);

    assertThat(err.all().stream().filter(l -> l.startsWith("kadscope: ")))
        .containsExactly(
            "kadscope: --sim-peers must be from 1,000 to 100,000, found 50",
            "kadscope: --sim-peers opens a simulated network; --local and --peers open a live"
                + " one: choose one",
            "kadscope: --peers must be 0 or more, found -1");
  }

  @Test
  void stateWithoutHeadless_isRefused() {
    assertThat(run(Map.of(), "", "--state", "x.json", "create")).isEqualTo(2);
    assertThat(err.all())
        .first()
        .isEqualTo(
            "kadscope: --state works with --headless peers only; the visualiser keeps no state"
                + " file");
    assertThat(err.all()).element(1).asString().startsWith("Usage: kadscope create [-hV]");
  }

  @Test
  void ping_ofALivePeerPrintsItsIdAndExitsZero() {
    KademliaNode peer = factory.create(new InetSocketAddress(0));
    peer.start();
    try {
      int code = run(Map.of(), "", "ping", "127.0.0.1", "" + peer.address().getPort());

      assertThat(code).isZero();
      assertThat(out.all())
          .singleElement()
          .asString()
          .startsWith(
              "pong from "
                  + peer.id().toHex()
                  + " at 127.0.0.1:"
                  + peer.address().getPort()
                  + " in ");
    } finally {
      peer.stop();
    }
  }

  @Test
  void repeatedPings_leaveNoContactBehind() {
    KademliaNode peer = factory.create(new InetSocketAddress(0));
    peer.start();
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(run(Map.of(), "", "ping", "127.0.0.1", "" + peer.address().getPort())).isZero();
      }

      assertThat(peer.routingSnapshot().size())
          .as("a probe answers no ping of the peer's, so it is never verified")
          .isZero();
    } finally {
      peer.stop();
    }
  }

  @Test
  void ping_ofADeadAddressExitsOneWithAClearMessage() {
    int code = run(Map.of(), "", "ping", "127.0.0.1", "47000", "--timeout", "0.2");

    assertThat(code).isEqualTo(1);
    assertThat(err.all()).containsExactly("kadscope: no answer from 127.0.0.1:47000 within 0.2 s");
  }

  @Test
  void help_listsTheCommandsAndExitsZero() {
    assertThat(run(Map.of(), "", "--help")).isZero();

    assertThat(String.join("\n", out.all()))
        .contains("create", "join", "ping", "bench", "--headless", "--state", "--log-level")
        .contains("P2P_REMOTE_HOST");
  }

  @Test
  void benchLocal_printsTheW1JsonLineWithEveryField() {
    int code =
        run(Map.of(), "", "bench", "local", "--nodes", "8", "--keys", "10", "--concurrency", "4");

    assertThat(code).isZero();
    assertThat(out.all())
        .singleElement()
        .asString()
        .startsWith("{\"impl\":\"kadscope\",\"nodes\":8,\"keys\":10,\"boot_s\":")
        .contains(
            "\"set_per_s\":",
            "\"get_per_s\":",
            "\"get_hits\":10,",
            "\"get_p50_ms\":",
            "\"get_p99_ms\":",
            "\"conc_get_per_s\":",
            "\"conc\":4,",
            "\"conc_hits\":10,",
            "\"get_hops_mean\":",
            "\"udp_rtt_p50_ms\":",
            "\"get_p50_per_floor\":",
            "\"cpu_s\":",
            "\"loop_cpu_s\":",
            "\"jit_s\":")
        .endsWith("}");
  }

  @Test
  void benchLocal_withIoThreads_runsTheWorkloadAndReadsEveryKeyBack() {
    int code =
        run(
            Map.of(),
            "",
            "bench",
            "local",
            "--nodes",
            "12",
            "--keys",
            "10",
            "--concurrency",
            "4",
            "--io-threads",
            "3");

    assertThat(code).isZero();
    assertThat(out.all())
        .singleElement()
        .asString()
        .contains("\"get_hits\":10,", "\"conc_hits\":10,");
  }

  @Test
  void benchLocal_refusesAnIoThreadCountOutOfRange() {
    assertThat(run(Map.of(), "", "bench", "local", "--io-threads", "0")).isEqualTo(2);
    assertThat(run(Map.of(), "", "bench", "local", "--io-threads", "65")).isEqualTo(2);

    assertThat(err.all().stream().filter(l -> l.startsWith("kadscope: ")))
        .containsExactly(
            "kadscope: --io-threads must be between 1 and 64, found 0",
            "kadscope: --io-threads must be between 1 and 64, found 65");
    assertThat(out.all()).isEmpty();
  }
}
