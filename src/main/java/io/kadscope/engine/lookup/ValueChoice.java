package io.kadscope.engine.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which value a lookup settles on when peers returned different values for one key, and what they
 * returned. The wire carries no timestamps, so no peer can prove its value newer; the rule uses
 * what a {@code set} leaves behind instead: it stores on the k nodes closest to the key, so after
 * the latest {@code set} those hold the latest value, and older values linger farther away (former
 * closest nodes, copies cached on lookup paths) or at a few of the closest that missed the store.
 *
 * <p>The rule: the value held by the most of the k closest contacts that answered wins; between
 * values held by as many, the one whose nearest holder is nearer the key. So one hostile node,
 * however near the key its id, cannot outvote the honest closest nodes, and a stale copy far away
 * cannot outvote a fresh one near the key. (The Python package takes whatever answers first.)
 *
 * <pre>{@code
 * ValueChoice c = ValueChoice.of(key, result.values(), result.closest());
 * c.chosen();       // the value by the rule
 * c.conflicting();  // whether peers disagreed; c.candidates() says who held what
 * }</pre>
 *
 * @param candidates every distinct value returned, the chosen one first, then by the same rule
 */
public record ValueChoice(List<Candidate> candidates) {
  /** No value at all. */
  public static final ValueChoice NONE = new ValueChoice(List.of());

  public ValueChoice {
    candidates = List.copyOf(candidates);
  }

  /**
   * One value some peers returned.
   *
   * @param holders the contacts that returned it, nearest the key first
   * @param amongClosest how many of them are among the k closest contacts that answered
   */
  public record Candidate(Value value, List<Contact> holders, int amongClosest) {
    public Candidate {
      holders = List.copyOf(holders);
    }
  }

  /**
   * Ranks the values {@code found} by the rule.
   *
   * @param closest the k closest contacts that answered the lookup
   */
  public static ValueChoice of(NodeId key, List<LookupResult.Found> found, List<Contact> closest) {
    if (found.isEmpty()) {
      return NONE;
    }
    Set<NodeId> near = new HashSet<>();
    for (Contact c : closest) {
      near.add(c.id());
    }
    Comparator<Contact> byDistance = (a, b) -> key.compareDistance(a.id(), b.id());
    Map<Value, List<Contact>> byValue = new LinkedHashMap<>();
    for (LookupResult.Found f : found) {
      List<Contact> holders = byValue.computeIfAbsent(f.value(), v -> new ArrayList<>());
      if (holders.stream().noneMatch(h -> h.id().equals(f.from().id()))) {
        holders.add(f.from());
      }
    }
    List<Candidate> out = new ArrayList<>();
    for (Map.Entry<Value, List<Contact>> e : byValue.entrySet()) {
      List<Contact> holders = new ArrayList<>(e.getValue());
      holders.sort(byDistance);
      int amongClosest = (int) holders.stream().filter(h -> near.contains(h.id())).count();
      out.add(new Candidate(e.getKey(), holders, amongClosest));
    }
    // One comparator, not Comparator.comparingInt(…).reversed().thenComparing(…): the JDK's
    // combinators are lambdas made when first called, a millisecond on a peer's first get.
    out.sort(
        (a, b) ->
            a.amongClosest() != b.amongClosest()
                ? Integer.compare(b.amongClosest(), a.amongClosest())
                : byDistance.compare(a.holders().get(0), b.holders().get(0)));
    return new ValueChoice(out);
  }

  /** The value by the rule, if any was found. */
  public Optional<Value> chosen() {
    return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0).value());
  }

  /** The nearest holder of the chosen value. */
  public Optional<Contact> holder() {
    return candidates.isEmpty()
        ? Optional.empty()
        : Optional.of(candidates.get(0).holders().get(0));
  }

  /** Whether peers returned more than one value. */
  public boolean conflicting() {
    return candidates.size() > 1;
  }
}
