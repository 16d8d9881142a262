package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import io.kadscope.mainline.node.MainlineNetwork;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.mainline.node.MainlinePort;
import io.kadscope.testing.InMemoryNetwork;
import io.kadscope.testing.Lines;
import io.kadscope.transport.KrpcNetwork;
import io.kadscope.transport.UdpTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --protocol mainline} on the command line: a headless peer of the BitTorrent DHT joins a
 * seed on 127.0.0.1 and runs its console; its defaults and its refusals. No test reaches the public
 * DHT: where a join would go to its routers, the network refuses to open a socket.
 */
class LauncherMainlineTest {
  private final InMemoryNetwork rpcudp = new InMemoryNetwork();
  private final NodeFactory factory = rpcudp.factory();
  private final KrpcNetwork seedNetwork = new KrpcNetwork(UdpTransport.best(), 1, 500);
  private final Lines out = new Lines();
  private final Lines err = new Lines();

  @AfterEach
  void stop() {
    seedNetwork.close();
    rpcudp.shutdown();
  }

  private int run(
      Supplier<MainlineNetwork> mainline, Map<String, String> env, String input, String... args) {
    InputStream in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
    return new Launcher(() -> factory, mainline, env, in, out.stream(), err.stream()).execute(args);
  }

  private MainlineNode seed() {
    MainlineNode s =
        MainlineNode.builder(seedNetwork)
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .build();
    s.start();
    return s;
  }

  private static Supplier<MainlineNetwork> udp() {
    return () -> new KrpcNetwork(UdpTransport.best(), 1, 500);
  }

  @Test
  void headlessMainlineJoin_joinsTheSeed_andItsConsolePutsAndGets() {
    MainlineNode seed = seed();
    String target = MainlineNode.targetOfText("hello DHT").toHex();

    int code =
        run(
            udp(),
            Map.of(),
            "put hello DHT\nget " + target + "\nq\n",
            "--headless",
            "--protocol",
            "mainline",
            "--bind",
            "127.0.0.1",
            "join",
            "127.0.0.1",
            "" + seed.address().getPort(),
            "0");

    assertThat(code).isZero();
    assertThat(out.all())
        .contains(
            "Joining the BitTorrent DHT through 127.0.0.1:" + seed.address().getPort() + " ...",
            "Stored item " + target + " on 1 peers",
            "Received value hello DHT",
            "Stopped.");
    assertThat(out.all()).anySatisfy(l -> assertThat(l).endsWith("(BitTorrent DHT)"));
    assertThat(out.all())
        .anySatisfy(l -> assertThat(l).startsWith("Joined the BitTorrent DHT through 127.0.0.1:"));
    assertThat(seed.itemsHeld()).isEqualTo(1);
    seed.stop();
  }

  @Test
  void headlessMainlineCreate_startsAlone_onThePortGiven() {
    int code =
        run(
            udp(),
            Map.of(),
            "info\nq\n",
            "--headless",
            "--protocol",
            "mainline",
            "--bind",
            "127.0.0.1",
            "create",
            "0");

    assertThat(code).isZero();
    assertThat(out.all())
        .anySatisfy(
            l -> assertThat(l).startsWith("Started alone on the BitTorrent DHT's protocol"));
    assertThat(out.all()).anySatisfy(l -> assertThat(l).startsWith("contacts  0 in 0 buckets"));
  }

  /** A network that opens no socket, so that a join cannot reach the public routers. */
  private static Supplier<MainlineNetwork> noSockets(List<InetSocketAddress> asked) {
    return () ->
        new MainlineNetwork() {
          @Override
          public MainlinePort open(InetSocketAddress bind, NodeId self) {
            asked.add(bind);
            throw new UncheckedIOException(
                "cannot listen on UDP "
                    + bind.getAddress().getHostAddress()
                    + ":"
                    + bind.getPort()
                    + ": no sockets in this test",
                new IOException("no sockets"));
          }

          @Override
          public Scheduler scheduler() {
            throw new UnsupportedOperationException();
          }

          @Override
          public void close() {}
        };
  }

  @Test
  void mainlineJoin_withNoHost_saysItGoesToTheRouters_onTheDhtsPort() {
    List<InetSocketAddress> asked = new ArrayList<>();

    int code =
        run(
            noSockets(asked),
            Map.of("P2P_REMOTE_HOST", ""),
            "q\n",
            "--headless",
            "--protocol",
            "mainline",
            "join");

    assertThat(code).isEqualTo(1);
    assertThat(out.all())
        .containsExactly(
            "No ip given and P2P_REMOTE_HOST is empty: joining the BitTorrent DHT through its"
                + " public routers.");
    assertThat(asked).extracting(InetSocketAddress::getPort).containsExactly(6881);
    assertThat(err.all())
        .containsExactly("kadscope: cannot listen on UDP 0.0.0.0:6881: no sockets in this test");
  }

  @Test
  void mainlineJoin_ofAHostWithoutPort_asksItsPort6881() {
    List<InetSocketAddress> asked = new ArrayList<>();

    run(
        noSockets(asked),
        Map.of("P2P_REMOTE_HOST", "127.0.0.1"),
        "q\n",
        "--headless",
        "--protocol",
        "mainline",
        "join");

    assertThat(out.all()).containsExactly("Joining 127.0.0.1 from P2P_REMOTE_HOST.");
    assertThat(asked).extracting(InetSocketAddress::getPort).containsExactly(6881);
  }

  @Test
  void anUnknownProtocol_isBadUsage_namingWhatWasFound() {
    int code = run(udp(), Map.of(), "", "--headless", "--protocol", "kad", "create", "0");

    assertThat(code).isEqualTo(2);
    // the message first, then the usage of the command
    assertThat(err.all())
        .first()
        .isEqualTo("kadscope: --protocol expects rpcudp or mainline, found 'kad'");
    assertThat(err.all()).anyMatch(l -> l.startsWith("Usage: kadscope create"));
  }

  @Test
  void stateWithMainline_isBadUsage() {
    int code =
        run(
            udp(),
            Map.of(),
            "",
            "--headless",
            "--protocol",
            "mainline",
            "--state",
            "s.json",
            "create",
            "0");

    assertThat(code).isEqualTo(2);
    assertThat(err.all())
        .first()
        .isEqualTo(
            "kadscope: --state keeps a node of the course's network; a --protocol mainline peer"
                + " keeps none");
  }

  @Test
  void rpcudpStaysTheDefault_onItsOwnPort() {
    int code = run(udp(), Map.of(), "q\n", "--headless", "create", "0");

    assertThat(code).isZero();
    assertThat(out.all())
        .contains("Created a new network. Type 'help' for the console's commands.");
  }
}
