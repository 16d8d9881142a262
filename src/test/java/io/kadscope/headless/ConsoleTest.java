package io.kadscope.headless;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.cli.Addresses;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.Lines;
import java.io.BufferedReader;
import java.io.StringReader;
import java.net.InetSocketAddress;
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
    Console.Ending e = consoleA.run(new BufferedReader(new StringReader("get x\nq\nget y\n")));

    assertThat(e).isEqualTo(Console.Ending.QUIT);
    assertThat(outA.all()).containsExactly("Received value None");
  }

  @Test
  void run_reportsTheEndOfInputWhenTheStreamCloses() {
    Console.Ending e = consoleA.run(new BufferedReader(new StringReader("get x\n")));

    assertThat(e).isEqualTo(Console.Ending.END_OF_INPUT);
    assertThat(a.isRunning()).isTrue();
  }
}
