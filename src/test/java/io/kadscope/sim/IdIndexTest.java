package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdIndexTest {

  @Test
  void closest_agreesWithABruteForceSort_forManySizesTargetsAndExclusions() {
    Random r = new Random(5);
    for (int trial = 0; trial < 40; trial++) {
      IdIndex index = new IdIndex();
      List<NodeId> all = new ArrayList<>();
      int n = trial < 5 ? trial : r.nextInt(3000);
      for (int i = 0; i < n; i++) {
        NodeId id = NodeId.random(r);
        all.add(id);
        index.add(id);
      }
      for (int q = 0; q < 25; q++) {
        NodeId target = !all.isEmpty() && q % 4 == 0 ? all.get(r.nextInt(n)) : NodeId.random(r);
        NodeId exclude = !all.isEmpty() && r.nextBoolean() ? all.get(r.nextInt(n)) : null;
        int k = 1 + r.nextInt(30);
        List<NodeId> expected =
            all.stream()
                .filter(id -> !id.equals(exclude))
                .sorted(target::compareDistance)
                .limit(k)
                .toList();
        assertThat(index.closest(target, k, exclude)).containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void aRemovedIdIsNoLongerAmongTheClosest() {
    IdIndex index = new IdIndex();
    Random r = new Random(8);
    for (int i = 0; i < 500; i++) {
      index.add(NodeId.random(r));
    }
    NodeId target = NodeId.random(r);
    NodeId nearest = index.closest(target, 1, null).get(0);
    index.remove(nearest);
    assertThat(index.closest(target, 20, null)).doesNotContain(nearest).hasSize(20);
    assertThat(index.size()).isEqualTo(499);
  }
}
