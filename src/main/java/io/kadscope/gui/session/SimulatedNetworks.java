package io.kadscope.gui.session;

import java.util.concurrent.CompletableFuture;

/** Builds simulated networks for the visualiser; the launcher hands one in with the launch. */
@FunctionalInterface
public interface SimulatedNetworks {
  /** The fewest peers a simulated network has. */
  int MIN_PEERS = 1_000;

  /** The most peers a simulated network has. */
  int MAX_PEERS = 100_000;

  /**
   * Builds a network of {@code peers} simulated peers, the last one (the window's node) a newcomer
   * that joined by a real join; completes with it running (not paused, at speed 1). Cancelling the
   * returned future gives the build up.
   *
   * @param seed makes the ids and the run repeatable
   * @throws IllegalArgumentException when {@code peers} is outside [{@link #MIN_PEERS}, {@link
   *     #MAX_PEERS}]
   */
  CompletableFuture<SimulatedNetwork> build(int peers, long seed, Progress progress);

  /** Checks a number of peers, saying the bounds when it is outside them. */
  static void checkPeers(int peers) {
    if (peers < MIN_PEERS || peers > MAX_PEERS) {
      throw new IllegalArgumentException(
          "a simulated network has "
              + String.format("%,d", MIN_PEERS)
              + " to "
              + String.format("%,d", MAX_PEERS)
              + " peers, found "
              + String.format("%,d", peers));
    }
  }
}
