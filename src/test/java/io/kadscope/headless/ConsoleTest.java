package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.cli.Addresses;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.Value;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.Lines;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final InMemoryNetwork network = new InMemoryNetwork();
  private final NodeFactory factory = network.factory();
  private final Lines outA = new Lines();
  private final Lines outB = new Lines();
  private KademliaNode a;
  private KademliaNode b;
  private Console consoleA;
  private Console consoleB;

  @BeforeEach
  void twoPeers() {
    a = factory.create(new InetSocketAddress(0));
    b = factory.create(new InetSocketAddress(0));
    a.start();
    b.start();
    b.bootstrap(List.of(a.address())).join();
    consoleA = new Console(a, outA.stream(), Duration.ofSeconds(10));
    consoleB = new Console(b, outB.stream(), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    a.stop();
    b.stop();
    network.shutdown();
  }

  @Test
  void get_ofAValueSetOnAnotherPeerPrintsReceivedValue() {
    consoleA.execute("set greeting hello world");
    consoleB.execute("get greeting");

    assertThat(outA.all()).containsExactly("Stored greeting on 1 peer and here");
    assertThat(outB.all()).containsExactly("Received value hello world");
  }

  @Test
  void get_ofAMissingKeyPrintsReceivedValueNone() {
    consoleB.execute("get nobody-set-this");

    assertThat(outB.all()).containsExactly("Received value None");
  }

  @Test
  void del_storesTheEmptyString() {
    consoleA.execute("set k v");
    consoleA.execute("del k");
    consoleB.execute("get k");

    assertThat(outB.all()).containsExactly("Received value ");
  }

  @Test
  void typedValues_printAsThePythonPeerPrintsThem() {
    consoleA.execute("set --bool flag true");
    consoleA.execute("set --int n 42");
    consoleB.execute("get flag");
    consoleB.execute("get n");

    assertThat(outB.all()).containsExactly("Received value True", "Received value 42");
  }

  @Test
  void aWrongCommand_printsOneUsageLineAndKeepsTheConsoleRunning() {
    boolean goOn = consoleA.execute("frobnicate");

    assertThat(goOn).isTrue();
    assertThat(outA.all())
        .singleElement()
        .asString()
        .startsWith("Unknown command 'frobnicate'. Usage: set");
  }

  @Test
  void aValueTooLargeForADatagram_isRefusedWithTheReason() {
    consoleA.execute("set big " + "x".repeat(9000));

    assertThat(outA.all()).singleElement().asString().startsWith("Refused: value too large");
  }

  @Test
  void info_showsIdAddressContactsAndStoredValues() {
    consoleA.execute("set greeting hello");
    consoleA.execute("info");

    List<String> lines = outA.all();
    assertThat(lines)
        .contains(
            "id        " + a.id().toHex(),
            "address   " + Addresses.format(a.address()),
            "contacts  1 in 1 buckets (k = 20)",
            "stored    1 value");
    assertThat(lines).anyMatch(l -> l.endsWith(" = hello (str, set here)"));
  }

  @Test
  void buckets_printsOneLinePerNonEmptyBucketWithItsFill() {
    consoleA.execute("buckets");

    assertThat(outA.all())
        .singleElement()
        .asString()
        .matches("bucket +0  prefix \\*/0 +range 00000000\\.\\.ffffffff   1/20  \\[own id\\]");
  }

  @Test
  void run_stopsAtQuitWithoutReadingFurther() {
    Console.Ending e = consoleA.run(input("get x\nq\nget y\n"));

    assertThat(e).isEqualTo(Console.Ending.QUIT);
    assertThat(outA.all()).containsExactly("Received value None");
  }

  @Test
  void run_reportsTheEndOfInputWhenTheStreamCloses() {
    Console.Ending e = consoleA.run(input("get x\n"));

    assertThat(e).isEqualTo(Console.Ending.END_OF_INPUT);
    assertThat(a.isRunning()).isTrue();
  }

  @Test
  void bytes_printAsThePythonPeersPrintThem() {
    consoleA.execute("set --bytes raw 00ff10");
    consoleA.execute("set --bytes text 6f6b");
    consoleB.execute("get raw");
    consoleB.execute("get text");

    assertThat(outB.all())
        .containsExactly("Received value b'\\x00\\xff\\x10'", "Received value b'ok'");
  }

  @Test
  void aValueWithTerminalEscapes_isPrintedWithTheControlCharactersEscaped() {
    a.set("colour", Value.of("\u001b[31mred\u001b[0m\nReceived value forged")).join();

    consoleB.execute("get colour");

    assertThat(outB.all())
        .containsExactly("Received value \\x1b[31mred\\x1b[0m\\nReceived value forged");
    assertThat(outB.all().get(0)).doesNotContain("\u001b");
  }

  @Test
  void anUnknownCommand_isEchoedShortAndEscaped_notWhole() {
    consoleA.execute("x".repeat(10_000));
    consoleA.execute("\u001b]0;title\u0007");

    assertThat(outA.all().get(0))
        .startsWith(
            "Unknown command 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (10000 characters).")
        .hasSizeLessThan(200);
    assertThat(outA.all().get(1)).startsWith("Unknown command '\\x1b]0;title\\x07'.");
  }

  @Test
  void aLineTooLongForAnyCommand_isRefusedAndTheNextLineStillRuns() {
    String input = "set big " + "y".repeat(100_000) + "\nset small v\nget small\n";

    Console.Ending e = consoleA.run(input(input));

    assertThat(e).isEqualTo(Console.Ending.END_OF_INPUT);
    assertThat(outA.all())
        .containsExactly(
            "Line 1 ignored: it is 100008 bytes long; a console line holds at most 32768 bytes.",
            "Stored small on 1 peer and here",
            "Received value v");
    assertThat(a.storeSnapshot().values()).hasSize(1);
  }

  @Test
  void aLineThatIsNotUtf8_isRefusedNamingTheByte_andBinaryBytesDoNotStopTheConsole() {
    byte[] bytes = {'s', 'e', 't', ' ', 'k', ' ', (byte) 0xff, (byte) 0xfe, '\n', 0, 1, 2, '\n'};
    byte[] rest = "get k\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bytes.length + rest.length];
    System.arraycopy(bytes, 0, all, 0, bytes.length);
    System.arraycopy(rest, 0, all, bytes.length, rest.length);

    consoleA.run(new ByteArrayInputStream(all));

    assertThat(outA.all())
        .containsExactly(
            "Line 1 ignored: it is not UTF-8 text (byte 0xff at column 7).",
            "Unknown command '\\x00\\x01\\x02'. Usage: " + ConsoleParser.SUMMARY,
            "Received value None");
  }

  @Test
  void windowsLineEndings_areAccepted() {
    consoleA.run(input("set k v\r\nget k\r\n"));

    assertThat(outA.all()).containsExactly("Stored k on 1 peer and here", "Received value v");
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
