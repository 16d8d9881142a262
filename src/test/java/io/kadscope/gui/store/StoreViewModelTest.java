package io.kadscope.gui.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.gui.GuiLaunch;
import io.kadscope.gui.common.KeyHolders;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.fx.RecordingNotifier;
import io.kadscope.gui.session.NodeSession;
import io.kadscope.gui.testnet.TestNetworks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The form's view-model on a session and real peers on 127.0.0.1, with no FX thread. */
class StoreViewModelTest {
  private final NodeFactory factory = TestNetworks.factory();
  private final List<KademliaNode> peers = new ArrayList<>();
  private final NodeSession session =
      new NodeSession(new GuiLaunch(GuiLaunch.Mode.CREATE, null, 0, 0, 0, factory), e -> {});
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final List<NodeId> followed = new ArrayList<>();
  private final KeyHolders holders = new KeyHolders();

  private KademliaNode peer() {
    KademliaNode n = factory.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    n.start();
    peers.add(n);
    return n;
  }

  /** The form on the session's node, started alone, its outcomes handled by {@code fx}. */
  private StoreViewModel form(Executor fx) throws Exception {
    session.start().get(10, TimeUnit.SECONDS);
    SnapshotCache snapshots = new SnapshotCache(session::routingSnapshot, session::storeSnapshot);
    return new StoreViewModel(session, snapshots, notifier, fx, followed::add, holders);
  }

  private StoreViewModel form() throws Exception {
    return form(Runnable::run);
  }

  @AfterEach
  void stop() {
    session.close();
    peers.forEach(KademliaNode::stop);
    factory.close();
  }

  @Test
  void setThenGetFromAClearedStore_findsTheValueThroughTheNetwork() throws Exception {
    KademliaNode a = peer();
    StoreViewModel form = form();
    session.join(a.address()).get(10, TimeUnit.SECONDS);
    form.keyProperty().set("answer");
    form.typeProperty().set(ValueType.INT);
    form.valueProperty().set("42");

    form.set().get(10, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get())
        .startsWith(
            "Stored \"answer\" = 42 (int): 1 of the 1 closest nodes acknowledged the store");
    form.clearLocalStore();
    form.get().get(10, TimeUnit.SECONDS);

    assertThat(form.resultProperty().get()).startsWith("Found \"answer\" = 42 (int) at 127.0.0.1:");
    assertThat(holders.litProperty().get().source()).contains(a.id());
    assertThat(followed).containsExactly(NodeId.ofKey("answer"), NodeId.ofKey("answer"));
    assertThat(notifier.errors).isEmpty();
  }

  @Test
  void withNoContacts_getSaysThereIsNobodyToAsk() throws Exception {
    StoreViewModel form = form();
    form.keyProperty().set("greeting");

    form.get().get(5, TimeUnit.SECONDS);

    assertThat(notifier.errors)
        .containsExactly(
            "No contacts yet: nobody to ask for \"greeting\". Join a network in the Network panel.");
  }

  @Test
  void aValueTooLargeForADatagram_isRefusedWithTheLimitInWords() throws Exception {
    StoreViewModel form = form();
    form.keyProperty().set("big");
    form.valueProperty().set("x".repeat(9000));

    form.set().get(5, TimeUnit.SECONDS);

    assertThat(notifier.errors).last().asString().startsWith("Value too large: 9005 bytes encoded");
  }

  @Test
  void textThatIsNotOfTheChosenType_isRefusedBeforeAnythingIsSent() throws Exception {
    StoreViewModel form = form();
    form.keyProperty().set("pi");
    form.typeProperty().set(ValueType.FLOAT);
    form.valueProperty().set("pi");

    form.set().get(5, TimeUnit.SECONDS);

    assertThat(form.resultProperty().get())
        .isEqualTo("A float is a number such as 3.14 or 1e-3; \"pi\" is not one.");
    assertThat(followed).isEmpty();
  }

  @Test
  void whileALookupRuns_theFormIsBusy_andItsOutcomeWaitsForTheFxThread() throws Exception {
    KademliaNode a = peer();
    CompletableFuture<Runnable> delivered = new CompletableFuture<>();
    StoreViewModel form = form(delivered::complete);
    session.join(a.address()).get(10, TimeUnit.SECONDS);
    form.keyProperty().set("course");

    CompletableFuture<Void> done = form.findNodes();
    assertThat(followed).containsExactly(NodeId.ofKey("course"));
    assertThat(form.busyProperty().get()).isTrue();
    assertThat(form.resultProperty().get()).isEqualTo("working…");
    Runnable outcome = delivered.get(10, TimeUnit.SECONDS);
    assertThat(form.busyProperty().get()).isTrue();
    outcome.run();

    assertThat(done).isCompleted();
    assertThat(form.busyProperty().get()).isFalse();
    assertThat(form.resultProperty().get())
        .startsWith("The ")
        .contains(" nodes closest to \"course\" answered after ");
  }

  @Test
  void gettingAKeyThisNodeHolds_saysNoLookupRan_andOffersTheLookup_whichThenRuns()
      throws Exception {
    KademliaNode a = peer();
    StoreViewModel form = form();
    session.join(a.address()).get(10, TimeUnit.SECONDS);
    form.keyProperty().set("held");
    form.valueProperty().set("here");
    form.set().get(10, TimeUnit.SECONDS);
    followed.clear();

    form.get().get(10, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get())
        .isEqualTo(
            "Found \"held\" = here here, in this node's own store: no lookup ran. “Ask the"
                + " network” runs the lookup anyway.");
    assertThat(form.networkOfferedProperty().get()).isTrue();

    form.getFromNetwork().get(10, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get()).startsWith("Found \"held\" = here (str) at 127.0.0.1:");
    assertThat(form.networkOfferedProperty().get()).isFalse();
    assertThat(followed).containsExactly(NodeId.ofKey("held"), NodeId.ofKey("held"));
  }

  @Test
  void aGetThatNoPeerAnswers_saysSo_ratherThanThatTheKeyDoesNotExist() throws Exception {
    KademliaNode a = peer();
    StoreViewModel form = form();
    session.join(a.address()).get(10, TimeUnit.SECONDS);
    form.keyProperty().set("nowhere");

    form.get().get(10, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get())
        .startsWith("No such key: 1 node closest to \"nowhere\" answered and none holds a value");

    a.stop();
    form.get().get(20, TimeUnit.SECONDS);
    assertThat(form.resultProperty().get())
        .startsWith("No peer answered: every one of the 1 node asked for \"nowhere\" timed out");
  }

  @Test
  void theHint_andTheDefaultButton_followWhatIsTyped() throws Exception {
    StoreViewModel form = form();
    assertThat(form.keyProperty().get()).as("no demo key outside the demo network").isEmpty();
    assertThat(form.valueProperty().get()).isEmpty();
    assertThat(form.hintProperty().get()).startsWith("Try: type a key and a value and press Set");
    assertThat(form.valueEmptyProperty().get()).isTrue();

    form.offerKey("greeting");
    assertThat(form.hintProperty().get())
        .startsWith("Try: press Get (or Enter) to look \"greeting\" up");
    form.valueProperty().set("hi");
    assertThat(form.valueEmptyProperty().get()).isFalse();
    assertThat(form.hintProperty().get()).startsWith("Press Set (or Enter) to store \"greeting\"");
  }
}
