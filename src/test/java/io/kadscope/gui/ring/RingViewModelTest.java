package io.kadscope.gui.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.common.Snapshots;
import io.kadscope.gui.session.KeyNames;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RingViewModelTest {
  private static final NodeId SELF = NodeId.random(new Random(9));
  private final BucketSelection selection = new BucketSelection();

  private RingViewModel ringOf(RoutingSnapshot s, KeyNames names) {
    SnapshotCache snapshots =
        new SnapshotCache(() -> s, () -> new StoreSnapshot(Snapshots.NOW, List.of()));
    return new RingViewModel(
        snapshots, selection, names, Clock.fixed(Snapshots.NOW, ZoneOffset.UTC));
  }

  @Test
  void everyContactOfTheSnapshot_isOneDotAtItsIdsFraction() {
    RoutingSnapshot s = Snapshots.of(SELF, 10_000, 12, 20, 1);
    RingViewModel vm = ringOf(s, new KeyNames());

    assertThat(vm.dotsProperty().get()).hasSize(10_000);
    RingViewModel.Dot d = vm.dotsProperty().get().get(0);
    assertThat(d.fraction()).isEqualTo(d.info().contact().id().fraction());
    assertThat(vm.summaryProperty().get())
        .isEqualTo("10000 contacts in " + s.nonEmptyBuckets().size() + " buckets · k = 20");
  }

  @Test
  void theDistanceDepth_liesBetweenTheSharedPrefixAndOneBitMore() {
    RoutingSnapshot s = Snapshots.of(SELF, 200, 6, 20, 2);
    for (RingViewModel.Dot d : ringOf(s, new KeyNames()).dotsProperty().get()) {
      int shared = SELF.sharedPrefixLength(d.info().contact().id());
      assertThat(d.depth()).isGreaterThan(shared).isLessThanOrEqualTo(shared + 1);
    }
    assertThat(RingViewModel.depth(SELF, SELF)).isEqualTo(160, within(1e-9));
  }

  @Test
  void theTooltip_tellsIdBitsAddressBucketAndRtt() {
    RingViewModel vm = ringOf(Snapshots.of(SELF, 5, 3, 20, 3), new KeyNames());
    RingViewModel.Dot d = vm.dotsProperty().get().get(0);

    String text = vm.describe(d);

    assertThat(text)
        .contains(d.info().contact().id().toHex())
        .contains("address   127.0.0.1:" + d.info().contact().port())
        .contains("bucket    " + d.bucketIndex())
        .contains("RTT       5 ms");
  }

  @Test
  void keysTheNetworkHolds_areTicksEvenWhenNotHeldHere_andKeysOnlyTyped_areNot() {
    KeyNames names = new KeyNames();
    NodeId key = names.remember("greeting");
    names.remember("typo");
    names.confirm(key);
    RingViewModel vm = ringOf(Snapshots.of(SELF, 5, 3, 20, 4), names);

    assertThat(vm.ticksProperty().get())
        .containsExactly(new RingViewModel.Tick(key, key.fraction(), "\"greeting\"", false));
  }

  @Test
  void pickingADot_picksItsBucketForEveryView() {
    RingViewModel vm = ringOf(Snapshots.of(SELF, 50, 3, 20, 5), new KeyNames());
    RingViewModel.Dot d = vm.dotsProperty().get().get(0);

    vm.select(d);

    assertThat(vm.selectedBucketProperty().get()).isEqualTo(d.bucketKey());
    assertThat(selection.pickedProperty().get()).isEqualTo(d.bucketKey());
  }

  @Test
  void aKeyWhoseSetSucceeded_isATick_andOneWhoseSetFailed_isNone() {
    KeyNames names = new KeyNames();
    RingViewModel vm = ringOf(Snapshots.of(SELF, 5, 3, 20, 6), names);
    NodeId stored = names.remember("exam-room");
    NodeId failed = names.remember("lost");
    vm.lookupStarting(stored);
    vm.lookupStarting(failed);

    names.confirm(stored);
    vm.operationEnded(stored);
    names.unconfirm(failed);
    vm.operationEnded(failed);

    assertThat(vm.ticksProperty().get())
        .containsExactly(new RingViewModel.Tick(stored, stored.fraction(), "\"exam-room\"", false));
  }
}
