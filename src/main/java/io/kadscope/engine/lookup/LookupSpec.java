package io.kadscope.engine.lookup;

import io.kadscope.engine.NodeId;
import java.util.Objects;

/**
 * What one lookup looks for, and how.
 *
 * @param id the lookup's id, as its events carry it
 * @param self the id of the node that runs it (never queried, never in its result)
 * @param kind node or value
 * @param purpose why it runs, for its events
 * @param target the id or key looked up
 * @param stop when a value lookup ends
 * @param k how many closest contacts it must hear from
 * @param alpha requests in flight at once
 * @param mode how it paces its requests
 */
public record LookupSpec(
    long id,
    NodeId self,
    LookupKind kind,
    LookupPurpose purpose,
    NodeId target,
    StopPolicy stop,
    int k,
    int alpha,
    LookupMode mode) {
  public LookupSpec {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(stop, "stop");
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
    if (alpha < 1) {
      throw new IllegalArgumentException("alpha must be at least 1, found " + alpha);
    }
  }

  /** A lookup that paces its requests as {@link LookupMode#PIPELINED}, the default. */
  public LookupSpec(
      long id,
      NodeId self,
      LookupKind kind,
      LookupPurpose purpose,
      NodeId target,
      StopPolicy stop,
      int k,
      int alpha) {
    this(id, self, kind, purpose, target, stop, k, alpha, LookupMode.PIPELINED);
  }
}
