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
}
