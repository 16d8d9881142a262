package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.sim.SimNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The facade: life cycle, builder, and each operation, on the simulated network. */
class KademliaNodeTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final Random random = new Random(5);
  private final SimNetwork net = new SimNetwork(time, Duration.ofMillis(5), 0, random);
  private final List<EngineEvent> events = new ArrayList<>();

  private KademliaNode node(Consumer<KademliaNode.Builder> custom) {
    KademliaNode.Builder b =
        KademliaNode.builder()
            .rpcPort(net.newPort())
            .scheduler(time)
            .clock(time.clock())
            .random(random)
            .rpcTimeout(Duration.ofSeconds(1))
            .listener(events::add);
    custom.accept(b);
    return b.build();
  }

  private KademliaNode started() {
    KademliaNode n = node(b -> {});
    n.start();
    return n;
  }

  /** {@code count} started nodes, each joined through the first. */
  private List<KademliaNode> network(int count) {
    List<KademliaNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KademliaNode n = started();
      if (i > 0) {
        await(n.bootstrap(List.of(nodes.get(0).address())));
      }
      nodes.add(n);
    }
    return nodes;
  }

  private <T> T await(CompletableFuture<T> f) {
    for (int i = 0; i < 100_000 && !f.isDone(); i++) {
      time.advance(Duration.ofMillis(1));
    }
    assertThat(f).as("done within 100 virtual seconds").isDone();
    return f.join();
  }

  @Test
  void start_announcesTheNode_andStop_closesItsPort() {
    KademliaNode a = started();
    KademliaNode b = started();
    assertThat(a.isRunning()).isTrue();
    assertThat(events).contains(new EngineEvent.NodeStarted(time.now(), a.id(), a.address()));

    a.stop();
    a.stop();

    assertThat(a.isRunning()).isFalse();
    assertThat(events)
        .filteredOn(e -> e instanceof EngineEvent.NodeStopped s && s.node().equals(a.id()))
        .hasSize(1);
    assertThat(await(b.ping(a.address()))).as("a stopped node answers nothing").isEmpty();
  }

  @Test
  void startTwice_startsOnce() {
    KademliaNode a = node(b -> {});
    a.start();
    a.start();

    assertThat(events).filteredOn(e -> e instanceof EngineEvent.NodeStarted).hasSize(1);
  }

  @Test
  void stop_failsWhatIsUnderWay() {
    KademliaNode a = started();
    RpcPort silent = net.newPort();
    silent.serve((from, r) -> null);
    CompletableFuture<Optional<NodeId>> ping = a.ping(silent.localAddress());

    a.close();

    assertThat(ping).isCompletedWithValue(Optional.empty());
  }

  @Test
  void theBuilder_needsAPortAndAScheduler_andSaysSo() {
    assertThatThrownBy(() -> KademliaNode.builder().scheduler(time).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("an RpcPort is required");
    assertThatThrownBy(() -> KademliaNode.builder().rpcPort(net.newPort()).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a Scheduler is required");
  }

  @Test
  void theBuilder_refusesSettingsOutOfRange_namingWhatItFound() {
    KademliaNode.Builder b = KademliaNode.builder();
    assertThatThrownBy(() -> b.k(0)).hasMessage("k must be at least 1, found 0");
    assertThatThrownBy(() -> b.alpha(-1)).hasMessage("alpha must be at least 1, found -1");
    assertThatThrownBy(() -> b.maxFailures(0))
        .hasMessage("maxFailures must be at least 1, found 0");
    assertThatThrownBy(() -> b.rpcTimeout(Duration.ZERO))
        .hasMessage("the RPC timeout must be positive, found PT0S");
  }

  @Test
  void theBuilder_hasTheDefaultsOfDefaults_andTakesWhatIsSet() {
    KademliaNode plain = node(b -> {});
    NodeId id = NodeId.ofKey("me");
    KademliaNode set = node(b -> b.id(id).k(8).alpha(2));

    assertThat(plain.k()).isEqualTo(Defaults.K);
    assertThat(plain.alpha()).isEqualTo(Defaults.ALPHA);
    assertThat(plain.clock()).isSameAs(time.clock());
    assertThat(set.id()).isEqualTo(id);
    assertThat(set.k()).isEqualTo(8);
    assertThat(set.alpha()).isEqualTo(2);
    assertThat(set.contact()).isEqualTo(new Contact(id, set.address()));
  }

  @Test
  void maxFailures_isHowManyUnansweredRpcsDropAContact() {
    KademliaNode a = node(b -> b.maxFailures(1));
    a.start();
    KademliaNode b = started();
    await(a.bootstrap(List.of(b.address())));
    assertThat(a.routingSnapshot().size()).isEqualTo(1);

    b.stop();
    await(a.findNode(NodeId.random(random)));

    assertThat(a.routingSnapshot().size()).as("dropped after one failure").isZero();
  }

  @Test
  void setAndGet_acrossTheNetwork() {
    List<KademliaNode> nodes = network(12);

    SetResult s = await(nodes.get(3).set("greeting", Value.of("hello")));
    Optional<Value> v = await(nodes.get(9).get("greeting"));

    assertThat(s.copies()).isGreaterThanOrEqualTo(12);
    assertThat(v).contains(Value.of("hello"));
    assertThat(await(nodes.get(9).get("no such key"))).isEmpty();
  }

  @Test
  void delete_storesTheEmptyString_asTheCoursesDelDoes() {
    List<KademliaNode> nodes = network(3);
    await(nodes.get(1).set("k", Value.of("v")));

    await(nodes.get(1).delete("k"));

    assertThat(await(nodes.get(2).get("k"))).contains(Value.of(""));
  }

  @Test
  void lookupValue_readsLocalStorageFirst_andElseAsksTheNetwork() {
    List<KademliaNode> nodes = network(5);
    NodeId key = NodeId.ofKey("k");
    await(nodes.get(0).set(key, Value.of("v")));
    KademliaNode holder = nodes.get(1);
    KademliaNode asker = node(b -> {});
    asker.start();
    await(asker.bootstrap(List.of(holder.address())));
    asker.clearLocalStore();

    GetResult local = await(holder.lookupValue(key));
    GetResult remote = await(asker.lookupValue(key));

    assertThat(local.local()).isTrue();
    assertThat(local.lookup()).isEmpty();
    assertThat(remote.local()).isFalse();
    assertThat(remote.value()).contains(Value.of("v"));
    assertThat(remote.lookup()).map(LookupResult::holder).isPresent();
  }

  @Test
  void lookupValueInNetwork_asksTheNetworkEvenForAValueHeldHere() {
    List<KademliaNode> nodes = network(5);
    NodeId key = NodeId.ofKey("k");
    await(nodes.get(0).set(key, Value.of("v")));
    KademliaNode holder =
        nodes.stream().filter(n -> n.localValue(key).isPresent()).findFirst().orElseThrow();

    GetResult r = await(holder.lookupValueInNetwork(key));

    assertThat(r.local()).isFalse();
    assertThat(r.lookup()).isPresent();
    assertThat(r.value()).contains(Value.of("v"));
  }

  @Test
  void findNode_findsTheKClosest() {
    List<KademliaNode> nodes = network(10);
    NodeId target = NodeId.random(random);

    LookupResult r = await(nodes.get(4).findNode(target));

    List<NodeId> truth =
        nodes.stream()
            .map(KademliaNode::id)
            .filter(id -> !id.equals(nodes.get(4).id()))
            .sorted(target::compareDistance)
            .toList();
    assertThat(r.closest()).extracting(Contact::id).containsExactlyElementsOf(truth);
  }

  @Test
  void addContact_putsAKnownPeerInTheTable_withoutSendingItAnything() {
    KademliaNode a = started();
    KademliaNode b = started();
    events.clear();

    assertThat(a.addContact(b.contact(), Duration.ofMillis(10))).isTrue();
    assertThat(a.addContact(a.contact(), null)).as("never itself").isFalse();

    assertThat(a.routingSnapshot().contains(b.contact())).isTrue();
    assertThat(events).noneMatch(e -> e instanceof EngineEvent.RpcSent);
    assertThat(await(a.findNode(b.id())).closest()).containsExactly(b.contact());
  }

  @Test
  void exportState_andRestore_bringTheNodeBackAsItself() {
    List<KademliaNode> nodes = network(4);
    KademliaNode a = nodes.get(2);
    await(a.set("mine", Value.of("v")));
    a.stop();

    NodeState state = a.exportState();
    KademliaNode back = node(b -> b.restore(state).id(NodeId.ofKey("ignored")));

    assertThat(back.id()).as("the saved id wins").isEqualTo(a.id());
    assertThat(state.contacts()).isNotEmpty();
    assertThat(back.storeSnapshot().values()).isEqualTo(a.storeSnapshot().values());
    back.start();
    int known = await(back.bootstrap(List.of()));
    assertThat(known).as("rejoined through the saved contacts").isPositive();
  }

  @Test
  void aListenerAdded_seesLaterEvents_untilItIsRemoved() {
    KademliaNode a = started();
    KademliaNode b = started();
    List<EngineEvent> seen = new ArrayList<>();
    EngineListener listener = seen::add;
    a.addListener(listener);

    await(a.ping(b.address()));
    int afterFirst = seen.size();
    a.removeListener(listener);
    await(a.ping(b.address()));

    assertThat(afterFirst).isPositive();
    assertThat(seen).hasSize(afterFirst);
  }

  @Test
  void aNodeBuiltWithoutListeners_publishesToOneAddedLater() {
    KademliaNode quiet =
        KademliaNode.builder()
            .rpcPort(net.newPort())
            .scheduler(time)
            .clock(time.clock())
            .random(random)
            .build();
    quiet.start();
    KademliaNode b = started();
    await(quiet.ping(b.address()));
    List<EngineEvent> seen = new ArrayList<>();
    quiet.addListener(seen::add);

    await(quiet.findNode(b.id()));

    assertThat(seen)
        .hasAtLeastOneElementOfType(EngineEvent.RpcSent.class)
        .hasAtLeastOneElementOfType(EngineEvent.RpcAnswered.class)
        .hasAtLeastOneElementOfType(EngineEvent.ContactMoved.class)
        .hasAtLeastOneElementOfType(EngineEvent.LookupStep.class)
        .hasAtLeastOneElementOfType(EngineEvent.LookupFinished.class);
  }

  @Test
  void aListenerThatThrows_stopsNeitherTheOthersNorTheNode() {
    KademliaNode a = started();
    KademliaNode b = started();
    a.addListener(
        e -> {
          throw new IllegalStateException("a bug in a listener");
        });
    List<EngineEvent> seen = new ArrayList<>();
    a.addListener(seen::add);

    assertThat(await(a.ping(b.address()))).contains(b.id());
    assertThat(seen).isNotEmpty();
  }

  @Test
  void rpcStats_areThePorts() {
    KademliaNode a = started();
    KademliaNode b = started();

    await(a.ping(b.address()));
    time.advance(Duration.ofSeconds(1));

    // Every datagram a port received is a request it answered or an answer it took (each node
    // also pings the other, new to it, before handing it values).
    for (KademliaNode n : List.of(a, b)) {
      long seen =
          events.stream()
              .filter(e -> e.node().equals(n.id()))
              .filter(
                  e -> e instanceof EngineEvent.RpcReceived || e instanceof EngineEvent.RpcAnswered)
              .count();
      assertThat(n.rpcStats().received()).isEqualTo(seen).isGreaterThanOrEqualTo(2);
    }
  }
}
