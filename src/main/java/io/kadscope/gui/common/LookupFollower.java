package io.kadscope.gui.common;

import io.kadscope.engine.NodeId;
import java.util.List;

/**
 * Told, on the FX thread, that the user has just started an operation on a key (a get, a set, a
 * find or a delete from the form), whose lookup is about to begin: the lookup view picks that
 * lookup to follow it live, the ring shows the key, the window brings the lookup view to the front.
 */
@FunctionalInterface
public interface LookupFollower {
  /** Follows nothing. */
  LookupFollower NONE = target -> {};

  /** The user's operation on {@code target} is about to start its lookup. */
  void lookupStarting(NodeId target);

  /**
   * The operation on {@code target} ended without a lookup (a get answered from this node's own
   * store, say); {@code why} says so in words.
   */
  default void lookupSkipped(NodeId target, String why) {}

  /** The user's operation on {@code target} has ended, whatever its outcome. */
  default void operationEnded(NodeId target) {}

  /** One follower that tells each of {@code followers}, in order. */
  static LookupFollower all(LookupFollower... followers) {
    List<LookupFollower> each = List.of(followers);
    return new LookupFollower() {
      @Override
      public void lookupStarting(NodeId target) {
        each.forEach(f -> f.lookupStarting(target));
      }

      @Override
      public void lookupSkipped(NodeId target, String why) {
        each.forEach(f -> f.lookupSkipped(target, why));
      }

      @Override
      public void operationEnded(NodeId target) {
        each.forEach(f -> f.operationEnded(target));
      }
    };
  }
}
