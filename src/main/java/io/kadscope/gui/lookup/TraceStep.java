package io.kadscope.gui.lookup;

import java.util.List;

/**
 * One RPC of a lookup as it ended.
 *
 * @param seq its place in the order answers arrived (1, 2, …)
 * @param round the round it was sent in: 1 for the first α requests, n + 1 for a request sent once
 *     a round-n answer (or timeout) had come back; the number of round trips a lookup waits in turn
 *     is its last round, which is what the Python package calls its rounds
 * @param hop how far the contact is from the node in introductions: 1 for contacts the node knew, n
 *     + 1 for contacts a hop-n answer returned (the engine's "round" of a lookup step)
 * @param queried to whom it went
 * @param returned the contacts the answer listed (empty for a value or a failure)
 * @param value the value's display text when this node held it, else null
 * @param valueType its type ({@code str}, {@code int}, …), else null
 * @param failed whether it timed out or failed
 * @param latencyMs how long the answer took
 * @param bestPrefix the longest prefix any answered contact so far shares with the target
 * @param late whether it ended after the lookup had (an answer it no longer needed, or the store
 *     that caches a found value)
 * @param note what came back, in words, for a late step (else null)
 */
public record TraceStep(
    int seq,
    int round,
    int hop,
    TraceContact queried,
    List<TraceContact> returned,
    String value,
    String valueType,
    boolean failed,
    long latencyMs,
    int bestPrefix,
    boolean late,
    String note) {
  public TraceStep {
    returned = returned == null ? List.of() : List.copyOf(returned);
  }

  /** A step of the lookup itself (not late). */
  public TraceStep(
      int seq,
      int round,
      int hop,
      TraceContact queried,
      List<TraceContact> returned,
      String value,
      String valueType,
      boolean failed,
      long latencyMs,
      int bestPrefix) {
    this(
        seq,
        round,
        hop,
        queried,
        returned,
        value,
        valueType,
        failed,
        latencyMs,
        bestPrefix,
        false,
        null);
  }

  /** Whether this step found the value. */
  public boolean foundValue() {
    return value != null;
  }
}
