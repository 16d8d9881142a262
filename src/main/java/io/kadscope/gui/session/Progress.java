package io.kadscope.gui.session;

/**
 * Told how far a long task has got (building a network, a crawl, a sweep), from any thread; the
 * view-model that receives it moves the news onto the FX thread itself.
 */
@FunctionalInterface
public interface Progress {
  /** Tells nothing. */
  Progress NONE = (fraction, text) -> {};

  /**
   * @param fraction how much is done, from 0 to 1
   * @param text what is being done, in words ({@code "3,200 of 10,000 peers joined"})
   */
  void update(double fraction, String text);
}
