package io.kadscope.gui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.gui.session.Progress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CrawlTest {
  private static final int K = 20;

  private static List<NodeId> ids(int n, long seed) {
    Random r = new Random(seed);
    List<NodeId> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(NodeId.random(r));
    }
    return out;
  }

  /** A perfect lookup: the true k closest of {@code ids}. */
  private static CompletableFuture<List<Contact>> closest(List<NodeId> ids, NodeId target) {
    return CompletableFuture.completedFuture(
        ids.stream()
            .sorted(target::compareDistance)
            .limit(K)
            .map(id -> new Contact(id, new InetSocketAddress("127.0.0.1", 1)))
            .toList());
  }

  @Test
  void theEstimate_fromTheDensityOfTheKClosest_landsNearTheTrueSize() {
    List<NodeId> all = ids(10_000, 1);

    SizeEstimate e = NetworkMapViewModel.estimateFromAll(all, K, 64);

    assertThat(e.samples()).isEqualTo(64);
    assertThat(e.value()).isCloseTo(10_000, within(1_500.0));
  }

  @Test
  void aCrawl_findsEveryPeer_coversTheWholeSpace_andEstimatesTheSize() throws Exception {
    List<NodeId> all = ids(600, 2);
    List<String> progress = new ArrayList<>();

    Crawl.Result r =
        new Crawl(t -> closest(all, t), K, 3, 2_000, new Random(3))
            .run(List.of(), (f, text) -> progress.add(text))
            .get(10, TimeUnit.SECONDS);

    assertThat(r.found().keySet()).containsExactlyInAnyOrderElementsOf(all);
    assertThat(r.covered()).isCloseTo(1.0, within(1e-9));
    assertThat(r.stoppedEarly()).isFalse();
    assertThat(r.estimate().value()).isCloseTo(600, within(150.0));
    assertThat(progress)
        .last()
        .asString()
        .startsWith("600 peers found · ")
        .endsWith("100 % of the id space covered");
  }

  @Test
  void aCrawlWithALookupLimit_saysItStoppedEarly() throws Exception {
    List<NodeId> all = ids(2_000, 4);

    Crawl.Result r =
        new Crawl(t -> closest(all, t), K, 3, 10, new Random(5))
            .run(List.of(), Progress.NONE)
            .get(10, TimeUnit.SECONDS);

    assertThat(r.lookups()).isEqualTo(10);
    assertThat(r.stoppedEarly()).isTrue();
    assertThat(r.covered()).isLessThan(1);
  }
}
