package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.Defaults;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.SetResult;
import io.kadscope.engine.Value;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RpcPort;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole engine, many nodes at a time, on the in-memory network and virtual time. */
class SimNodeTest {

  @Test
  void valuesSetFromOnePeerAreReadFromEveryOther() {
    SimCluster c = new SimCluster(1, 0);
    c.grow(80, Defaults.K);
    for (int i = 0; i < 30; i++) {
      KademliaNode setter = c.nodes.get(c.random.nextInt(c.nodes.size()));
      SetResult r = c.await(setter.set("key-" + i, Value.of("v-" + i)));
      assertThat(r.copies()).isGreaterThanOrEqualTo(Defaults.K);
    }
    for (int i = 0; i < 30; i++) {
      KademliaNode getter = c.nodes.get(c.random.nextInt(c.nodes.size()));
      assertThat(c.await(getter.get("key-" + i))).contains(Value.of("v-" + i));
    }
    assertThat(c.await(c.nodes.get(5).get("no-such-key"))).isEmpty();
  }

  @Test
  void setStoresOnTheKClosestNodes() {
    SimCluster c = new SimCluster(2, 0);
    c.grow(60, 8);
    NodeId key = NodeId.ofKey("greeting");
    c.await(c.nodes.get(3).set(key, Value.of("hello world")));
    List<KademliaNode> byDistance =
        c.nodes.stream().sorted(Comparator.comparing(n -> key.distance(n.id()))).toList();
    for (KademliaNode n : byDistance.subList(0, 8)) {
      assertThat(n.localValue(key)).as(n.id().toHex()).contains(Value.of("hello world"));
    }
  }

  @Test
  void aLonePeerStoresLocally_andSaysItHadNoContacts() {
    SimCluster c = new SimCluster(3, 0);
    KademliaNode alone = c.add(20, b -> {});
    SetResult r = c.await(alone.set("k", new Value.Int(42)));
    assertThat(r.storedLocally()).isTrue();
    assertThat(r.storedOn()).isEmpty();
    assertThat(c.await(alone.get("k"))).contains(new Value.Int(42));
  }

