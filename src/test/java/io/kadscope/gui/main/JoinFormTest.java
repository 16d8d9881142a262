package io.kadscope.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.Value;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.testnet.TestNetworks;
import io.kadscope.testing.FxClick;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Network form joins a network of peers started apart from the window (as headless peers would
 * be), and a value set there is read in the window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JoinFormTest {
  private static final int PEERS = 6;
  private static WindowFixture fx;
  private static final List<KademliaNode> network = new ArrayList<>();
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void open() throws Exception {
    NodeFactory factory = TestNetworks.factory();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int i = 0; i < PEERS; i++) {
      KademliaNode n = factory.create(new InetSocketAddress(loopback, 0));
      n.start();
      if (i > 0) {
        n.bootstrap(List.of(network.get(0).address())).get(20, TimeUnit.SECONDS);
      }
      network.add(n);
    }
    network.get(PEERS - 1).set("exam-room", Value.of("B-204")).get(20, TimeUnit.SECONDS);
    fx = WindowFixture.open(new GuiLaunch(GuiLaunch.Mode.CREATE, null, 0, 0, 0, factory));
  }

  @AfterAll
  static void close() throws Exception {
    network.forEach(KademliaNode::stop);
    fx.close();
  }

  private void type(String query, String text) throws Exception {
    TextField f = robot.lookup(query).queryAs(TextField.class);
    WaitForAsyncUtils.asyncFx(() -> f.setText(text)).get(5, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void joiningThroughTheForm_thenGet_readsAValueSetInThatNetwork() throws Exception {
    assertThat(fx.window.session().routingSnapshot().size()).isZero();
    InetSocketAddress seed = network.get(2).address();
    type("#joinHost", seed.getAddress().getHostAddress());
    type("#joinPort", Integer.toString(seed.getPort()));
    FxClick.on(robot, "#joinButton");
    Label joined = robot.lookup("#networkResult").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> joined.getText().startsWith("Joined"));

    type("#keyField", "exam-room");
    FxClick.on(robot, "#getButton");
    Label result = robot.lookup("#storeResult").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> result.getText().startsWith("Found \"exam-room\" = B-204"));

    assertThat(fx.window.session().routingSnapshot().size()).isPositive();
    assertThat(fx.window.session().local().running()).isZero();
  }

  @Test
  @Order(2)
  void joiningAClosedPort_whenTheNodeKnowsPeersAlready_reportsThatNoSeedAnswered()
      throws Exception {
    InetSocketAddress seed = network.get(1).address();
    type("#joinHost", seed.getAddress().getHostAddress());
    type("#joinPort", Integer.toString(seed.getPort()));
    FxClick.on(robot, "#joinButton");
    Label joined = robot.lookup("#networkResult").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> joined.getText().startsWith("Joined"));
    int closed;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }

    type("#joinPort", Integer.toString(closed));
    FxClick.on(robot, "#joinButton");

    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> joined.getText().startsWith("Failed"));
    assertThat(joined.getText())
        .startsWith("Failed: no seed answered: 127.0.0.1:" + closed)
        .contains("UDP", "firewall");
    assertThat(fx.window.session().routingSnapshot().size()).isPositive();
  }

  @Test
  void joiningAPortNobodyListensOn_saysSoInANotification() throws Exception {
    type("#joinHost", "127.0.0.1");
    type("#joinPort", "not-a-port");
    FxClick.on(robot, "#joinButton");

    Label joined = robot.lookup("#networkResult").queryAs(Label.class);
    assertThat(joined.getText())
        .isEqualTo("A port is a number from 1 to 65535; \"not-a-port\" is not one.");
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> fx.window.view().notifications().isShowing());
    assertThat(fx.window.view().notifications().getText()).contains("A port is a number");
  }
}
