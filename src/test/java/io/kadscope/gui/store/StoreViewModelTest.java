package io.kadscope.gui.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.fx.RecordingNotifier;
import io.kadscope.gui.session.KeyNames;
import io.kadscope.gui.testnet.TestNetworks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The form's view-model on real nodes in memory, with no FX thread. */
class StoreViewModelTest {
  private final NodeFactory factory = TestNetworks.factory();
  private final List<KademliaNode> nodes = new ArrayList<>();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final List<NodeId> followed = new ArrayList<>();

  private KademliaNode node() {
    KademliaNode n = factory.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    n.start();
    nodes.add(n);
    return n;
  }

  private StoreViewModel formOn(KademliaNode n) {
    SnapshotCache model = new SnapshotCache(n::routingSnapshot, n::storeSnapshot);
    return new StoreViewModel(n, model, new KeyNames(), notifier, Runnable::run, followed::add);
  }

  @AfterEach
  void stop() {
    nodes.forEach(KademliaNode::stop);
    factory.close();
  }

  @Test
  void setThenGetFromAClearedStore_findsTheValueThroughTheNetwork() throws Exception {
    KademliaNode a = node();
    KademliaNode b = node();
    b.bootstrap(List.of(a.address())).get(10, TimeUnit.SECONDS);
    StoreViewModel form = formOn(b);
    form.keyProperty().set("answer");
    form.typeProperty().set(ValueType.INT);
    form.valueProperty().set("42");

    form.set().get(10, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get()).startsWith("Stored \"answer\" = 42 (int) on 1 node");
    form.clearLocalStore();
    form.get().get(10, TimeUnit.SECONDS);

    assertThat(form.resultProperty().get()).startsWith("Found \"answer\" = 42 (int) at 127.0.0.1:");
    assertThat(followed).containsExactly(NodeId.ofKey("answer"), NodeId.ofKey("answer"));
    assertThat(notifier.errors).isEmpty();
  }

  @Test
  void withNoContacts_getSaysThereIsNobodyToAsk() throws Exception {
    StoreViewModel form = formOn(node());
    form.keyProperty().set("greeting");

    form.get().get(5, TimeUnit.SECONDS);

    assertThat(notifier.errors)
        .containsExactly(
            "No contacts yet: nobody to ask for \"greeting\". Join a network in the Network panel.");
  }

  @Test
  void aValueTooLargeForADatagram_isRefusedWithTheLimitInWords() throws Exception {
    StoreViewModel form = formOn(node());
    form.valueProperty().set("x".repeat(9000));

    form.set().get(5, TimeUnit.SECONDS);

    assertThat(notifier.errors).last().asString().startsWith("Value too large: 9005 bytes encoded");
  }

  @Test
  void textThatIsNotOfTheChosenType_isRefusedBeforeAnythingIsSent() throws Exception {
    StoreViewModel form = formOn(node());
    form.typeProperty().set(ValueType.FLOAT);
    form.valueProperty().set("pi");

    form.set().get(5, TimeUnit.SECONDS);

    assertThat(form.resultProperty().get())
        .isEqualTo("A float is a number such as 3.14 or 1e-3; \"pi\" is not one.");
    assertThat(followed).isEmpty();
  }
}