  @Test
  void aValueTooLargeForADatagramIsRefusedWithAClearMessage() {
    SimCluster c = new SimCluster(4, 0);
    KademliaNode n = c.add(20, b -> {});
    assertThatThrownBy(() -> n.set("big", Value.of("x".repeat(9000))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value too large")
        .hasMessageContaining("8192");
  }

  @Test
  void aNewcomerCloseToAKeyIsHandedTheValue() {
    SimCluster c = new SimCluster(5, 0);
    c.grow(10, 3);
    NodeId key = NodeId.random(c.random);
    c.await(c.nodes.get(1).set(key, Value.of("handed over")));
    // A newcomer whose id is nearly the key: closer than every holder.
    byte[] near = key.toBytes();
    near[19] ^= 1;
    KademliaNode newcomer = c.add(3, b -> b.id(NodeId.of(near)));
    c.await(newcomer.bootstrap(List.of(c.nodes.get(0).address())));
    c.time.advance(Duration.ofSeconds(1));
    assertThat(newcomer.localValue(key)).contains(Value.of("handed over"));
  }

  @Test
  void lookupsStillSucceedWhenAQuarterOfThePeersStop() {
    SimCluster c = new SimCluster(6, 0);
    c.grow(60, Defaults.K);
    for (int i = 0; i < 20; i++) {
      c.await(c.nodes.get(i + 1).set("k" + i, new Value.Int(i)));
    }
    for (int i = 0; i < 15; i++) {
      c.nodes.get(c.nodes.size() - 1 - i).stop();
    }
    List<KademliaNode> alive = c.nodes.subList(0, 45);
    for (int i = 0; i < 20; i++) {
      assertThat(c.await(alive.get(44 - i).get("k" + i))).contains(new Value.Int(i));
    }
  }

  @Test
  void valuesSurviveDaysOfVirtualTime_republishedByTheirHolders() {
    SimCluster c = new SimCluster(7, 0);
    c.grow(30, 5);
    c.await(c.nodes.get(2).set("lasting", Value.of("still here")));
    c.time.advance(Duration.ofHours(72));
    assertThat(c.await(c.nodes.get(20).get("lasting"))).contains(Value.of("still here"));
    assertThat(c.events)
        .filteredOn(e -> e instanceof EngineEvent.ValueRepublished)
        .as("holders republish hourly, the publisher daily")
        .isNotEmpty();
    assertThat(c.events)
        .filteredOn(
            e -> e instanceof EngineEvent.LookupStarted s && s.purpose() == LookupPurpose.REFRESH)
        .as("idle buckets are refreshed")
        .isNotEmpty();
  }

  @Test
  void aCopyHeldFarFromItsKeyExpiresAfterADay_whileTheClosestKeepIt() {
    SimCluster c = new SimCluster(8, 0);
    c.grow(40, 4);
    NodeId key = NodeId.random(c.random);
    c.await(c.nodes.get(0).set(key, Value.of("v")));
    KademliaNode farthest =
        c.nodes.stream().max(Comparator.comparing(n -> key.distance(n.id()))).get();
    // Plant a stray copy on the farthest peer, as a stale cache would be.
    RpcPort stranger = c.net.newPort();
    stranger.serve((from, req) -> null);
    c.await(
        stranger.send(
            farthest.address(),
            new Request.Store(NodeId.random(c.random), key, Value.of("v")),
            Duration.ofSeconds(5)));
    assertThat(farthest.localValue(key)).isPresent();
    c.time.advance(Duration.ofHours(25));
    assertThat(farthest.localValue(key)).as("expired on the far peer").isEmpty();
    assertThat(c.events)
        .filteredOn(e -> e instanceof EngineEvent.ValueExpired x && x.node().equals(farthest.id()))
        .isNotEmpty();
    KademliaNode closest =
        c.nodes.stream().min(Comparator.comparing(n -> key.distance(n.id()))).get();
    assertThat(closest.localValue(key)).contains(Value.of("v"));
  }

  @Test
  void everyLookupStepIsPublished_fromStartToFinish() {
    SimCluster c = new SimCluster(9, 0);
    c.grow(50, Defaults.K);
    KademliaNode node = c.nodes.get(7);
    long id = c.await(node.findNode(NodeId.random(c.random))).lookupId();
    List<EngineEvent> mine =
        c.events.stream()
            .filter(e -> e.node().equals(node.id()))
            .filter(
                e ->
                    (e instanceof EngineEvent.LookupStarted s && s.lookupId() == id)
                        || (e instanceof EngineEvent.LookupStep p && p.lookupId() == id)
                        || (e instanceof EngineEvent.LookupFinished f && f.lookupId() == id)
                        || (e instanceof EngineEvent.RpcSent r && r.lookupId() == id))
            .toList();
    assertThat(mine.get(0)).isInstanceOf(EngineEvent.LookupStarted.class);
    long sent = mine.stream().filter(e -> e instanceof EngineEvent.RpcSent).count();
    List<EngineEvent> steps =
        mine.stream().filter(e -> e instanceof EngineEvent.LookupStep).toList();
    EngineEvent.LookupFinished finished =
        mine.stream()
            .filter(e -> e instanceof EngineEvent.LookupFinished)
            .map(e -> (EngineEvent.LookupFinished) e)
            .findFirst()
            .orElseThrow();
    assertThat(finished.kind()).isEqualTo(LookupKind.NODE);
    assertThat(finished.rpcs()).isEqualTo(sent);
    assertThat(finished.closest()).hasSize(Defaults.K);
    assertThat(steps.size()).isGreaterThanOrEqualTo(Defaults.K).isLessThanOrEqualTo((int) sent);
    assertThat(mine.indexOf(finished)).isGreaterThan(mine.indexOf(steps.get(steps.size() - 1)));
  }

  @Test
  void aLookupsIterations_areTheRoundTripsItTook_whenEveryMessageTakesTheSameTime() {
    SimCluster c = new SimCluster(13, 0);
    c.grow(200, Defaults.K);
    for (int i = 0; i < 10; i++) {
      KademliaNode node = c.nodes.get(c.random.nextInt(c.nodes.size()));
      long id = c.await(node.findNode(NodeId.random(c.random))).lookupId();
      EngineEvent.LookupFinished f =
          c.events.stream()
              .filter(e -> e instanceof EngineEvent.LookupFinished x && x.lookupId() == id)
              .map(e -> (EngineEvent.LookupFinished) e)
              .filter(x -> x.node().equals(node.id()))
              .findFirst()
              .orElseThrow();
      // SimCluster's messages take 2 ms one way: a round trip is 4 ms.
      assertThat(f.elapsed()).isEqualTo(Duration.ofMillis(4L * f.iterations()));
      assertThat(f.iterations()).isGreaterThanOrEqualTo(f.rounds());
    }
  }

  @Test
  void aNodeThatLooksUpInRounds_findsTheTrueClosestToo() {
    SimCluster c = new SimCluster(14, 0);
    c.grow(150, Defaults.K);
    KademliaNode rounds = c.add(Defaults.K, b -> b.lookupMode(LookupMode.ROUNDS));
    c.await(rounds.bootstrap(List.of(c.nodes.get(0).address())));
    NodeId target = NodeId.random(c.random);

    var r = c.await(rounds.findNode(target));

    List<NodeId> truth =
        c.nodes.stream()
            .map(KademliaNode::id)
            .filter(id -> !id.equals(rounds.id()))
            .sorted(target::compareDistance)
            .limit(Defaults.K)
            .toList();
    assertThat(r.closest()).extracting(co -> co.id()).containsExactlyElementsOf(truth);
  }

  @Test
  void joinRefreshesFartherBuckets_unlessToldToJoinAsThePythonPeersDo() {
    SimCluster c = new SimCluster(11, 0);
    c.grow(60, 4);
    KademliaNode paper = c.add(4, b -> {});
    KademliaNode newcomer = c.add(4, b -> b.refreshOnJoin(false));
    c.events.clear();
    c.await(paper.bootstrap(List.of(c.nodes.get(0).address())));
    c.await(newcomer.bootstrap(List.of(c.nodes.get(0).address())));
    // the refreshes a join owes run in the background, spread over its first minute
    c.time.advance(Defaults.JOIN_REFRESH_SPREAD.plusSeconds(2));
    assertThat(c.events)
        .filteredOn(
            e -> e instanceof EngineEvent.LookupStarted s && s.purpose() == LookupPurpose.REFRESH)
        .extracting(EngineEvent::node)
        .contains(paper.id())
        .doesNotContain(newcomer.id());
  }

  @Test
  void aRestartedPublisherStillRepublishesWhatItPublishedButDoesNotHold() {
    SimCluster c = new SimCluster(12, 0);
    c.grow(40, 4);
    KademliaNode publisher = c.nodes.get(5);
    // A key the publisher is far from, so that it is not among the 4 holders.
    NodeId key =
        java.util.stream.IntStream.range(0, 1000)
            .mapToObj(i -> NodeId.ofKey("far-" + i))
            .filter(k -> k.sharedPrefixLength(publisher.id()) == 0)
            .findFirst()
            .orElseThrow();
    c.await(publisher.set(key, Value.of("mine")));
    assertThat(publisher.localValue(key)).isEmpty();
    var state = publisher.exportState();
    assertThat(state.values()).extracting(v -> v.key()).doesNotContain(key);
    assertThat(state.published()).extracting(v -> v.key()).containsExactly(key);

    publisher.stop();
    KademliaNode back = c.add(4, b -> b.restore(state));
    c.await(back.bootstrap(List.of(c.nodes.get(0).address())));
    assertThat(back.id()).isEqualTo(publisher.id());
    assertThat(back.localValue(key)).as("restored as published, not as held").isEmpty();
    c.time.advance(Duration.ofHours(25));
    assertThat(c.events)
        .filteredOn(e -> e instanceof EngineEvent.ValueRepublished r && r.node().equals(back.id()))
        .extracting(e -> ((EngineEvent.ValueRepublished) e).key())
        .contains(key);
  }

  @Test
  void lookupsConvergeUnderMessageLoss() {
    SimCluster c = new SimCluster(10, 0.05);
    c.grow(60, Defaults.K);
    c.await(c.nodes.get(1).set("lossy", Value.of("ok")));
    Optional<Value> v = c.await(c.nodes.get(50).get("lossy"));
    assertThat(v).contains(Value.of("ok"));
  }
}
