package io.kadscope.gui.lookup;

import io.kadscope.engine.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * A lookup as the view shows it and as a trace file holds it: what was looked for, from where, and
 * each RPC in the order answers came. Immutable; a running lookup is replaced by a longer copy as
 * steps arrive. Plain strings and numbers, so Gson writes and reads it as it is.
 *
 * @param lookupId the node's number for it
 * @param kind {@code NODE} or {@code VALUE}
 * @param purpose why it ran: get, set, join, refresh, …
 * @param self the searching node's id (hex)
 * @param target the id looked for (hex)
 * @param targetName the text key, when known
 * @param startedAt when it began (ISO-8601)
 * @param initial the contacts it started from
 * @param steps its RPCs in the order they ended
 * @param finished whether it has ended
 * @param closest the closest contacts that answered, closest first (when finished)
 * @param value the value found, as text, or null
 * @param rpcs requests sent
 * @param rounds the last round of an answer that came before the end: the round trips the lookup
 *     waited in turn (see {@link TraceStep#round()})
 * @param hops the deepest hop of an answer (see {@link TraceStep#hop()})
 * @param elapsedMs how long it took
 */
public record LookupTrace(
    long lookupId,
    String kind,
    String purpose,
    String self,
    String target,
    String targetName,
    String startedAt,
    List<TraceContact> initial,
    List<TraceStep> steps,
    boolean finished,
    List<TraceContact> closest,
    String value,
    int rpcs,
    int rounds,
    int hops,
    long elapsedMs) {
  public LookupTrace {
    initial = initial == null ? List.of() : List.copyOf(initial);
    steps = steps == null ? List.of() : List.copyOf(steps);
    closest = closest == null ? List.of() : List.copyOf(closest);
  }

  /** The target as an id. */
  public NodeId targetId() {
    return NodeId.fromHex(target);
  }

  /** The searching node's id. */
  public NodeId selfId() {
    return NodeId.fromHex(self);
  }

  /** This trace with one more step. */
  public LookupTrace withStep(TraceStep step) {
    List<TraceStep> more = new ArrayList<>(steps);
    more.add(step);
    return new LookupTrace(
        lookupId,
        kind,
        purpose,
        self,
        target,
        targetName,
        startedAt,
        initial,
        more,
        finished,
        closest,
        value,
        rpcs,
        rounds,
        hops,
        elapsedMs);
  }

  /** This trace with its steps and figures replaced (to read an older trace file). */
  LookupTrace upgraded(List<TraceStep> newSteps, int newHops) {
    return new LookupTrace(
        lookupId,
        kind,
        purpose,
        self,
        target,
        targetName,
        startedAt,
        initial,
        newSteps,
        finished,
        closest,
        value,
        rpcs,
        rounds,
        newHops,
        elapsedMs);
  }

  /**
   * This trace as it ended; its rounds are the last round among its steps so far (every one of them
   * ended before the end).
   */
  public LookupTrace finish(
      List<TraceContact> closest, String value, int rpcs, int hops, long elapsedMs) {
    int rounds = steps.stream().filter(s -> !s.late()).mapToInt(TraceStep::round).max().orElse(0);
    return new LookupTrace(
        lookupId,
        kind,
        purpose,
        self,
        target,
        targetName,
        startedAt,
        initial,
        steps,
        true,
        closest,
        value,
        rpcs,
        rounds,
        hops,
        elapsedMs);
  }

  /** How many leading bits {@code id} shares with the target. */
  public int sharedWithTarget(TraceContact c) {
    return c.nodeId().sharedPrefixLength(targetId());
  }

  /** {@code get "greeting"} or {@code refresh 3fa2b1…}. */
  public String title() {
    return purpose
        + " "
        + (targetName != null ? "\"" + targetName + "\"" : target.substring(0, 8) + "…");
  }

  /**
   * The different values peers returned for this key, in the order they came, when there are more
   * than one (a conflict: stale copies, or a peer that lies); empty otherwise.
   */
  public List<String> conflictingValues() {
    List<String> seen = new ArrayList<>();
    for (TraceStep s : steps) {
      if (s.foundValue() && !seen.contains(s.value())) {
        seen.add(s.value());
      }
    }
    return seen.size() > 1 ? List.copyOf(seen) : List.of();
  }

  /** The round of the latest step so far: the round a running lookup is in. */
  public int currentRound() {
    return steps.stream().filter(s -> !s.late()).mapToInt(TraceStep::round).max().orElse(0);
  }

  /** A one-line account: RPCs, rounds, time, outcome. */
  public String outcome() {
    if (!finished) {
      return "running · round "
          + Math.max(1, currentRound())
          + " · "
          + steps.size()
          + (steps.size() == 1 ? " answer" : " answers")
          + " so far";
    }
    String end =
        "VALUE".equals(kind)
            ? (value != null ? "found " + value : "not found")
            : closest.size() + " closest found";
    long lateSteps = steps.stream().filter(TraceStep::late).count();
    String late = lateSteps > 0 ? " · " + lateSteps + " after the end" : "";
    List<String> conflict = conflictingValues();
    if (!conflict.isEmpty()) {
      late +=
          " · CONFLICT: "
              + conflict.size()
              + " different values came back ("
              + String.join(" / ", conflict)
              + ")";
    }
    return rpcs
        + " RPCs · "
        + rounds
        + (rounds == 1 ? " round · " : " rounds · ")
        + "hop depth "
        + hops
        + " · "
        + elapsedMs
        + " ms · "
        + end
        + late;
  }
}
