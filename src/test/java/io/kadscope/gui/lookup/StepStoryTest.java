package io.kadscope.gui.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepStoryTest {
  private static final NodeId TARGET = NodeId.fromBigInteger(BigInteger.ZERO);

  /** A contact whose id shares exactly {@code bits} leading bits with the all-zero target. */
  private static TraceContact sharing(int bits, int port) {
    BigInteger id = BigInteger.ONE.shiftLeft(NodeId.BITS - 1 - bits).add(BigInteger.valueOf(port));
    return new TraceContact(NodeId.fromBigInteger(id).toHex(), "127.0.0.1", port);
  }

  private static LookupTrace trace(List<TraceContact> initial, List<TraceStep> steps) {
    return new LookupTrace(
        1,
        "NODE",
        "find_node",
        sharing(0, 1).id(),
        TARGET.toHex(),
        null,
        "",
        initial,
        steps,
        false,
        List.of(),
        null,
        0,
        0,
        0,
        0);
  }

  @Test
  void anAnswer_isToldWithTheBitsTheAskedNodeShares_andHowManyItNamedAreCloserThanAnyKnown() {
    TraceContact asked = sharing(3, 2);
    TraceContact known = sharing(5, 3);
    TraceContact closer1 = sharing(6, 4);
    TraceContact closer2 = sharing(9, 5);
    TraceContact farther = sharing(2, 6);
    TraceStep step =
        new TraceStep(
            1, 1, 1, asked, List.of(closer1, closer2, farther, known), null, null, false, 8, 9);
    LookupTrace t = trace(List.of(asked, known), List.of(step));

    assertThat(StepStory.tell(t, 0))
        .isEqualTo(
            "Round 1, answer 1 of 1: asked "
                + asked.nodeId().shortHex(4)
                + "… (shares 3 bits with the target); it answered 4 contacts, 2 closer than any"
                + " known (the best so far shares 9 bits).");
    assertThat(StepStory.brief(t, 0)).isEqualTo("4 contacts, 2 closer");
  }

  @Test
  void aTimeoutAndAValue_sayWhatTheLookupDoesNext() {
    TraceContact dead = sharing(4, 2);
    TraceContact holder = sharing(8, 3);
    LookupTrace t =
        trace(
            List.of(dead, holder),
            List.of(
                new TraceStep(1, 1, 1, dead, List.of(), null, null, true, 5000, 0),
                new TraceStep(2, 1, 1, holder, List.of(), "hello", "str", false, 9, 8)));

    assertThat(StepStory.tell(t, 0))
        .endsWith(
            "no answer within 5000 ms, so the lookup goes on without it (and the node counts a failure against it).");
    assertThat(StepStory.tell(t, 1))
        .endsWith("it holds the value, hello (str), and the lookup ends here.");
    assertThat(StepStory.brief(t, 0)).isEqualTo("no answer");
  }

  @Test
  void twoPeersReturningDifferentValues_isAConflict_toldInTheStepAndTheOutcome() {
    TraceContact stale = sharing(6, 2);
    TraceContact fresh = sharing(9, 3);
    LookupTrace running =
        trace(
            List.of(stale, fresh),
            List.of(
                new TraceStep(1, 1, 1, stale, List.of(), "B-101", "str", false, 9, 6),
                new TraceStep(2, 1, 1, fresh, List.of(), "B-204", "str", false, 9, 9)));
    LookupTrace t = running.finish(List.of(fresh, stale), "B-101", 2, 1, 18);

    assertThat(t.conflictingValues()).containsExactly("B-101", "B-204");
    assertThat(t.outcome()).endsWith(" · CONFLICT: 2 different values came back (B-101 / B-204)");
    assertThat(StepStory.tell(t, 1))
        .endsWith(
            "it returned B-204 (str), which conflicts with the B-101 an earlier peer returned.");
  }
}
