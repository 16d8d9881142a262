package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.cli.Addresses;
import io.kadscope.engine.Contact;
import io.kadscope.engine.GetResult;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.Lines;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    // a takes b into its table once b has answered a ping (a request alone proves nothing)
    a.ping(b.address()).join();
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

    assertThat(outA.all()).containsExactly("Stored greeting on 1 of the 1 closest peers and here");
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
            "Stored small on 1 of the 1 closest peers and here",
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

    assertThat(outA.all())
        .containsExactly("Stored k on 1 of the 1 closest peers and here", "Received value v");
  }

  private static InputStream input(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aGetThatNoPeerAnswers_keepsTheCoursesNoneLine_andSaysNoPeerAnswered() {
    NodeFactory quick = network.factory(Duration.ofMillis(200));
    KademliaNode c = quick.create(new InetSocketAddress(0));
    KademliaNode d = quick.create(new InetSocketAddress(0));
    c.start();
    d.start();
    d.bootstrap(List.of(c.address())).join();
    c.stop();
    Lines outD = new Lines();

    new Console(d, outD.stream(), Duration.ofSeconds(10)).execute("get anything");

    assertThat(outD.all())
        .containsExactly(
            "Received value None",
            "No peer answered: 1 peer was asked and none replied, so whether the key exists is"
                + " not known.");
    d.stop();
  }

  @Test
  void aGetThatSeesDifferentValues_printsTheChosenOne_thenWhoHeldTheOthers() {
    NodeId key = NodeId.of(new byte[NodeId.BYTES]);
    Contact c1 = contactAt(1);
    Contact c2 = contactAt(2);
    Contact c3 = contactAt(3);
    Contact far = contactAt(0x90);
    LookupResult l =
        new LookupResult(
            7,
            LookupKind.VALUE,
            key,
            List.of(answer(c1), answer(c2), answer(c3)),
            List.of(
                new LookupResult.Found(c1, Value.of("\u001b[31mred")),
                new LookupResult.Found(c2, Value.of("fresh")),
                new LookupResult.Found(c3, Value.of("fresh")),
                new LookupResult.Found(far, Value.of("\u001b[31mred"))),
            Optional.empty(),
            4,
            2);
    Lines lines = new Lines();

    Console.received(GetResult.of(key, l), lines.stream());

    assertThat(lines.all())
        .containsExactly(
            "Received value fresh",
            "Peers disagree on this key: that value is held by 2 of the 3 closest peers that"
                + " answered; also seen: '\\x1b[31mred' from 2 peers ("
                + c1
                + ", "
                + far
                + ")");
  }

  private static Contact contactAt(int firstByte) {
    byte[] id = new byte[NodeId.BYTES];
    id[0] = (byte) firstByte;
    return new Contact(NodeId.of(id), new InetSocketAddress("10.0.0." + firstByte, 7123));
  }

  private static LookupResult.Answer answer(Contact c) {
    return new LookupResult.Answer(c, Optional.empty());
  }

  @Test
  void aSetThatAPeerRefused_namesIt() {
    KademliaNode strict =
        factory.create(
            new InetSocketAddress(0),
            x -> x.limits(Limits.DEFAULT.withLoopbackExempt(false).withStoreRate(0.001, 1)));
    strict.start();
    strict.bootstrap(List.of(a.address())).join();
    a.ping(strict.address()).join();
    consoleA.execute("set first x"); // takes the one store the strict peer allows for now

    consoleA.execute("set greeting hi");

    assertThat(outA.all())
        .element(1)
        .isEqualTo(
            "Stored greeting on 1 of the 2 closest peers and here; 1 refused it (a full store or"
                + " a rate limit): "
                + strict.contact());
    strict.stop();
  }
}
