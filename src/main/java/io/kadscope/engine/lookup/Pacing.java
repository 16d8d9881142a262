package io.kadscope.engine.lookup;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.lookup.Candidate.State;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Decides which candidates a lookup asks next, pipelined or round by round, and counts its requests
 * in flight, late and sent. Not thread-safe: {@link Lookup} calls it holding its lock.
 */
final class Pacing {
  private final LookupSpec spec;
  private final TreeSet<Candidate> byDistance;
  private int inFlight;
  private int slow;
  private int rpcs;
  private List<NodeId> lastRoundIds = List.of();
  private int window;
  // Answers in a row that brought nothing closer than the closest seen; at α of them the lookup
  // asks every one of the k closest not yet asked at once (paper 2.3), see #slots().
  private int unimproved;
  private boolean widened;

  /**
   * @param byDistance the lookup's candidates, closest to the target first
   */
  Pacing(LookupSpec spec, TreeSet<Candidate> byDistance) {
    this.spec = spec;
    this.byDistance = byDistance;
  }

  /** Requests in flight and not yet late. */
  int inFlight() {
    return inFlight;
  }

  /** Requests sent so far. */
  int rpcs() {
    return rpcs;
  }

  /**
   * Queues in {@code toSend} what may go now, as {@link LookupSpec#mode()} paces it, marking each
   * in flight at {@code iteration}; returns whether the k closest still awaited have all answered.
   */
  boolean next(int iteration, List<Candidate> toSend) {
    return spec.mode() == LookupMode.ROUNDS
        ? nextRound(iteration, toSend)
        : fillSlots(iteration, toSend);
  }

  /** Whether requests given up on hold the lookup open: only while too few candidates are left. */
  boolean waitForSlow() {
    return window < spec.k() && slow > 0;
  }

  /**
   * Pipelined: among the k closest that did not fail and are still awaited (the window), sends to
   * those not yet asked, closest first, while fewer than α are in flight; those that failed
   * recently only when no other new one in the window is left to ask. Returns whether all of them
   * have answered.
   */
  private boolean fillSlots(int iteration, List<Candidate> toSend) {
    window = 0;
    boolean allAnswered = true;
    boolean failingLeft = false;
    for (Candidate c : byDistance) {
      if (window >= spec.k()) {
        break;
      }
      if (c.state == State.FAILED || c.state == State.LATE) {
        continue;
      }
      window++;
      allAnswered &= c.state == State.ANSWERED;
      if (c.state == State.NEW) {
        if (c.failing) {
          failingLeft = true;
        } else {
          send(c, iteration, toSend);
        }
      }
    }
    if (failingLeft && inFlight < slots()) {
      int seen = 0;
      for (Candidate c : byDistance) {
        if (seen >= window) {
          break;
        }
        if (c.state == State.FAILED || c.state == State.LATE) {
          continue;
        }
        seen++;
        if (c.state == State.NEW && c.failing) {
          send(c, iteration, toSend);
        }
      }
    }
    return allAnswered;
  }

  /**
   * Round by round, as the Python package crawls: once every request of a round has ended (or is
   * late), asks the α closest not yet asked among the k closest that did not fail; or, when that
   * set of k is the one the last round began with (the round brought nothing closer), all of them
   * at once. Returns whether all of them have answered.
   */
  private boolean nextRound(int iteration, List<Candidate> toSend) {
    if (inFlight > 0) {
      window = spec.k();
      return false;
    }
    List<Candidate> nearest = new ArrayList<>(spec.k());
    boolean allAnswered = true;
    for (Candidate c : byDistance) {
      if (c.state == State.FAILED || c.state == State.LATE) {
        continue;
      }
      if (nearest.size() >= spec.k()) {
        break;
      }
      nearest.add(c);
      if (c.state != State.ANSWERED) {
        allAnswered = false;
      }
    }
    window = nearest.size();
    if (allAnswered) {
      return true;
    }
    List<NodeId> ids = new ArrayList<>(nearest.size());
    for (Candidate c : nearest) {
      ids.add(c.contact.id());
    }
    int count = ids.equals(lastRoundIds) ? nearest.size() : spec.alpha();
    lastRoundIds = ids;
    for (Candidate c : nearest) {
      if (toSend.size() >= count) {
        break;
      }
      if (c.state == State.NEW) {
        c.state = State.IN_FLIGHT;
        c.iteration = iteration;
        inFlight++;
        rpcs++;
        toSend.add(c);
      }
    }
    return false;
  }

  /**
   * Requests a pipelined lookup keeps in flight: α, until α answers in a row have brought nothing
   * closer than the closest seen; then k, so that every one of the k closest not yet asked is asked
   * at once, as the paper's lookup does when a round fails to return a closer node (section 2.3).
   * The closest are known by then, and asking the rest α at a time would only cost round trips one
   * after the other. A value lookup that stops at the first value keeps α: it hopes to stop before
   * it has asked them all.
   */
  private int slots() {
    return widened ? Math.max(spec.alpha(), spec.k()) : spec.alpha();
  }

  private boolean mayWiden() {
    return spec.kind() == LookupKind.NODE || spec.stop() == StopPolicy.AFTER_K_CLOSEST;
  }

  /** Queues a new candidate to send when a slot is free. */
  private void send(Candidate c, int iteration, List<Candidate> toSend) {
    if (inFlight < slots()) {
      c.state = State.IN_FLIGHT;
      c.iteration = iteration;
      inFlight++;
      rpcs++;
      toSend.add(c);
    }
  }

  /**
   * {@code c} is late once more: the first time, its slot goes to the next candidate; after {@link
   * Lookup#GIVE_UP_AFTER} (or at once for a candidate that failed recently), the lookup no longer
   * awaits it. Returns whether that changed anything, so that what may go next should be sent.
   */
  boolean late(Candidate c) {
    c.lateness++;
    if (c.state == State.IN_FLIGHT) {
      c.state = State.SLOW;
      inFlight--;
      slow++;
    }
    if (c.state == State.SLOW && (c.failing || c.lateness >= Lookup.GIVE_UP_AFTER)) {
      c.state = State.LATE;
      return true;
    }
    return c.lateness <= 1;
  }

  /** {@code c}'s request ended, answered or failed: it no longer holds a slot or the lookup. */
  void ended(Candidate c) {
    if (c.state == State.SLOW || c.state == State.LATE) {
      slow--;
    } else {
      inFlight--;
    }
  }

  /**
   * An answer came before the end; {@code closer} says whether it brought a contact closer than the
   * closest seen. At α answers in a row that did not, a lookup that may widen asks more at once.
   */
  void answered(boolean closer) {
    if (closer) {
      unimproved = 0;
    } else if (++unimproved >= spec.alpha() && mayWiden()) {
      widened = true;
    }
  }
}
