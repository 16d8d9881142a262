package io.kadscope.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValueStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final ValueStore store = new ValueStore();
  private final NodeId key = NodeId.ofKey("k");

  @Test
  void aHeldValueIsDueForReplicationAfterAnHour_thenNotAgainForAnotherHour() {
    store.put(key, Value.of("v"), T0, false);
    assertThat(store.dueForReplicate(T0.plus(Duration.ofMinutes(59)), Duration.ofHours(1)))
        .isEmpty();
    assertThat(store.dueForReplicate(T0.plus(Duration.ofMinutes(60)), Duration.ofHours(1)))
        .hasSize(1);
    assertThat(store.dueForReplicate(T0.plus(Duration.ofMinutes(61)), Duration.ofHours(1)))
        .isEmpty();
  }

  @Test
  void aStoreFromAnotherHolderResetsTheReplicationHour() {
    store.put(key, Value.of("v"), T0, false);
    store.put(key, Value.of("v"), T0.plus(Duration.ofMinutes(50)), false);
    assertThat(store.dueForReplicate(T0.plus(Duration.ofMinutes(70)), Duration.ofHours(1)))
        .isEmpty();
  }

  @Test
  void aValueNotStoredAgainForADayExpires_butOneThisNodePublishedDoesNot() {
    NodeId mine = NodeId.ofKey("mine");
    store.put(key, Value.of("v"), T0, false);
    store.put(mine, Value.of("m"), T0, true);
    assertThat(store.expire(T0.plus(Duration.ofHours(23)), Duration.ofHours(24))).isEmpty();
    assertThat(store.expire(T0.plus(Duration.ofHours(25)), Duration.ofHours(24)))
        .extracting(StoredValue::key)
        .containsExactly(key);
    assertThat(store.get(key)).isEmpty();
    assertThat(store.get(mine)).contains(Value.of("m"));
  }

  @Test
  void replacingAValueKeepsTheOriginalPublisherMark() {
    store.put(key, Value.of("a"), T0, true);
    store.put(key, Value.of("b"), T0.plusSeconds(1), false);
    assertThat(store.entry(key)).hasValueSatisfying(v -> assertThat(v.original()).isTrue());
    assertThat(store.get(key)).contains(Value.of("b"));
  }

  /** A key whose first byte is {@code b}: its distance to the all-zero self grows with b. */
  private static NodeId keyAt(int b, int n) {
    byte[] k = new byte[NodeId.BYTES];
    k[0] = (byte) b;
    k[18] = (byte) (n >> 8);
    k[19] = (byte) n;
    return NodeId.of(k);
  }

  private static final NodeId SELF = NodeId.of(new byte[NodeId.BYTES]);

  @Test
  void whenTheKeyQuotaIsFull_aFartherKeyIsRefused_andANearerOneDropsTheFarthest() {
    ValueStore q = new ValueStore(SELF, 3, Long.MAX_VALUE);
    for (int i = 0; i < 3; i++) {
      assertThat(q.offer(keyAt(0x40, i), Value.of("v"), T0).admission())
          .isEqualTo(ValueStore.Admission.STORED);
    }

    ValueStore.Offer farther = q.offer(keyAt(0x80, 0), Value.of("x"), T0);
    ValueStore.Offer nearer = q.offer(keyAt(0x01, 0), Value.of("y"), T0);

    assertThat(farther.admission()).isEqualTo(ValueStore.Admission.REFUSED_KEYS);
    assertThat(nearer.admission()).isEqualTo(ValueStore.Admission.STORED);
    assertThat(nearer.dropped()).extracting(StoredValue::key).containsExactly(keyAt(0x40, 2));
    assertThat(q.size()).isEqualTo(3);
    assertThat(q.get(keyAt(0x80, 0))).isEmpty();
  }

  @Test
  void theByteQuota_countsEncodedValues_andMakesRoomTheSameWay() {
    ValueStore q = new ValueStore(SELF, 100, 2 * (100 + 5));
    q.offer(keyAt(0x40, 0), Value.of("a".repeat(100)), T0);
    q.offer(keyAt(0x40, 1), Value.of("b".repeat(100)), T0);
    assertThat(q.bytes()).isEqualTo(210);

    assertThat(q.offer(keyAt(0x80, 0), Value.of("c"), T0).admission())
        .isEqualTo(ValueStore.Admission.REFUSED_BYTES);
    assertThat(q.offer(keyAt(0x01, 0), Value.of("d".repeat(150)), T0).dropped())
        .extracting(StoredValue::key)
        .containsExactly(keyAt(0x40, 1), keyAt(0x40, 0));
    assertThat(q.bytes()).isEqualTo(155);
  }

  @Test
  void aValueThatCannotFitEvenAfterDroppingAll_isRefused_andNothingIsDropped() {
    ValueStore q = new ValueStore(SELF, 100, 50);
    q.offer(keyAt(0x40, 0), Value.of("small"), T0);

    ValueStore.Offer big = q.offer(keyAt(0x01, 0), Value.of("z".repeat(100)), T0);

    assertThat(big.admission()).isEqualTo(ValueStore.Admission.REFUSED_BYTES);
    assertThat(big.dropped()).isEmpty();
    assertThat(q.get(keyAt(0x40, 0))).contains(Value.of("small"));
  }

  @Test
  void valuesThisNodePublished_areNeverDroppedNorRefused_andCount() {
    ValueStore q = new ValueStore(SELF, 2, Long.MAX_VALUE);
    q.put(keyAt(0x90, 0), Value.of("mine"), T0, true);
    q.put(keyAt(0x91, 0), Value.of("mine too"), T0, true);
    q.put(keyAt(0x92, 0), Value.of("and this"), T0, true);

    assertThat(q.offer(keyAt(0x01, 0), Value.of("theirs"), T0).admission())
        .isEqualTo(ValueStore.Admission.REFUSED_KEYS);
    assertThat(q.size()).isEqualTo(3);
  }

  @Test
  void theSameValueAgain_isOnlyRefreshed_andADifferentOneChangesIt() {
    ValueStore q = new ValueStore(SELF, 1, Long.MAX_VALUE);
    q.offer(key, Value.of("v"), T0);

    ValueStore.Offer again = q.offer(key, Value.of("v"), T0.plusSeconds(5));
    ValueStore.Offer changed = q.offer(key, Value.of("w"), T0.plusSeconds(6));

    assertThat(again.admission()).isEqualTo(ValueStore.Admission.REFRESHED);
    assertThat(changed.admission()).isEqualTo(ValueStore.Admission.CHANGED);
    assertThat(q.entry(key).orElseThrow().storedAt()).isEqualTo(T0.plusSeconds(6));
  }

  @Test
  void expiryAndClear_giveTheirRoomBack() {
    ValueStore q = new ValueStore(SELF, 1, Long.MAX_VALUE);
    q.offer(keyAt(0x40, 0), Value.of("v"), T0);
    q.expire(T0.plus(Duration.ofHours(25)), Duration.ofHours(24));

    assertThat(q.bytes()).isZero();
    assertThat(q.offer(keyAt(0x80, 0), Value.of("w"), T0).admission())
        .isEqualTo(ValueStore.Admission.STORED);
    q.clear();
    assertThat(q.bytes()).isZero();
    assertThat(q.size()).isZero();
  }
}
