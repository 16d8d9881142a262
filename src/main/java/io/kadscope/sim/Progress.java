package io.kadscope.sim;

/**
 * Told how far a long simulation task (building a network, a sweep) has come, on the thread that
 * runs it: hand anything slow to another thread.
 */
@FunctionalInterface
public interface Progress {
  /** Ignores every update. */
  Progress NONE = (fraction, message) -> {};

  /**
   * @param fraction done so far, from 0 to 1
   * @param message what is under way, in words ({@code "12,000 of 100,000 peers joined"})
   */
  void update(double fraction, String message);
}
