package io.kadscope.engine;

import java.util.List;

/**
 * How a {@code set} ended: which of the k closest nodes acknowledged the store, which refused it
 * (answered no: a full store, or a rate limit), and which did not answer.
 *
 * <pre>{@code
 * SetResult r = node.set("greeting", Value.of("hello")).join();
 * r.acknowledged() + " of " + r.asked();  // "19 of 20"
 * }</pre>
 *
 * @param key the 160-bit key
 * @param storedOn the remote nodes that acknowledged the store
 * @param failedOn the remote nodes among the k closest that did not answer it
 * @param refusedBy the remote nodes among the k closest that answered it and refused it
 * @param storedLocally whether this node is among the k closest and holds it too
 * @param lookupId the lookup that found the k closest, or 0 when there were no contacts
 */
public record SetResult(
    NodeId key,
    List<Contact> storedOn,
    List<Contact> failedOn,
    List<Contact> refusedBy,
    boolean storedLocally,
    long lookupId) {

  /** How the store went, in a word. */
  public enum Outcome {
    /** Every one of the closest nodes asked acknowledged it. */
    STORED,
    /** Some acknowledged it, some refused it or did not answer. */
    PARTLY_STORED,
    /**
     * No node acknowledged it: those asked to store it refused or did not answer, or no node even
     * answered the lookup for the closest. Held here only, if at all.
     */
    NOT_STORED,
    /** No other node was known: held here only. */
    ALONE
  }

  public SetResult {
    storedOn = List.copyOf(storedOn);
    failedOn = List.copyOf(failedOn);
    refusedBy = List.copyOf(refusedBy);
  }

  /** A result in which no node refused the store. */
  public SetResult(
      NodeId key,
      List<Contact> storedOn,
      List<Contact> failedOn,
      boolean storedLocally,
      long lookupId) {
    this(key, storedOn, failedOn, List.of(), storedLocally, lookupId);
  }

  /** Copies held: remote confirmations plus the local one. */
  public int copies() {
    return storedOn.size() + (storedLocally ? 1 : 0);
  }

  /** Remote nodes that acknowledged the store. */
  public int acknowledged() {
    return storedOn.size();
  }

  /** Remote nodes asked to store it: the k closest the lookup found. */
  public int asked() {
    return storedOn.size() + failedOn.size() + refusedBy.size();
  }

  /** How the store went. */
  public Outcome outcome() {
    if (asked() == 0) {
      return lookupId == 0 ? Outcome.ALONE : Outcome.NOT_STORED;
    }
    if (storedOn.isEmpty()) {
      return Outcome.NOT_STORED;
    }
    return storedOn.size() == asked() ? Outcome.STORED : Outcome.PARTLY_STORED;
  }
}
