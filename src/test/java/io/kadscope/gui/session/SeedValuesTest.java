package io.kadscope.gui.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeedValuesTest {
  @Test
  void chosenKeys_areNeverAmongTheOnesTheWindowsNodeHolds() {
    Random r = new Random(21);
    for (int trial = 0; trial < 20; trial++) {
      List<NodeId> network = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        network.add(NodeId.random(r));
      }
      NodeId self = network.get(0);

      List<SeedValues.Seed> seeds = SeedValues.choose(5, self, network, network.subList(1, 8), 4);

      assertThat(seeds).hasSize(5);
      for (SeedValues.Seed s : seeds) {
        NodeId key = NodeId.ofKey(s.key());
        long closer = network.stream().filter(n -> key.compareDistance(n, self) < 0).count();
        assertThat(closer).as(s.key()).isGreaterThanOrEqualTo(4);
      }
    }
  }

  @Test
  void keysWhoseFirstRoundMisses_comeFirst() {
    Random r = new Random(22);
    List<NodeId> network = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      network.add(NodeId.random(r));
    }
    NodeId self = network.get(0);
    List<NodeId> knows = network.subList(1, 6);

    SeedValues.Seed first = SeedValues.choose(1, self, network, knows, 4).get(0);

    NodeId key = NodeId.ofKey(first.key());
    List<NodeId> holders = network.stream().sorted(key::compareDistance).limit(4).toList();
    List<NodeId> asked = knows.stream().sorted(key::compareDistance).limit(4).toList();
    assertThat(asked).doesNotContainAnyElementsOf(holders);
  }
}
