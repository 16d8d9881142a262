package io.kadscope.engine.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule a value lookup settles on when peers returned different values for one key. */
class ValueChoiceTest {
  private static final NodeId KEY = NodeId.of(new byte[NodeId.BYTES]);

  /** A contact at distance {@code d} (its first byte) from the all-zero key. */
  private static Contact at(int d) {
    byte[] b = new byte[NodeId.BYTES];
    b[0] = (byte) d;
    return new Contact(NodeId.of(b), new InetSocketAddress("10.0.0." + d, 7123));
  }

  private static LookupResult.Found found(int d, String v) {
    return new LookupResult.Found(at(d), Value.of(v));
  }

  private static List<Contact> closest(int... ds) {
    List<Contact> out = new ArrayList<>();
    for (int d : ds) {
      out.add(at(d));
    }
    return out;
  }

  @Test
  void theValueMostOfTheClosestHold_wins_evenOverOneHeldNearerTheKey() {
    ValueChoice c =
        ValueChoice.of(
            KEY,
            List.of(found(1, "hostile"), found(2, "good"), found(3, "good"), found(4, "good")),
            closest(1, 2, 3, 4));

    assertThat(c.chosen()).contains(Value.of("good"));
    assertThat(c.holder()).contains(at(2));
    assertThat(c.conflicting()).isTrue();
    assertThat(c.candidates())
        .extracting(ValueChoice.Candidate::value, ValueChoice.Candidate::amongClosest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Value.of("good"), 3),
            org.assertj.core.groups.Tuple.tuple(Value.of("hostile"), 1));
  }

  @Test
  void copiesFartherThanTheClosest_doNotOutvoteAValueTheClosestHold() {
    ValueChoice c =
        ValueChoice.of(
            KEY,
            List.of(found(90, "stale"), found(91, "stale"), found(92, "stale"), found(2, "fresh")),
            closest(1, 2, 3));

    assertThat(c.chosen()).contains(Value.of("fresh"));
    assertThat(c.candidates().get(1).holders()).containsExactly(at(90), at(91), at(92));
    assertThat(c.candidates().get(1).amongClosest()).isZero();
  }

  @Test
  void betweenValuesHeldByAsMany_theOneHeldNearerTheKeyWins() {
    ValueChoice c = ValueChoice.of(KEY, List.of(found(5, "a"), found(3, "b")), closest(3, 5, 7));

    assertThat(c.chosen()).contains(Value.of("b"));
  }

  @Test
  void oneValue_isNoConflict_andNoneIsEmpty() {
    assertThat(ValueChoice.of(KEY, List.of(found(1, "v"), found(2, "v")), closest(1, 2)))
        .satisfies(
            c -> {
              assertThat(c.conflicting()).isFalse();
              assertThat(c.candidates())
                  .singleElement()
                  .satisfies(x -> assertThat(x.holders()).hasSize(2));
            });
    assertThat(ValueChoice.of(KEY, List.of(), closest(1)).chosen()).isEmpty();
  }
}
