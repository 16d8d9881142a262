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
 * @param rounds deepest round reached
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
        elapsedMs);
  }

  /** This trace as it ended. */
  public LookupTrace finish(
      List<TraceContact> closest, String value, int rpcs, int rounds, long elapsedMs) {
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

  /** A one-line account: RPCs, rounds, time, outcome. */
  public String outcome() {
    if (!finished) {
      return "running · " + steps.size() + " answers so far";
    }
    String end =
        "VALUE".equals(kind)
            ? (value != null ? "found " + value : "not found")
            : closest.size() + " closest found";
    long lateSteps = steps.stream().filter(TraceStep::late).count();
    String late = lateSteps > 0 ? " · " + lateSteps + " after the end" : "";
    return rpcs
        + " RPCs · "
        + rounds
        + (rounds == 1 ? " round · " : " rounds · ")
        + elapsedMs
        + " ms · "
        + end
        + late;
  }
}
