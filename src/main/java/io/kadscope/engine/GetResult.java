package io.kadscope.engine;

import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.lookup.ValueChoice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@code get} ended: the value, and whether it is known that the key has none, or only that
 * no peer answered; when peers returned different values, which ones and from whom ({@link
 * #candidates()}, ranked by the rule of {@link ValueChoice}, which chose {@link #value()}).
 *
 * <pre>{@code
 * GetResult r = node.lookupValue(key).join();
 * switch (r.outcome()) {
 *   case FOUND -> show(r.value().get(), r.conflicting() ? r.candidates() : List.of());
 *   case NOT_FOUND -> show("no such key");
 *   case NO_ANSWER -> show("no peer answered: the key may exist");
 * }
 * }</pre>
 *
 * @param key the 160-bit key
 * @param value the value, or empty when none was found
 * @param local whether it came from this node's own storage (no lookup needed)
 * @param lookup the value lookup, when one ran
 * @param candidates every distinct value seen, the chosen one first, with who held each
 */
public record GetResult(
    NodeId key,
    Optional<Value> value,
    boolean local,
    Optional<LookupResult> lookup,
    List<ValueChoice.Candidate> candidates) {

  /** Whether a value was found, and if not, whether that is known or only nobody answered. */
  public enum Outcome {
    /** A value was found. */
    FOUND,
    /** Peers answered, and none holds a value: the network has no such key. */
    NOT_FOUND,
    /** Every peer asked failed to answer: whether the key exists is not known. */
    NO_ANSWER
  }

  public GetResult {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(lookup, "lookup");
    candidates = List.copyOf(candidates);
  }

  /** A result with the candidates that {@code lookup} saw, if one ran. */
  public GetResult(
      NodeId key, Optional<Value> value, boolean local, Optional<LookupResult> lookup) {
    this(key, value, local, lookup, lookup.map(l -> l.choice().candidates()).orElse(List.of()));
  }

  /** The result of a value lookup: the value it settles on, and every value it saw. */
  public static GetResult of(NodeId key, LookupResult lookup) {
    ValueChoice c = lookup.choice();
    return new GetResult(key, c.chosen(), false, Optional.of(lookup), c.candidates());
  }

  /** The value held here, no lookup run. */
  public static GetResult local(NodeId key, Value value) {
    return new GetResult(key, Optional.of(value), true, Optional.empty(), List.of());
  }

  /** Found; not found though peers answered; or no peer answered at all. */
  public Outcome outcome() {
    if (value.isPresent()) {
      return Outcome.FOUND;
    }
    LookupResult l = lookup.orElse(null);
    return l != null && l.rpcs() > 0 && l.closest().isEmpty()
        ? Outcome.NO_ANSWER
        : Outcome.NOT_FOUND;
  }

  /** Whether peers returned different values for the key. */
  public boolean conflicting() {
    return candidates.size() > 1;
  }

  /** How many peers the lookup asked (0 when none ran, or no peer was known). */
  public int asked() {
    return lookup.map(LookupResult::rpcs).orElse(0);
  }
}
