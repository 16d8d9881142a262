package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.testing.Lines;
import io.kadscope.transport.KrpcNetwork;
import io.kadscope.transport.UdpTransport;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Mainline console, on two nodes on real UDP on 127.0.0.1: each command's one line, with the
 * first words scripts read, and a clear line for what is no command.
 */
class MainlineConsoleTest {
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  private static final String HASH = "0123456789abcdef0123456789abcdef01234567";

  private final KrpcNetwork network = new KrpcNetwork(UdpTransport.best(), 1, 500);
  private final Lines outA = new Lines();
  private final Lines outB = new Lines();
  private MainlineNode a;
  private MainlineNode b;
  private MainlineConsole consoleA;
  private MainlineConsole consoleB;

  @BeforeEach
  void twoNodes() {
    a = MainlineNode.builder(network).bind(LOOPBACK).rpcTimeout(Duration.ofSeconds(1)).build();
    b = MainlineNode.builder(network).bind(LOOPBACK).rpcTimeout(Duration.ofSeconds(1)).build();
    a.start();
    b.start();
    b.join(List.of(a.address())).join();
    // a learns of b from b's queries only after pinging b back: join b too, so a knows b now
    a.join(List.of(b.address())).join();
    consoleA = new MainlineConsole(a, outA.stream(), Duration.ofSeconds(10));
    consoleB = new MainlineConsole(b, outB.stream(), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
    network.close();
  }

  @Test
  void put_printsTheTargetAndHowManyStoredIt_andGetOnTheOtherNodePrintsTheText() {
    String target = MainlineNode.targetOfText("hello  world ").toHex();

    consoleA.execute("put hello  world ");
    consoleB.execute("get " + target);
    consoleB.execute("get " + target.toUpperCase());

    assertThat(outA.all()).containsExactly("Stored item " + target + " on 1 peers");
    assertThat(outB.all())
        .containsExactly("Received value hello  world ", "Received value hello  world ");
  }

  @Test
  void get_ofATargetNobodyPut_printsNone() {
    consoleB.execute("get " + HASH);

    assertThat(outB.all()).containsExactly("Received value None");
  }

  @Test
  void announce_andPeers_printTheInfoHashTheCountAndTheAddresses() {
    consoleA.execute("peers " + HASH);
    consoleA.execute("announce " + HASH + " 51413");
    consoleB.execute("announce " + HASH + " 0");
    consoleA.execute("peers " + HASH);

    String aHost = a.address().getAddress().getHostAddress();
    assertThat(outA.all())
        .containsExactly(
            "Peers " + HASH + ": none",
            "Announced " + HASH + " on 1 peers",
            "Peers " + HASH + ": " + aHost + ":51413 " + aHost + ":" + b.address().getPort());
    assertThat(outB.all()).containsExactly("Announced " + HASH + " on 1 peers");
  }

  @Test
  void badInput_getsOneLineSayingWhatWasExpected() {
    consoleA.execute("get 1234");
    consoleA.execute("get");
    consoleA.execute("get " + "zz".repeat(20));
    consoleA.execute("announce " + HASH);
    consoleA.execute("announce " + HASH + " 70000");
    consoleA.execute("peers a b");
    consoleA.execute("put");
    consoleA.execute("set greeting hello");
    consoleA.execute("frobnicate");
    consoleA.execute("info extra");
    consoleA.execute("put " + "x".repeat(1000));

    assertThat(outA.all())
        .containsExactly(
            "get expects an item's target as 40 hex digits, found '1234' (4 characters)",
            "Usage: get <target>  (an item's target: 40 hex digits)",
            "get expects an item's target as 40 hex digits, found '"
                + "zz".repeat(20)
                + "' (40 characters)",
            "Usage: announce <info-hash> <port>  (40 hex digits; port 0 = this node's own)",
            "announce expects a port 0..65535, found '70000'",
            "Usage: peers <info-hash>  (the info-hash: 40 hex digits)",
            "Usage: put <text>",
            "set is a command of the course's network; on the BitTorrent DHT use put <text> and"
                + " get <target>",
            "Unknown command 'frobnicate'. Usage: " + MainlineConsole.SUMMARY,
            "Usage: info",
            "Refused: an item's v is at most 1000 bytes bencoded, found 1005");
  }

  @Test
  void aWrongLengthHash_anEmptyLine_andBinaryBytes_eachGetOneLine_withControlsEscaped() {
    String hash39 = HASH.substring(1);
    byte[] input =
        ("get " + hash39 + "\n\n   \npeers \u0001\u001b[2J\n" + "get \u00ff\n" + "zz\u0007\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = "announce \u0000\n".getBytes(StandardCharsets.UTF_8);
    notUtf8[9] = (byte) 0xff;

    consoleA.run(
        new SequenceInputStream(
            new ByteArrayInputStream(input), new ByteArrayInputStream(notUtf8)));

    assertThat(outA.all())
        .containsExactly(
            "get expects an item's target as 40 hex digits, found '" + hash39 + "' (39 characters)",
            MainlineConsole.EMPTY_LINE,
            MainlineConsole.EMPTY_LINE,
            "peers expects the info-hash as 40 hex digits, found '\\x01\\x1b[2J' (5 characters)",
            "get expects an item's target as 40 hex digits, found '\u00ff' (1 characters)",
            "Unknown command 'zz\\x07'. Usage: " + MainlineConsole.SUMMARY,
            "Line 7 ignored: it is not UTF-8 text (byte 0xff at column 10).");
  }

  @Test
  void aValueWithTerminalControls_isPrintedEscaped() {
    String target = a.putText("\u001b[31mred\nfake line").join().target().toHex();

    consoleB.execute("get " + target);

    assertThat(outB.all()).containsExactly("Received value \\x1b[31mred\\nfake line");
  }

  @Test
  void infoAndBuckets_describeTheNode() {
    consoleB.execute("info");
    consoleB.execute("buckets");
    consoleB.execute("q");

    assertThat(outB.all().get(0)).isEqualTo("id        " + b.id().toHex());
    assertThat(outB.all()).anySatisfy(l -> assertThat(l).startsWith("contacts  1 in 1 buckets"));
    assertThat(outB.all())
        .anySatisfy(
            l ->
                assertThat(l)
                    .isEqualTo("held      0 peers of 0 info-hashes, 0 items (for others)"));
    assertThat(outB.all()).contains("refused   0 requests and 0 writes over their address's rate");
    assertThat(outB.all()).anySatisfy(l -> assertThat(l).startsWith("bucket   0"));
    assertThat(consoleB.execute("q")).isFalse();
    assertThat(NodeId.fromHex(HASH).toHex()).isEqualTo(HASH);
  }
}
