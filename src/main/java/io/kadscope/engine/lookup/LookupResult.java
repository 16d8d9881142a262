package io.kadscope.engine.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a lookup ended: the k closest contacts that answered, with the write tokens they handed out,
 * and the values seen on the way.
 *
 * @param answered the closest contacts that answered, closest first, at most k
 * @param values the values contacts returned, in the order they came; for a lookup that stops at
 *     the first value, at most one; {@link #value()} is the one the lookup settles on
 * @param closestWithoutValue the closest contact that answered a value lookup without the value:
 *     where a found value is cached (paper 2.3); empty for a node lookup or when none answered so
 * @param rpcs requests sent
 * @param rounds the hop depth: the deepest hop of a contact that answered (1 = only contacts the
 *     node already knew, n + 1 = learned from a hop-n answer)
 * @param iterations the round trips waited one after the other: the most iterations among the
 *     requests that ended before the lookup did (see {@link Lookup}); for a lookup in {@link
 *     LookupMode#ROUNDS}, its number of rounds, the Python package's "rounds"
 */
public record LookupResult(
    long lookupId,
    LookupKind kind,
    NodeId target,
    List<Answer> answered,
    List<Found> values,
    Optional<Contact> closestWithoutValue,
    int rpcs,
    int rounds,
    int iterations) {
  public LookupResult {
    answered = List.copyOf(answered);
    values = List.copyOf(values);
    Objects.requireNonNull(closestWithoutValue, "closestWithoutValue");
  }

  /** A result whose iterations are not known apart from its hop depth: taken as equal to it. */
  public LookupResult(
      long lookupId,
      LookupKind kind,
      NodeId target,
      List<Answer> answered,
      List<Found> values,
      Optional<Contact> closestWithoutValue,
      int rpcs,
      int rounds) {
    this(lookupId, kind, target, answered, values, closestWithoutValue, rpcs, rounds, rounds);
  }

  /**
   * One of the closest contacts that answered.
   *
   * @param token what a later write to this contact must carry, if its protocol hands tokens out
   */
  public record Answer(Contact contact, Optional<WriteToken> token) {
    public Answer {
      Objects.requireNonNull(contact, "contact");
      Objects.requireNonNull(token, "token");
    }
  }

  /** A value and the contact that returned it. */
  public record Found(Contact from, Value value) {
    public Found {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(value, "value");
    }
  }

  /** The closest contacts that answered, closest first, at most k. */
  public List<Contact> closest() {
    List<Contact> out = new ArrayList<>(answered.size());
    for (Answer a : answered) {
      out.add(a.contact());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The values found and which one the lookup settles on ({@link ValueChoice} says by what rule); a
   * lookup that stops at the first value has at most one.
   */
  public ValueChoice choice() {
    return ValueChoice.of(target, values, closest());
  }

  /** The value found, for a value lookup that found one: the one {@link #choice()} settles on. */
  public Optional<Value> value() {
    if (values.size() <= 1) {
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).value());
    }
    return choice().chosen();
  }

  /** The nearest contact that returned {@link #value()}. */
  public Optional<Contact> holder() {
    if (values.size() <= 1) {
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0).from());
    }
    return choice().holder();
  }
}
