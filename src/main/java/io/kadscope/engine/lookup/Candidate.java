package io.kadscope.engine.lookup;

import io.kadscope.engine.Contact;
import java.util.Optional;

/** One contact a lookup has heard of, with where it stands: asked, late, answered or failed. */
final class Candidate {
  /** Where a candidate stands in its lookup. */
  enum State {
    NEW,
    IN_FLIGHT,
    /**
     * In flight past the time an answer was expected: its slot is free, but it still counts among
     * the k closest to hear from.
     */
    SLOW,
    /**
     * Late {@link Lookup#GIVE_UP_AFTER} times: no longer awaited, though its answer is still taken.
     */
    LATE,
    ANSWERED,
    FAILED
  }

  final Contact contact;
  final int round;
  int iteration;
  final boolean failing;
  State state = State.NEW;
  int lateness;
  boolean hadNoValue;
  Optional<WriteToken> token = Optional.empty();

  Candidate(Contact contact, int round, boolean failing) {
    this.contact = contact;
    this.round = round;
    this.failing = failing;
  }
}
