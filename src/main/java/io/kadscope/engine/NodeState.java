package io.kadscope.engine;

import io.kadscope.engine.store.StoredValue;
import java.util.List;

/**
 * What a node needs to come back as itself after a restart: its id, the contacts it knew (to rejoin
 * through), and the values it held with their timestamps.
 */
public record NodeState(NodeId id, List<Contact> contacts, List<StoredValue> values) {
  public NodeState {
    contacts = List.copyOf(contacts);
    values = List.copyOf(values);
  }
}
