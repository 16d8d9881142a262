package io.kadscope.engine;

import io.kadscope.engine.store.StoredValue;
import java.util.List;

/**
 * What a node needs to come back as itself after a restart: its id, the contacts it knew (to rejoin
 * through), the values it held with their timestamps, and the values it published but did not hold
 * (it still republishes those every 24 h).
 */
public record NodeState(
    NodeId id, List<Contact> contacts, List<StoredValue> values, List<StoredValue> published) {
  public NodeState {
    contacts = List.copyOf(contacts);
    values = List.copyOf(values);
    published = List.copyOf(published);
  }

  /** A state with no values published elsewhere. */
  public NodeState(NodeId id, List<Contact> contacts, List<StoredValue> values) {
    this(id, contacts, values, List.of());
  }
}
