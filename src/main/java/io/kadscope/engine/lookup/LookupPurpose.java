package io.kadscope.engine.lookup;

/**
 * Why a lookup ran, as its {@link io.kadscope.engine.event.EngineEvent.LookupStarted} event says.
 * {@link #label()} (and {@link #toString()}) give the word logs and the visualiser show.
 */
public enum LookupPurpose {
  /** A join's lookup of the node's own id. */
  JOIN("join"),
  /** A lookup of a random id in a bucket, to refresh it (paper 2.3). */
  REFRESH("refresh"),
  /** A {@code get}: a value lookup. */
  GET("get"),
  /** A {@code set}: finding the k closest nodes to store on. */
  SET("set"),
  /** A plain node lookup asked for by a user of the engine. */
  FIND_NODE("find_node"),
  /** Finding the k closest nodes to store a value on again (paper 2.5). */
  REPUBLISH("republish");

  private final String label;

  LookupPurpose(String label) {
    this.label = label;
  }

  /** The word logs and the visualiser show: {@code join}, {@code get}, … */
  public String label() {
    return label;
  }

  /** The same as {@link #label()}, so that string concatenation reads as before. */
  @Override
  public String toString() {
    return label;
  }
}
