package io.kadscope.gui.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeFactory;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.fx.RecordingNotifier;
import io.kadscope.gui.session.NodeSession;
import io.kadscope.gui.testnet.TestNetworks;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Network form's view-model on a node started alone, with real peers and no FX thread. */
class NetworkViewModelTest {
  private final NodeFactory factory = TestNetworks.factory();
  private final NodeSession session =
      new NodeSession(new GuiLaunch(GuiLaunch.Mode.CREATE, null, 0, 0, 0, factory), e -> {});
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final List<String> news = new ArrayList<>();
  private final NetworkViewModel vm =
      new NetworkViewModel(session, notifier, Runnable::run, news::add);

  @AfterEach
  void stop() {
    session.close();
    factory.close();
  }

  @Test
  void addTen_startsPeersThatTheNodeComesToKnow_andKillRandomStopsOne() throws Exception {
    session.start().get(10, TimeUnit.SECONDS);

    vm.addTen().get(30, TimeUnit.SECONDS);

    assertThat(vm.localPeersProperty().get()).isEqualTo(10);
    assertThat(vm.resultProperty().get()).isEqualTo("Started 10 local peers: 10 run.");
    assertThat(session.routingSnapshot().size()).isPositive();
    vm.killRandom();
    assertThat(vm.localPeersProperty().get()).isEqualTo(9);
    assertThat(vm.resultProperty().get()).startsWith("Killed peer ").contains("3 unanswered RPCs");
  }

  @Test
  void joiningAPortNobodyAnswers_failsWithTheEnginesWords() throws Exception {
    session.start().get(10, TimeUnit.SECONDS);
    vm.hostProperty().set("127.0.0.1");
    vm.portProperty().set("9");

    vm.join().get(30, TimeUnit.SECONDS);

    assertThat(notifier.errors).hasSize(1);
    assertThat(notifier.errors.get(0)).startsWith("Could not join 127.0.0.1:9: no seed answered");
  }

  @Test
  void joiningASeedThatDoesNotAnswer_failsEvenWhenTheNodeKnowsOtherPeers_andSaysWhatToCheck()
      throws Exception {
    session.start().get(10, TimeUnit.SECONDS);
    vm.addTen().get(30, TimeUnit.SECONDS);
    assertThat(session.routingSnapshot().size()).isPositive();
    vm.hostProperty().set("127.0.0.1");
    vm.portProperty().set(Integer.toString(closedPort()));

    vm.join().get(30, TimeUnit.SECONDS);

    assertThat(vm.resultProperty().get())
        .startsWith("Failed: no seed answered: 127.0.0.1:")
        .contains("mapped for UDP", "firewall");
    assertThat(notifier.errors).last().asString().startsWith("Could not join 127.0.0.1:");
  }

  @Test
  void stoppingTheLocalPeers_tellsTheNewsLineThatNoneRun() throws Exception {
    session.start().get(10, TimeUnit.SECONDS);
    vm.addTen().get(30, TimeUnit.SECONDS);
    assertThat(news).last().isEqualTo("local network: 10 peers on 127.0.0.1");

    vm.stopLocal();

    assertThat(news)
        .last()
        .isEqualTo("no local peers: start some in the Network panel, or join a network");
    assertThat(vm.localPeersProperty().get()).isZero();
  }

  @Test
  void theKNote_saysTheNodesBucketSize() {
    assertThat(vm.kNoteProperty().get())
        .isEqualTo("k = 20: the paper's bucket size and number of copies of each value.");
  }

  @Test
  void onTheLocalDemoNetwork_theKNote_saysWhyKIsEightThereAndTwentyElsewhere() {
    NodeSession demo =
        new NodeSession(new GuiLaunch(GuiLaunch.Mode.LOCAL, null, 0, 0, 24, factory), e -> {});
    try {
      NetworkViewModel local = new NetworkViewModel(demo, notifier, Runnable::run, news::add);
      assertThat(local.kNoteProperty().get())
          .startsWith("k = 8 in this window (the paper's is 20): with k = 20 a network of 24 peers")
          .contains("keeps its own k (20 for the Python peers");
    } finally {
      demo.close();
    }
  }

  /** A UDP port on 127.0.0.1 that nobody listens on. */
  private static int closedPort() throws Exception {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void killRandomWithNoPeers_saysThereAreNone() {
    vm.killRandom();
    assertThat(notifier.errors).containsExactly("No local peer runs: start some first.");
  }

  @Test
  void thePeerCount_isTakenAgainOnAPulse_atMostTwiceASecond() throws Exception {
    session.start().get(10, TimeUnit.SECONDS);
    session.addLocalPeers(2).get(30, TimeUnit.SECONDS);
    long t = 1_000_000_000L;

    vm.onPulse(t);
    assertThat(vm.localPeersProperty().get()).isEqualTo(2);
    session.addLocalPeers(1).get(30, TimeUnit.SECONDS);
    vm.onPulse(t + NetworkViewModel.COUNT_INTERVAL_NANOS / 2);
    assertThat(vm.localPeersProperty().get()).isEqualTo(2);
    vm.onPulse(t + NetworkViewModel.COUNT_INTERVAL_NANOS);

    assertThat(vm.localPeersProperty().get()).isEqualTo(3);
  }
}
