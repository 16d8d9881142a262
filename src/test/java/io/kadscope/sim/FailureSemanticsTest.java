package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.GetResult;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.SetResult;
import io.kadscope.engine.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a get and a set say when they fail: no such key, no peer answered, how many stored. */
class FailureSemanticsTest {

  @Test
  void aGetOfAMissingKey_thatPeersAnswered_isNotFound() {
    SimCluster c = new SimCluster(31, 0);
    c.grow(10, 4);

    GetResult r = c.await(c.nodes.get(3).lookupValue("no-such-key"));

    assertThat(r.outcome()).isEqualTo(GetResult.Outcome.NOT_FOUND);
    assertThat(r.value()).isEmpty();
    assertThat(r.asked()).isPositive();
  }

  @Test
  void aGetThatNoPeerAnswers_isNoAnswer_notNotFound() {
    SimCluster c = new SimCluster(32, 0);
    c.grow(6, 4);
    KademliaNode left = c.nodes.get(5);
    c.nodes.subList(0, 5).forEach(KademliaNode::stop);

    GetResult r = c.await(left.lookupValue("anything"));

    assertThat(r.outcome()).isEqualTo(GetResult.Outcome.NO_ANSWER);
    assertThat(r.asked()).isPositive();
  }

  @Test
  void aLonePeer_findsNoSuchKey_withoutAskingAnyone() {
    SimCluster c = new SimCluster(33, 0);
    KademliaNode alone = c.add(20, b -> {});

    GetResult r = c.await(alone.lookupValue("anything"));

    assertThat(r.outcome()).isEqualTo(GetResult.Outcome.NOT_FOUND);
    assertThat(r.asked()).isZero();
  }

  @Test
  void aSet_saysHowManyOfTheClosestAcknowledged() {
    SimCluster c = new SimCluster(34, 0);
    c.grow(12, 4);
    KademliaNode setter = c.nodes.get(11);

    SetResult all = c.await(setter.set("k1", Value.of("v")));
    c.nodes.subList(0, 6).forEach(KademliaNode::stop);
    SetResult some = c.await(setter.set("k2", Value.of("v")));

    assertThat(all.outcome()).isEqualTo(SetResult.Outcome.STORED);
    assertThat(all.acknowledged()).isEqualTo(all.asked()).isGreaterThanOrEqualTo(3);
    assertThat(some.acknowledged() + some.failedOn().size()).isEqualTo(some.asked());
    assertThat(some.outcome()).isIn(SetResult.Outcome.STORED, SetResult.Outcome.PARTLY_STORED);
  }

  @Test
  void aSetThatNoPeerAnswers_isNotStored_butHeldHere() {
    SimCluster c = new SimCluster(35, 0);
    c.grow(4, 4);
    KademliaNode left = c.nodes.get(3);
    c.nodes.subList(0, 3).forEach(KademliaNode::stop);
    c.time.advance(Duration.ofSeconds(1));

    SetResult r = c.await(left.set("k", Value.of("v")));

    assertThat(r.outcome()).isEqualTo(SetResult.Outcome.NOT_STORED);
    assertThat(r.storedLocally()).isTrue();
    assertThat(r.acknowledged()).isZero();
    assertThat(List.of(r.outcome())).doesNotContain(SetResult.Outcome.ALONE);
  }
}
