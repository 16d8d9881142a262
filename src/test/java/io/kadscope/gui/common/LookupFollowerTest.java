package io.kadscope.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LookupFollowerTest {
  @Test
  void all_tellsEveryFollowerTheKey_inTheOrderGiven() {
    List<String> told = new ArrayList<>();
    NodeId key = NodeId.ofKey("greeting");
    LookupFollower lookups = k -> told.add("lookups " + k.shortHex(4));
    LookupFollower ring = k -> told.add("ring " + k.shortHex(4));

    LookupFollower.all(lookups, LookupFollower.NONE, ring).lookupStarting(key);

    assertThat(told).containsExactly("lookups " + key.shortHex(4), "ring " + key.shortHex(4));
  }
}
