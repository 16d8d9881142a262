package io.kadscope.engine.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.util.List;
import java.util.Optional;

/**
 * How a lookup ended.
 *
 * @param closest the closest contacts that answered, closest first, at most k
 * @param value the value, for a value lookup that found one
 * @param holder the contact that returned the value
 * @param rpcs requests sent
 * @param rounds deepest round reached (1 = only contacts the node already knew)
 */
public record LookupResult(
    long lookupId,
    LookupKind kind,
    NodeId target,
    List<Contact> closest,
    Optional<Value> value,
    Optional<Contact> holder,
    int rpcs,
    int rounds) {
  public LookupResult {
    closest = List.copyOf(closest);
  }
}
