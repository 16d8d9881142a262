package io.kadscope.gui.lookup;

import io.kadscope.engine.NodeId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells a lookup's steps in plain words, for the sentence beside the figure and the table's
 * tooltips: {@code asked 3f5c… (shares 7 bits with the target); it answered 8 contacts, 2 closer
 * than any known}. "Known" means known to the lookup before that answer: the contacts it started
 * from and every contact an earlier answer named.
 */
public final class StepStory {
  private StepStory() {}

  /** The whole sentence for step {@code index} (0-based) of {@code t}. */
  public static String tell(LookupTrace t, int index) {
    TraceStep s = t.steps().get(index);
    String head =
        "Round "
            + s.round()
            + ", answer "
            + s.seq()
            + " of "
            + t.steps().size()
            + ": asked "
            + who(t, s.queried())
            + "; ";
    return head + outcome(t, index) + ".";
  }

  /** What came back at step {@code index}, in a few words: {@code 8 contacts, 2 closer}. */
  public static String brief(LookupTrace t, int index) {
    TraceStep s = t.steps().get(index);
    if (s.late()) {
      return (s.note() == null ? "answer" : s.note()) + " (after the end)";
    }
    if (s.failed()) {
      return "no answer";
    }
    if (s.foundValue()) {
      return "the value (" + s.valueType() + "): " + s.value();
    }
    if (s.returned().isEmpty()) {
      return "no contacts";
    }
    int closer = closerThanKnown(t, index);
    return s.returned().size()
        + (s.returned().size() == 1 ? " contact, " : " contacts, ")
        + (closer == 0 ? "none closer" : closer + " closer");
  }

  /** {@code 3f5c… (shares 7 bits with the target)}. */
  static String who(LookupTrace t, TraceContact c) {
    int shared = t.sharedWithTarget(c);
    return c.nodeId().shortHex(4)
        + "… (shares "
        + shared
        + (shared == 1 ? " bit" : " bits")
        + " with the target)";
  }

  private static String outcome(LookupTrace t, int index) {
    TraceStep s = t.steps().get(index);
    if (s.late()) {
      return "it answered after the lookup had ended"
          + (s.note() == null ? "" : " (" + s.note() + ")")
          + ", so the lookup no longer needed it";
    }
    if (s.failed()) {
      return "no answer within "
          + s.latencyMs()
          + " ms, so the lookup goes on without it (and the node counts a failure against it)";
    }
    if (s.foundValue()) {
      String other =
          t.steps().subList(0, index).stream()
              .filter(p -> p.foundValue() && !p.value().equals(s.value()))
              .map(TraceStep::value)
              .findFirst()
              .orElse(null);
      if (other != null) {
        return "it returned "
            + s.value()
            + " ("
            + s.valueType()
            + "), which conflicts with the "
            + other
            + " an earlier peer returned";
      }
      boolean last =
          t.steps().subList(index + 1, t.steps().size()).stream().allMatch(TraceStep::late);
      return "it holds the value, "
          + s.value()
          + " ("
          + s.valueType()
          + ")"
          + (last ? ", and the lookup ends here" : "");
    }
    if (s.returned().isEmpty()) {
      return "it answered no contacts: it knows nobody closer to the target";
    }
    int closer = closerThanKnown(t, index);
    String n = s.returned().size() + (s.returned().size() == 1 ? " contact" : " contacts");
    String c =
        closer == 0
            ? "none closer than any known"
            : closer + (closer == 1 ? " closer than any known" : " closer than any known");
    return "it answered " + n + ", " + c + " (the best so far shares " + s.bestPrefix() + " bits)";
  }

  /** How many contacts step {@code index} returned that are closer than any known before it. */
  static int closerThanKnown(LookupTrace t, int index) {
    NodeId target = t.targetId();
    String self = t.self();
    NodeId best = null;
    Set<String> known = new HashSet<>();
    for (TraceContact c : t.initial()) {
      best = closer(target, best, c, self, known);
    }
    List<TraceStep> steps = t.steps();
    for (int i = 0; i < index; i++) {
      best = closer(target, best, steps.get(i).queried(), self, known);
      for (TraceContact c : steps.get(i).returned()) {
        best = closer(target, best, c, self, known);
      }
    }
    int count = 0;
    Set<String> counted = new HashSet<>();
    for (TraceContact c : steps.get(index).returned()) {
      if (c.id().equals(self) || !counted.add(c.id())) {
        continue;
      }
      if (best == null || target.compareDistance(c.nodeId(), best) < 0) {
        count++;
      }
    }
    return count;
  }

  private static NodeId closer(
      NodeId target, NodeId best, TraceContact c, String self, Set<String> known) {
    if (c.id().equals(self) || !known.add(c.id())) {
      return best;
    }
    NodeId id = c.nodeId();
    return best == null || target.compareDistance(id, best) < 0 ? id : best;
  }
}
