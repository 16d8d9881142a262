package io.kadscope.gui.buckets;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.common.Snapshots;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketsViewModelTest {
  private static final NodeId SELF = NodeId.random(new Random(11));
  private final RoutingSnapshot snapshot = Snapshots.of(SELF, 60, 8, 20, 1);
  private final Clock clock = Clock.fixed(Snapshots.NOW, ZoneOffset.UTC);
  private final BucketsViewModel vm =
      new BucketsViewModel(
          new SnapshotCache(() -> snapshot, () -> new StoreSnapshot(Snapshots.NOW, List.of())),
          new BucketSelection(),
          clock);

  @Test
  void oneRowPerNonEmptyBucket_withItsIndexFillAndContactsInOrder() {
    List<BucketSnapshot> nonEmpty = snapshot.nonEmptyBuckets();

    assertThat(vm.rows()).hasSize(nonEmpty.size());
    for (int i = 0; i < nonEmpty.size(); i++) {
      BucketRow r = vm.rows().get(i);
      assertThat(r.index()).isEqualTo(nonEmpty.get(i).index());
      assertThat(r.contacts()).isEqualTo(nonEmpty.get(i).contacts());
      assertThat(r.fillText()).isEqualTo(nonEmpty.get(i).contacts().size() + "/20");
    }
  }

  @Test
  void anAddedContact_flashesForAMoment() {
    var c = snapshot.contacts().get(0).contact();
    vm.onEvents(List.of(new EngineEvent.ContactAdded(Snapshots.NOW, SELF, c, 0)));

    assertThat(vm.justAdded(c.id())).isTrue();
    assertThat(vm.justAdded(snapshot.contacts().get(1).contact().id())).isFalse();
  }

  @Test
  void anEvictedContact_isListedUnderItsBucket() {
    BucketRow row = vm.rows().get(0);
    var c = row.contacts().get(0).contact();
    vm.onEvents(
        List.of(new EngineEvent.ContactEvicted(Snapshots.NOW, SELF, c, row.index(), 3, "timeout")));

    assertThat(vm.recentEvictions(row))
        .extracting(BucketsViewModel.Eviction::contact)
        .containsExactly(c);
  }

  @Test
  void agesCountFromLastSeen() {
    assertThat(vm.age(Snapshots.NOW.minusSeconds(75))).isEqualTo("1m 15s");
  }
}
