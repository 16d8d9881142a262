package io.kadscope.engine.guard;

import org.slf4j.event.Level;

/** Why a node refused a message, or a contact, from a peer; {@link Refusals} counts each. */
public enum Refusal {
  /** A request carrying this node's own id: its own request, echoed back (or forged). */
  OWN_ID_REQUEST("request carrying this node's own id (its own request echoed back?)", Level.WARN),
  /** An answer carrying this node's own id, which no other node can honestly send. */
  OWN_ID_ANSWER("answer carrying this node's own id", Level.WARN),
  /** A ping answered by another id than the contact asked: not taken as that contact's answer. */
  WRONG_ID_ANSWER("answer from another id than the one asked", Level.INFO),
  /**
   * A known id seen at another address: the table keeps the address it knows until that address
   * stops answering, so that a forged sender cannot move a contact away.
   */
  MOVED_ID("known id seen at another address", Level.DEBUG),
  /** A request beyond the per-address request rate: not answered. */
  REQUEST_RATE("request over the per-address rate", Level.WARN),
  /** A store beyond the per-address store rate: answered false. */
  STORE_RATE("store over the per-address rate", Level.WARN),
  /** A store of a new key when the key quota is full of keys closer to this node. */
  STORE_KEYS("store over the key quota", Level.WARN),
  /** A store that would exceed the byte quota with values closer to this node. */
  STORE_BYTES("store over the byte quota", Level.WARN),
  /** A contact whose bucket already holds the most contacts allowed from its address. */
  CONTACTS_PER_ADDRESS("contact over the per-address limit of its bucket", Level.INFO);

  private final String label;
  private final Level level;

  Refusal(String label, Level level) {
    this.label = label;
    this.level = level;
  }

  /** What was refused, in a few words, for logs: {@code store over the key quota}. */
  public String label() {
    return label;
  }

  /** The level its log line is written at. */
  public Level level() {
    return level;
  }

  @Override
  public String toString() {
    return label;
  }
}
