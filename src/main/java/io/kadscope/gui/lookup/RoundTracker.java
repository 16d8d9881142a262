package io.kadscope.gui.lookup;

import io.kadscope.engine.NodeId;
import java.util.HashMap;
import java.util.Map;

/**
 * Works out the round of each RPC of a lookup from the order of its events: a request sent before
 * any answer came back is in round 1, and one sent when the latest round among the answers (and
 * timeouts) handled so far is n is in round n + 1. The engine publishes an answer's step before the
 * requests that answer lets it send, so the order of events is enough. Counted so, rounds grow with
 * time, and a lookup's last round is the number of round trips it waited one after the other: the
 * figure the Python package reports as its rounds.
 */
final class RoundTracker {
  private final Map<Long, Integer> latest = new HashMap<>();
  private final Map<Long, Map<NodeId, Integer>> rounds = new HashMap<>();

  /** A lookup began: its first requests are in round 1. */
  void started(long lookupId) {
    latest.put(lookupId, 0);
    rounds.put(lookupId, new HashMap<>());
  }

  /** A request of the lookup went to {@code to}; returns its round (0 for an unknown lookup). */
  int sent(long lookupId, NodeId to) {
    Integer last = latest.get(lookupId);
    if (last == null) {
      return 0;
    }
    int round = last + 1;
    rounds.get(lookupId).put(to, round);
    return round;
  }

  /**
   * The request to {@code queried} ended and the lookup handled it; returns its round, or {@code
   * fallback} when its sending was not seen.
   */
  int ended(long lookupId, NodeId queried, int fallback) {
    Map<NodeId, Integer> byContact = rounds.get(lookupId);
    Integer round = byContact == null ? null : byContact.get(queried);
    int r = round == null ? fallback : round;
    if (latest.containsKey(lookupId)) {
      latest.put(lookupId, Math.max(latest.get(lookupId), r));
    }
    return r;
  }

  /** The round a request to {@code to} was sent in, or 0 when unknown. */
  int roundOf(long lookupId, NodeId to) {
    Map<NodeId, Integer> byContact = rounds.get(lookupId);
    Integer round = byContact == null ? null : byContact.get(to);
    return round == null ? 0 : round;
  }

  /** Forgets a lookup whose late answers are no longer awaited. */
  void forget(long lookupId) {
    latest.remove(lookupId);
    rounds.remove(lookupId);
  }
}
