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

      List<SeedValues.Seed> seeds = SeedValues.choose(5, self, network, 4, List.of());

      assertThat(seeds).hasSize(5);
      for (SeedValues.Seed s : seeds) {
        NodeId key = NodeId.ofKey(s.key());
        long closer = network.stream().filter(n -> key.compareDistance(n, self) < 0).count();
        assertThat(closer).as(s.key()).isGreaterThanOrEqualTo(4);
      }
    }
  }

  @Test
  void skippedKeys_areNotChosenAgain() {
    Random r = new Random(22);
    List<NodeId> network = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      network.add(NodeId.random(r));
    }
    NodeId self = network.get(0);
    List<String> first =
        SeedValues.choose(3, self, network, 4, List.of()).stream()
            .map(SeedValues.Seed::key)
            .toList();

    List<SeedValues.Seed> more = SeedValues.choose(3, self, network, 4, first);

    assertThat(more).hasSize(3).extracting(SeedValues.Seed::key).doesNotContainAnyElementsOf(first);
  }
}
