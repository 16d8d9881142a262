package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.GetResult;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.NodeState;
import io.kadscope.engine.Value;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.lookup.ValueChoice;
import io.kadscope.engine.store.StoredValue;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Peers that hold different values for one key, as after a set that some missed: the get settles on
 * the value the closest hold, and reports every value and who held it.
 */
class ConflictingValuesTest {
  private static final int K = 8;

  /** A network of 40 peers, the key set to "fresh", then "stale" planted on some of them. */
  private SimCluster network(NodeId key) {
    SimCluster c = new SimCluster(21, 0);
    c.grow(40, K);
    c.await(c.nodes.get(0).set(key, Value.of("fresh")));
    return c;
  }

  /** The nodes by distance to {@code key}, nearest first. */
  private static List<KademliaNode> byDistance(SimCluster c, NodeId key) {
    return c.nodes.stream().sorted(Comparator.comparing(n -> key.distance(n.id()))).toList();
  }

  /** Replaces {@code n} by a node with its id and address that holds {@code value} under key. */
  private static void plant(SimCluster c, KademliaNode n, NodeId key, Value value) {
    NodeState s = n.exportState();
    NodeState stale =
        new NodeState(
            s.id(),
            s.contacts(),
            List.of(new StoredValue(key, value, c.time.now(), false, c.time.now())));
    n.stop();
    c.nodes.remove(n);
    c.addAt(n.address(), K, b -> b.restore(stale));
  }

  @Test
  void aGet_settlesOnTheValueMostOfTheClosestHold_andReportsTheConflict() {
    NodeId key = NodeId.ofKey("contested");
    SimCluster c = network(key);
    List<KademliaNode> near = byDistance(c, key);
    // Three of the eight closest missed the latest set and hold an older value.
    for (KademliaNode n : near.subList(1, 4)) {
      plant(c, n, key, Value.of("stale"));
    }
    KademliaNode getter = byDistance(c, key).get(39);
    getter.clearLocalStore();

    GetResult r = c.await(getter.lookupValueInNetwork(key, StopPolicy.AFTER_K_CLOSEST));

    assertThat(r.value()).contains(Value.of("fresh"));
    assertThat(r.conflicting()).isTrue();
    // Every holder the lookup heard counts: the planted ones it reached hold the older value.
    List<NodeId> planted = near.subList(1, 4).stream().map(KademliaNode::id).toList();
    assertThat(r.candidates())
        .extracting(ValueChoice.Candidate::value)
        .containsExactly(Value.of("fresh"), Value.of("stale"));
    ValueChoice.Candidate stale = r.candidates().get(1);
    assertThat(stale.holders()).hasSizeBetween(2, 3);
    assertThat(stale.holders()).allMatch(h -> planted.contains(h.id()));
    assertThat(r.candidates().get(0).amongClosest()).isGreaterThan(stale.amongClosest());
  }

  @Test
  void theNodeNearestTheKey_cannotImposeItsValueAlone() {
    NodeId key = NodeId.ofKey("poisoned");
    SimCluster c = network(key);
    plant(c, byDistance(c, key).get(0), key, Value.of("poison"));
    KademliaNode getter = byDistance(c, key).get(39);
    getter.clearLocalStore();

    GetResult r = c.await(getter.lookupValueInNetwork(key, StopPolicy.AFTER_K_CLOSEST));

    assertThat(r.value()).contains(Value.of("fresh"));
    assertThat(r.candidates().get(1).value()).isEqualTo(Value.of("poison"));
    assertThat(r.candidates().get(1).holders()).singleElement();
  }
}
