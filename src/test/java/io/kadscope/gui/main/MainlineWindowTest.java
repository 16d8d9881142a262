package io.kadscope.gui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.testnet.TestNetworks;
import io.kadscope.mainline.node.MainlineNode;
import io.kadscope.testing.FxClick;
import io.kadscope.transport.KrpcNetwork;
import io.kadscope.transport.UdpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on BitTorrent's DHT (a small one of Mainline nodes on 127.0.0.1): it joins at start,
 * its store form offers put, get, announce and peers instead of set and delete, and a put is
 * followed in the lookup view and then got back.
 */
class MainlineWindowTest {
  private static final KrpcNetwork others = new KrpcNetwork(UdpTransport.best(), 1, 500);
  private static final List<MainlineNode> dht = new ArrayList<>();
  private static WindowFixture fx;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void open() throws Exception {
    for (int i = 0; i < 10; i++) {
      MainlineNode n =
          MainlineNode.builder(others)
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .build();
      n.start();
      if (i > 0) {
        n.join(List.of(dht.get(0).address())).get(20, TimeUnit.SECONDS);
      }
      dht.add(n);
    }
    fx =
        WindowFixture.open(
            new GuiLaunch(
                GuiLaunch.Mode.MAINLINE,
                "127.0.0.1",
                dht.get(0).address().getPort(),
                0,
                0,
                TestNetworks.factory(),
                null,
                null,
                () -> new KrpcNetwork(UdpTransport.best(), 1, 500)));
  }

  @AfterAll
  static void close() throws Exception {
    fx.close();
    dht.forEach(MainlineNode::stop);
    others.close();
  }

  /** Whether the node and its row are laid out, and it and every parent is visible. */
  private boolean shown(String query) {
    Node node = robot.lookup(query).query();
    if (!node.isManaged() || !node.getParent().isManaged()) {
      return false;
    }
    for (Node n = node; n != null; n = n.getParent()) {
      if (!n.isVisible()) {
        return false;
      }
    }
    return true;
  }

  @Test
  void theStoreForm_putsAnItem_andGetsItBack_onTheDht() throws Exception {
    assertThat(fx.started.get()).startsWith("joined the BitTorrent DHT through 127.0.0.1:");
    assertThat(shown("#putButton")).isTrue();
    assertThat(shown("#announceButton")).isTrue();
    assertThat(shown("#setButton")).isFalse();
    assertThat(shown("#typeChoice")).isFalse();
    assertThat(robot.lookup("#openMainlineButton").tryQuery()).isPresent();

    TextField value = robot.lookup("#valueField").queryAs(TextField.class);
    WaitForAsyncUtils.asyncFx(() -> value.setText("a window on the DHT")).get(5, TimeUnit.SECONDS);
    FxClick.on(robot, "#putButton");
    Label result = robot.lookup("#storeResult").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> result.getText().startsWith("Stored item "));
    FxClick.on(robot, "#getItemButton");

    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () -> result.getText().startsWith("Received value a window on the DHT"));
    assertThat(fx.window.session().k()).isEqualTo(MainlineNode.K);
  }
}
