package io.kadscope.gui.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.gui.common.Snapshots;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrefixTreeLayoutTest {
  private static final NodeId SELF = NodeId.random(new Random(13));
  private final RoutingSnapshot s = Snapshots.of(SELF, 100, 4, 20, 1);
  private final PrefixTreeLayout layout = PrefixTreeLayout.of(s);

  @Test
  void everyBucketIsALeaf_inIdOrder() {
    assertThat(layout.leaves()).hasSize(5);
    for (int i = 1; i < layout.leaves().size(); i++) {
      assertThat(layout.leaves().get(i).bucket().prefix())
          .isGreaterThan(layout.leaves().get(i - 1).bucket().prefix());
    }
    assertThat(layout.maxDepth()).isEqualTo(4);
  }

  @Test
  void theOwnPath_runsFromTheRootToTheNodesOwnBucket() {
    String own = SELF.leadingBits(4);
    for (int d = 0; d <= 4; d++) {
      assertThat(layout.node(own.substring(0, d)).onOwnPath()).isTrue();
    }
    assertThat(layout.node(own).bucket().ownBucket()).isTrue();
    assertThat(layout.nodes().stream().filter(PrefixTreeLayout.TreeNode::onOwnPath)).hasSize(5);
  }

  @Test
  void anInnerPrefix_sitsAboveTheMiddleOfItsChildren() {
    String own = SELF.leadingBits(4);
    PrefixTreeLayout.TreeNode parent = layout.node(own.substring(0, 3));
    PrefixTreeLayout.TreeNode zero = layout.node(own.substring(0, 3) + "0");
    PrefixTreeLayout.TreeNode one = layout.node(own.substring(0, 3) + "1");

    assertThat(parent.x()).isEqualTo((zero.x() + one.x()) / 2);
  }
}
