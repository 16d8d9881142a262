package io.kadscope.engine;

import java.util.List;

/**
 * How a {@code set} ended.
 *
 * @param key the 160-bit key
 * @param storedOn the remote nodes that confirmed the store
 * @param failedOn the remote nodes among the k closest that did not confirm it
 * @param storedLocally whether this node is among the k closest and holds it too
 * @param lookupId the lookup that found the k closest, or 0 when there were no contacts
 */
public record SetResult(
    NodeId key,
    List<Contact> storedOn,
    List<Contact> failedOn,
    boolean storedLocally,
    long lookupId) {
  public SetResult {
    storedOn = List.copyOf(storedOn);
    failedOn = List.copyOf(failedOn);
  }

  /** Copies held: remote confirmations plus the local one. */
  public int copies() {
    return storedOn.size() + (storedLocally ? 1 : 0);
  }
}
