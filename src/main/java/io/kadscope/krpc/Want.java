package io.kadscope.krpc;

/**
 * An address family a querier asks nodes of, in the {@code want} list of {@code find_node}, {@code
 * get_peers} and {@code get} (BEP 32): {@code n4} for {@code nodes}, {@code n6} for {@code nodes6}.
 */
public enum Want {
  /** IPv4 nodes, in {@code nodes}. */
  N4("n4"),
  /** IPv6 nodes, in {@code nodes6}. */
  N6("n6");

  private final String wire;

  Want(String wire) {
    this.wire = wire;
  }

  /** The string in the {@code want} list. */
  public String wire() {
    return wire;
  }

  /** The family named by a {@code want} entry, or null for one this codec does not know. */
  static Want of(BBytes entry) {
    for (Want w : values()) {
      if (entry.is(w.wire)) {
        return w;
      }
    }
    return null;
  }
}
